package minitorch.train;

/**
 * One model being trained on a 2-D data set, the way one of the original's project scripts trains it
 * (run_scalar.py, run_tensor.py, run_fast_tensor.py). {@link TrainLoop} drives it epoch by epoch, logs, and
 * plots its decision boundary through {@link #predict}.
 *
 * <p>A new kind of model implements this, and registers a factory in {@link Model}.
 */
public interface Trainer {

    /**
     * Trains one epoch, numbered from 1, and returns the total loss and the number of correctly classified
     * points exactly as the original's script computes them for its log line.
     */
    EpochResult trainEpoch(int epoch);

    /** The model's probability of class 1 at each point {@code (x_1, x_2)}. */
    double[] predict(double[][] points);

    /** What an epoch reports: the loss and how many points were classified correctly. */
    record EpochResult(double loss, int correct) {}

    /** Creates a trainer for a model kind. */
    @FunctionalInterface
    interface Factory {
        Trainer create(minitorch.data.Graph data, TrainConfig config);
    }
}
