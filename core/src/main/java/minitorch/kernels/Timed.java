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

    /** The elapsed time in microseconds, TinyTorch's unit. */
    public double micros() { return nanos / 1e3; }
}
