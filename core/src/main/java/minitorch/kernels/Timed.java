package minitorch.kernels;

import java.util.function.Supplier;

/**
 * A kernel's result and how long the call took (TinyTorch's {@code time_kernel}): one call, wall
 * time around it. A teaching aid for the lab's step-by-step comparisons; the numbers quoted in docs
 * come from {@code minitorch kernels} and {@code minitorch bench}, which warm up and repeat.
 *
 * <pre>{@code
 * Timed<Tensor> t = Timed.time(() -> MatmulKernels.baseline(a, b));
 * System.out.println(t.micros() + " µs");
 * }</pre>
 */
public record Timed<T>(T result, long nanos) {

    /** Runs {@code kernel} once and returns its result with the elapsed time. */
    public static <T> Timed<T> time(Supplier<T> kernel) {
        long start = System.nanoTime();
        T result = kernel.get();
        return new Timed<>(result, System.nanoTime() - start);
    }

    /**
     * Untimed calls until the JIT has compiled {@code kernel}: at least {@code minCalls} calls (unless they
     * take over {@code max(10 · minSeconds, 1 s)}) and {@code minSeconds}, in rounds of a tenth of {@code minSeconds},
     * then on until a round is no longer 10% faster per call than the best before it; at most
     * {@code max(10 · minSeconds, 30 s)} in all. The call
     * count matters as much as the time: Vector API code runs interpreted, hundreds of times slower,
     * until C2 has compiled it, which took 7 calls (7 s) of the FAST matmul on this project's loaded
     * 2-core machine.
     */
    public static void warmUp(Supplier<?> kernel, int minCalls, double minSeconds) {
        long start = System.nanoTime();
        long minimum = (long) (minSeconds * 1e9);
        long limit = Math.max(10 * minimum, 30_000_000_000L);
        long minCallsLimit = Math.max(10 * minimum, 1_000_000_000L);
        for (int i = 0; i < minCalls && System.nanoTime() - start < minCallsLimit; i++) {
            kernel.get();
        }
        double best = Double.POSITIVE_INFINITY;
        while (System.nanoTime() - start < limit) {
            long roundStart = System.nanoTime();
            int calls = 0;
            do {
                kernel.get();
                calls++;
            } while (System.nanoTime() - roundStart < minimum / 10);
            double perCall = (System.nanoTime() - roundStart) / (double) calls;
            boolean improving = perCall < 0.9 * best;
            best = Math.min(best, perCall);
            if (System.nanoTime() - start >= minimum && !improving) {
                return;
            }
        }
    }

    /** The elapsed time in microseconds, TinyTorch's unit. */
    public double micros() { return nanos / 1e3; }
}
