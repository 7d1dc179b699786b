package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up's stopping rule, on a fake clock (each step takes 0.1 s) and a fake JIT. */
class JitWarmUpTest {
    private static final long STEP_NANOS = 100_000_000L;

    /** Steps run with the JIT compiling until {@code compilingUntil} seconds after the start. */
    private static int steps(double seconds, double compilingUntil) throws Exception {
        AtomicLong clock = new AtomicLong();
        return JitWarmUp.run(seconds, () -> clock.addAndGet(STEP_NANOS),
                () -> clock.get() < compilingUntil * 1e9 ? clock.get() : -1, clock::get);
    }

    @Test
    void aQuietJitStopsAtTheWarmUpTime() throws Exception {
        assertEquals(10, steps(1.0, 0));
    }

    @Test
    void compilingPastTheWarmUpTimeGoesOnUntilTheJitHasBeenQuiet() throws Exception {
        // the JIT's total moves at every step until 2.5 s (the last change seen at 2.5 s), then 0.5 s of quiet
        assertEquals(30, steps(1.0, 2.5));
    }

    @Test
    void aJitThatNeverStopsIsCutOffAtTheCap() throws Exception {
        assertEquals(JitWarmUp.CAP * 10, steps(1.0, Double.MAX_VALUE));
    }
}
