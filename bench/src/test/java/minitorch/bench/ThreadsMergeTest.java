package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Joining the reports of {@code bench --threads 1,2}: one table per section, a threads column, rows alternating. */
class ThreadsMergeTest {

    private static String report(int threads, String fast) {
        return String.join("\n",
                "## minitorch bench — 2026-12-01T19:00:00Z",
                "",
                "- machine: test",
                "- threads: " + threads + "; QUICK mode",
                "- numpy: numpy 2 (OPENBLAS_NUM_THREADS=" + threads + ")",
                "- ratios: fast÷peer",
                "",
                "### matmul (threads " + threads + ", median; load average before: 1.00)",
                "",
                "| operation | dtype | unit | fast | agree |",
                "|---|---|---|---|---|",
                "| matmul 8² | f32 | GFLOP/s | " + fast + " | yes |",
                "| matmul 8² | f64 | GFLOP/s | " + fast + "0 | yes |",
                "",
                "load average after: 1.00",
                "",
                "### train: run_fast_tensor (threads " + threads + ", median of 1 epochs)",
                "",
                "| model | unit | fast |",
                "|---|---|---|",
                "| split H=10 | s/epoch | 0.00" + threads + " |",
                "");
    }

    @Test
    void oneTablePerSectionWithAThreadsColumnAndTheRowsAlternating() {
        Map<Integer, String> reports = new LinkedHashMap<>();
        reports.put(1, report(1, "1.5"));
        reports.put(2, report(2, "2.5"));
        List<String> lines = ThreadsMerge.merge(reports).lines().toList();

        assertEquals(1, lines.stream().filter(l -> l.startsWith("### matmul")).count(), String.join("\n", lines));
        assertEquals(List.of(
                "| operation | threads | dtype | unit | fast | agree |",
                "|---|---|---|---|---|---|",
                "| matmul 8² | 1 | f32 | GFLOP/s | 1.5 | yes |",
                "| matmul 8² | 2 | f32 | GFLOP/s | 2.5 | yes |",
                "| matmul 8² | 1 | f64 | GFLOP/s | 1.50 | yes |",
                "| matmul 8² | 2 | f64 | GFLOP/s | 2.50 | yes |"),
                lines.stream().filter(l -> l.startsWith("|")).toList().subList(0, 6));
        assertEquals(List.of("| model | threads | unit | fast |", "|---|---|---|---|",
                "| split H=10 | 1 | s/epoch | 0.001 |", "| split H=10 | 2 | s/epoch | 0.002 |"),
                lines.stream().filter(l -> l.startsWith("|")).toList().subList(6, 10));
        assertEquals(List.of("### matmul (threads 1,2, median; load average before: 1.00)",
                "### train: run_fast_tensor (threads 1,2, median of 1 epochs)"),
                lines.stream().filter(l -> l.startsWith("###")).toList());
        assertEquals(List.of("threads 1, load average after: 1.00", "threads 2, load average after: 1.00"),
                lines.stream().filter(l -> l.contains("load average after")).toList());
        int footer = lines.indexOf("threads 1, load average after: 1.00");
        assertEquals("", lines.get(footer - 1), "a blank line between the table and its footer, or Markdown reads it as a row");
        assertEquals("", lines.get(footer + 1), "and between the two footers, or Markdown joins them into one line");
        assertEquals(List.of("- machine: test", "- threads: 1,2 (one bench process per thread count, rows alternate); QUICK mode",
                "- numpy: numpy 2 (OPENBLAS_NUM_THREADS=1)", "- numpy: numpy 2 (OPENBLAS_NUM_THREADS=2)", "- ratios: fast÷peer"),
                lines.stream().filter(l -> l.startsWith("- ")).toList());
        assertEquals("", lines.get(lines.indexOf("### train: run_fast_tensor (threads 1,2, median of 1 epochs)") + 1));
    }

    @Test
    void aLineThatIsNoTableRowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ThreadsMerge.withThreads("load average", "1"));
    }

    @Test
    void theThreadOptionsAreTakenOutOfTheArgumentsTheOtherOptionsKept() {
        assertEquals(List.of("--quick", "--suite", "matmul", "--sizes", "8"),
                BenchCommand.argsWithout(List.of("--quick", "-t", "1,2", "--suite", "matmul", "--threads=1,2",
                        "--output", "x.md", "-t2", "--sizes", "8", "-o=y.md"), "-t", "--threads", "-o", "--output"));
    }
}
