package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuietTest {

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
        double waited = Quiet.await();
        spinner.join();
        // a full CPU is busy until the spinner ends, far above the threshold, so no window before then is idle
        assertTrue(waited >= 0.3, "waited only " + waited + " s while a thread spun for 0.4 s");
        assertTrue(waited <= (Quiet.MAX_MS + 2 * Quiet.WINDOW_MS) / 1000.0, "waited " + waited + " s, past the limit");
    }
}
