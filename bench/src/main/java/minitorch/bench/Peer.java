package minitorch.bench;

/**
 * Something that can run a {@link Workload}: a MiniTorch backend, NumPy, PyTorch, EJML. The harness
 * prepares a workload once per peer (inputs built, outputs allocated, outside the timing), then asks
 * the prepared call to time batches of repetitions, interleaving peers round by round.
 */
public interface Peer extends AutoCloseable {

    /** The column name in the table. */
    String name();

    /** Why this peer cannot run {@code w} at all (e.g. EJML has no relu), or null if it can. */
    default String unsupported(Workload w) {
        return null;
    }

    /** Builds the inputs and output of {@code w}; the returned call is what gets timed. */
    Prepared prepare(Workload w) throws Exception;

    @Override
    default void close() throws Exception {}

    /** A workload made ready to run on one peer. */
    interface Prepared extends AutoCloseable {

        /** Runs the operation {@code reps} times back to back and returns the elapsed wall time in seconds. */
        double time(int reps) throws Exception;

        /**
         * Two checksums of the last result, used to check that peers computed the same thing:
         * the plain sum of the output and sum of |output|·weight(i), weight(i) = 1 + i mod 7.
         */
        double[] checksums() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** The checksums of a result given as doubles in row-major order. */
    static double[] checksums(double[] out) {
        double sum = 0, weighted = 0;
        for (int i = 0; i < out.length; i++) {
            sum += out[i];
            weighted += Math.abs(out[i]) * (1 + i % 7);
        }
        return new double[] {sum, weighted};
    }

    static double[] checksums(float[] out) {
        double sum = 0, weighted = 0;
        for (int i = 0; i < out.length; i++) {
            sum += out[i];
            weighted += Math.abs(out[i]) * (1 + i % 7);
        }
        return new double[] {sum, weighted};
    }
}
