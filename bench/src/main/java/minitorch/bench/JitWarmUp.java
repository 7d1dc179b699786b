package minitorch.bench;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Warm-up that lasts until the JIT is done: a step runs for at least the warm-up time, then on until the JIT has
 * compiled nothing for {@link #QUIET_SECONDS}, and at most {@link #CAP} times the warm-up time. On 2 vCPUs C2's
 * threads take a core for seconds; a fixed 3 s left float32's training epochs timed while C2 was still compiling
 * (8–9 ms against 5–6 ms a second later), and the float64 epoch of {@code bench --cold} "warm" at 30 ms against the
 * train suite's 7 ms.
 */
final class JitWarmUp {
    private JitWarmUp() {}

    /** How long the JIT must have compiled nothing. */
    static final double QUIET_SECONDS = 0.5;
    /** The longest warm-up, in multiples of the asked-for time. */
    static final int CAP = 4;

    /** One warm-up step. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} until the JIT is quiet (see the class); returns the steps run. */
    static int run(double seconds, Step step) throws Exception {
        var jit = ManagementFactory.getCompilationMXBean();
        return run(seconds, step, jit::getTotalCompilationTime, System::nanoTime);
    }

    /** {@link #run(double, Step)} with the JIT's total compilation time and the clock given (for tests). */
    static int run(double seconds, Step step, LongSupplier compiledMillis, LongSupplier nanoTime) throws Exception {
        long start = nanoTime.getAsLong();
        long minEnd = start + (long) (seconds * 1e9), maxEnd = start + (long) (CAP * seconds * 1e9);
        long compiled = compiledMillis.getAsLong(), quietSince = start;
        int steps = 0;
        while (true) {
            step.run();
            steps++;
            long now = nanoTime.getAsLong(), total = compiledMillis.getAsLong();
            if (total != compiled) {
                compiled = total;
                quietSince = now;
            }
            if (now >= maxEnd || now >= minEnd && now - quietSince >= (long) (QUIET_SECONDS * 1e9)) return steps;
        }
    }
}
