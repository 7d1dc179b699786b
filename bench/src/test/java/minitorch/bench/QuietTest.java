package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuietTest {

    /** The suite footer's line counts the waits since the suite began, and says how many never saw idle CPUs. */
    @Test
    void theTallyCountsASuitesWaits() {
        Quiet.Tally before = new Quiet.Tally(3, 0, 0.2), after = new Quiet.Tally(7, 1, 1.8);
        assertEquals("; waited for idle CPUs before 4 measurements, 0.40 s on average, 1 ran to the 1 s limit without an"
                + " idle window", after.since(before));
        assertEquals("; waited for idle CPUs before 4 measurements, 0.40 s on average, none ran to the 1 s limit",
                new Quiet.Tally(7, 0, 1.8).since(before));
        assertEquals("", before.since(before), "no waits (--quick, or turned off): nothing to say");
    }

    /** A thread that spins (as a peer's worker does after its last call) holds the next measurement back until it stops. */
    @Test
    void waitsWhileAThreadSpinsAndNoLongerThanItsLimit() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Quiet reads Linux's /proc/stat");
        long spinNanos = 400_000_000L;
        Thread spinner = new Thread(() -> {
            long end = System.nanoTime() + spinNanos;
            while (System.nanoTime() < end) Thread.onSpinWait();
        });
        spinner.start();
        Quiet.Tally before = Quiet.tally();
        double waited = Quiet.await();
        spinner.join();
        assertEquals(before.waits() + 1, Quiet.tally().waits(), "the wait is counted");
        // a full CPU is busy until the spinner ends, far above the threshold, so no window before then is idle
        assertTrue(waited >= 0.3, "waited only " + waited + " s while a thread spun for 0.4 s");
        assertTrue(waited <= (Quiet.MAX_MS + 2 * Quiet.WINDOW_MS) / 1000.0, "waited " + waited + " s, past the limit");
    }
}
