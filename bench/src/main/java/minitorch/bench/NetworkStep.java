package minitorch.bench;

/**
 * One training step of a network (forward, backward, optimizer update) on one batch of type {@code B},
 * in MiniTorch or in a peer: what the network suites time, interleaved, on the same batches.
 */
interface NetworkStep<B> extends AutoCloseable {
    String name();

    /** Forward, backward and update on one batch; returns the loss. */
    double step(B batch) throws Exception;

    @Override
    default void close() {}
}
