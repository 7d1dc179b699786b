package minitorch.train;

import java.util.function.IntSupplier;

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

    /**
     * What an epoch reports: the loss and how many points were classified correctly. A model that needs a pass of its
     * own to count them (the fast model: a forward pass over every point, which run_fast_tensor.py makes only on the
     * epochs it logs) counts them when first asked, and only while no later epoch has been trained.
     */
    final class EpochResult {
        private final double loss;
        private final IntSupplier count;
        private int correct = -1;

        /** An epoch whose correct count is already known. */
        public EpochResult(double loss, int correct) {
            this(loss, () -> correct);
            this.correct = correct;
        }

        private EpochResult(double loss, IntSupplier count) {
            this.loss = loss;
            this.count = count;
        }

        /** An epoch whose correct count {@code count} computes when first asked (it may throw if asked too late). */
        public static EpochResult countedWhenAsked(double loss, IntSupplier count) {
            return new EpochResult(loss, count);
        }

        public double loss() { return loss; }

        public int correct() {
            if (correct < 0) correct = count.getAsInt();
            return correct;
        }

        /** Does not count: a count asked for too late would throw, and printing a result should not. */
        @Override
        public String toString() {
            return "EpochResult[loss=" + loss + ", correct=" + (correct < 0 ? "not counted yet" : correct) + "]";
        }
    }

    /** Creates a trainer for a model kind. */
    @FunctionalInterface
    interface Factory {
        Trainer create(minitorch.data.Graph data, TrainConfig config);
    }
}
