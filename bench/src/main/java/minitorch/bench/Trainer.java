package minitorch.bench;

/**
 * One implementation of run_fast_tensor's training (reference §3.3): Linear 2→H→H→1 through matmul,
 * ReLU, ReLU, sigmoid; loss −log(p) of the right class; SGD; minibatches of 10 over the shuffled split
 * data set. The train suite times {@link #epoch} of each implementation, interleaved.
 */
interface Trainer extends AutoCloseable {

    /** The table column. */
    String name();

    /** One epoch: shuffle, then a step per minibatch; returns the last batch's total loss (as {@code minitorch train} logs it). */
    double epoch() throws Exception;

    /** Points the current model classifies right (out > 0.5 ⇔ label 1), over the whole data set. */
    int correct() throws Exception;

    @Override
    default void close() throws Exception {}

    int BATCH = 10;
}
