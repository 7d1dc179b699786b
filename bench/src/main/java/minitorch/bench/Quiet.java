package minitorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits, before each measurement, until the machine's CPUs are idle. A peer's worker threads go on spinning for
 * more work after its last call (NumPy's OpenBLAS threads for about 0.12 s, measured; OpenMP's in PyTorch),
 * and a measurement that starts meanwhile shares a CPU with them: on 2 vCPUs a two-thread run loses one of its
 * threads for part of the measurement, whichever peer it is (docs/PERFORMANCE.md, What is measured).
 *
 * <p>Reads Linux's {@code /proc/stat} in windows of {@value #WINDOW_MS} ms until one shows less than
 * {@value #BUSY_CPUS} of a CPU busy, for at most {@value #MAX_MS} ms; where there is no {@code /proc/stat} it
 * does not wait. {@code -Dminitorch.bench.quiet=false} turns it off (to measure what it changes).
 */
final class Quiet {
    static final long WINDOW_MS = 50;
    static final long MAX_MS = 1000;
    static final double BUSY_CPUS = 0.3;
    private static final String LIMIT = MAX_MS / 1000 + " s";
    private static final Path STAT = Path.of("/proc/stat");
    private static final boolean ON = !"false".equals(System.getProperty("minitorch.bench.quiet"));

    private Quiet() {}

    /**
     * The waits so far: how many, how many ran to the limit without an idle window (on a host whose other tenants
     * show in {@code /proc/stat}, every one would: then the measurements were not taken on idle CPUs), and their seconds.
     */
    record Tally(int waits, int atLimit, double seconds) {
        /** One line for a suite's footer: the waits since {@code before}; empty when there were none. */
        String since(Tally before) {
            int n = waits - before.waits, full = atLimit - before.atLimit;
            if (n == 0) return "";
            String limit = full == 0 ? "none ran to the " + LIMIT + " limit"
                    : full + " ran to the " + LIMIT + " limit without an idle window";
            return String.format(java.util.Locale.ROOT, "; waited for idle CPUs before %d measurements, %.2f s on average, %s",
                    n, (seconds - before.seconds) / n, limit);
        }
    }

    private static Tally tally = new Tally(0, 0, 0);

    /** The waits so far (one bench runs its measurements on one thread). */
    static synchronized Tally tally() { return tally; }

    private static synchronized void count(double waited, boolean atLimit) {
        tally = new Tally(tally.waits + 1, tally.atLimit + (atLimit ? 1 : 0), tally.seconds + waited);
    }

    /** Blocks until a window with the CPUs idle has passed (or the limit); returns the seconds it waited. */
    static double await() throws InterruptedException {
        long[] before = ON ? sample() : null;
        if (before == null) return 0;
        long start = System.nanoTime();
        while (true) {
            Thread.sleep(WINDOW_MS);
            long[] now = sample();
            if (now == null) return 0;
            long busy = now[0] - before[0], total = now[1] - before[1];
            double busyCpus = total <= 0 ? 0 : (double) busy / total * now[2];
            double waited = (System.nanoTime() - start) * 1e-9;
            boolean idle = busyCpus < BUSY_CPUS;
            if (idle || waited * 1000 >= MAX_MS) {
                count(waited, !idle);
                return waited;
            }
            before = now;
        }
    }

    /**
     * {busy, total} clock ticks of all CPUs so far (steal and guest time in neither) and the number of CPUs they cover
     * (the {@code cpuN} lines: a container may see more than it may use), or null where unreadable.
     */
    private static long[] sample() {
        try {
            var lines = Files.readAllLines(STAT);
            long cpus = lines.stream().filter(l -> l.matches("cpu\\d+\\s.*")).count();
            String[] f = lines.get(0).trim().split("\\s+");
            long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]), softirq = Long.parseLong(f[7]);
            long busy = user + nice + system + irq + softirq;
            return new long[] {busy, busy + idle + iowait, cpus};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
