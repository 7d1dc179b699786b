package minitorch.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code minitorch bench --cold}: FAST's first call beside its steady state, each measurement in a fresh JVM
 * ({@link ColdRun}), started without and with the launcher's ahead-of-time cache (JEP 483/514/515). The first
 * call is what a user who runs a command once sees; the steady state is what the other tables show.
 */
final class ColdBench {

    /** One row's measurements: each fresh JVM's result, without and with the AOT cache. */
    record Row(String label, String dtype, String unit, boolean rate, double work, List<ColdRun.Result> plain,
               List<ColdRun.Result> aot, String aotNote) {}

    private final int threads;
    private final int rounds;
    private final double warmupSeconds;
    private final Path aotCache;
    private final PrintStream out;

    /**
     * @param aotCache the launcher's AOT cache for this jar, or null (then the AOT column says why it is empty)
     */
    ColdBench(int threads, int rounds, double warmupSeconds, Path aotCache, PrintStream out) {
        this.threads = threads;
        this.rounds = rounds;
        this.warmupSeconds = warmupSeconds;
        this.aotCache = aotCache;
        this.out = out;
    }

    static void printHeader(PrintStream out) {
        out.println("| operation | threads | dtype | unit | 1st call | 1st call, AOT cache | 2nd call | warm "
                + "| 1st÷warm | 1st÷warm, AOT | fresh JVMs (pids; ᴬ: with the cache) |");
        out.println("|" + "---|".repeat(11));
    }

    Row measure(Workload w) {
        return measure(w.label(), w.dtypeName(), w.kind().unit, w.kind().higherIsBetter, w.kind().higherIsBetter ? w.flops()
                : w.elements(), ColdRun.encode(w));
    }

    Row measureTraining(int hidden, minitorch.tensor.DType dtype) {
        return measure("split H=" + hidden + " epoch", dtype == minitorch.tensor.DType.FLOAT32 ? "f32" : "f64", "s/epoch",
                false, 1, ColdRun.encodeTraining(hidden, dtype));
    }

    private Row measure(String label, String dtype, String unit, boolean rate, double work, String workload) {
        List<ColdRun.Result> plain = new ArrayList<>(), aot = new ArrayList<>();
        String aotNote = aotCache == null ? "no cache: run through ./minitorch with MINITORCH_AOT unset"
                : Files.isRegularFile(aotCache) ? null : "no file " + aotCache;
        for (int r = 0; r < rounds; r++) {
            plain.add(child(workload, null));
            if (aotNote != null) continue;
            try {
                aot.add(child(workload, aotCache));
            } catch (RuntimeException e) {
                aotNote = Harness.shortError(e);
            }
        }
        return new Row(label, dtype, unit, rate, work, plain, aot, aotNote);
    }

    void printRow(Row row) {
        double warm = median(row.plain().stream().mapToDouble(ColdRun.Result::warm).toArray());
        double first = median(row.plain().stream().mapToDouble(ColdRun.Result::first).toArray());
        double second = median(row.plain().stream().mapToDouble(ColdRun.Result::second).toArray());
        double aotFirst = row.aot().isEmpty() ? Double.NaN : median(row.aot().stream().mapToDouble(ColdRun.Result::first).toArray());
        List<String> pids = new ArrayList<>();
        for (ColdRun.Result r : row.plain()) pids.add(Long.toString(r.pid()));
        for (ColdRun.Result r : row.aot()) pids.add(r.pid() + "ᴬ");
        List<String> cols = List.of(row.label(), Integer.toString(threads), row.dtype(), row.unit(), score(row, first),
                row.aotNote() != null ? "n/a (" + row.aotNote() + ")" : score(row, aotFirst), score(row, second),
                score(row, warm), ratio(first / warm), ratio(aotFirst / warm), String.join(" ", pids));
        out.println("| " + String.join(" | ", cols) + " |");
        out.flush();
    }

    /** Seconds per call in the row's unit: GFLOP/s for matmul, ns per element, or seconds per epoch. */
    private static String score(Row row, double seconds) {
        if (Double.isNaN(seconds)) return "–";
        double v = row.unit().equals("s/epoch") ? seconds : row.rate() ? row.work() / seconds / 1e9 : seconds * 1e9 / row.work();
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : v >= 0.1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", r);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private ColdRun.Result child(String workload, Path cache) {
        return ColdRun.Result.parse(FreshJvm.run(FreshJvm.command(cache, ColdRun.class,
                List.of(workload, Integer.toString(threads), Double.toString(warmupSeconds))), true, line -> { }));
    }
}
