package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import minitorch.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --cold} and {@code bench --threads 1,2}: the table layouts, that each measurement really is a
 * process of its own (its pid), and that an AOT cache that does not fit is reported, not silently ignored.
 * Timings are never asserted.
 */
class ColdBenchTest {

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BenchCommand.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        return text;
    }

    private static List<String[]> rows(String text, String headerStart) {
        return text.lines().filter(l -> l.startsWith("| ") && !l.startsWith(headerStart))
                .map(l -> Arrays.stream(l.substring(2, l.length() - 2).split(" \\| ")).map(String::trim).toArray(String[]::new))
                .toList();
    }

    @Test
    void workloadsTravelToTheFreshJvmUnchanged() {
        for (Workload w : List.of(Workload.matmul(DType.FLOAT32, 3, 8), Workload.sum(DType.FLOAT64, 100, 1),
                Workload.broadcastAdd(DType.FLOAT32, 600), Workload.map("relu", DType.FLOAT64, 10))) {
            Workload back = ColdRun.decode(ColdRun.encode(w));
            assertEquals(w.toString(), back.toString());
            assertEquals(w.dim(), back.dim());
        }
        assertThrows(IllegalArgumentException.class, () -> ColdRun.decode("matmul 8"));
    }

    @Test
    void aResultLineIsReadBackAndItsAbsenceQuotesWhatWasPrinted() {
        ColdRun.Result r = new ColdRun.Result(42, 1.5, 0.25, 0.125);
        assertEquals(r, ColdRun.Result.parse("WARNING: Using incubator modules\n" + r.format() + "\n"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ColdRun.Result.parse("Error: boom"));
        assertTrue(e.getMessage().contains("Error: boom"), e.getMessage());
    }

    @Test
    void coldRowsComeFromFreshJvmsEachWithItsOwnPid(@TempDir Path dir) throws Exception {
        Path notACache = Files.writeString(dir.resolve("not-a-cache.aot"), "not an AOT cache");
        String text = run("--cold", "--quick", "--suite", "matmul,train", "--sizes", "8", "--batched", "2x8",
                "--dtypes", "f32", "--hidden", "4", "--rounds", "2", "--aot-cache", notACache.toString());
        String header = "| operation | threads | dtype | unit | 1st call | 1st call, AOT cache | 2nd call | warm "
                + "| 1st÷warm | 1st÷warm, AOT | fresh JVMs (pids; ᴬ: with the cache) |";
        assertEquals(2, text.lines().filter(header::equals).count(), text);
        List<String[]> rows = rows(text, "| operation");
        assertEquals(List.of("matmul 8²", "bmm 2×8²", "split H=4 epoch"), rows.stream().map(r -> r[0]).toList(), text);
        Set<String> pids = new HashSet<>();
        for (String[] r : rows) {
            assertEquals(11, r.length, String.join(" | ", r));
            assertEquals("2", r[1]);
            for (int c : new int[] {4, 6, 7}) assertTrue(Double.parseDouble(r[c]) > 0, String.join(" | ", r));
            // the cache is no cache: the JVM asked to use it (AOTMode=on) refuses, and the column says so
            assertTrue(r[5].startsWith("n/a (") && r[5].contains("exited with"), r[5]);
            List<String> own = List.of(r[10].split(" "));
            assertEquals(2, own.size(), r[10]);
            pids.addAll(own);
        }
        assertEquals(6, pids.size(), "a pid measured twice: " + text);
        assertTrue(!pids.contains(Long.toString(ProcessHandle.current().pid())), "measured in the test's own JVM");
    }

    @Test
    void twoThreadCountsMakeOneTableWithARowPerCount() {
        String text = run("--quick", "--suite", "matmul", "--sizes", "8", "--batched", "2x8", "--dtypes", "f32,f64",
                "--peers", "fast,simple", "--threads", "1,2");
        assertEquals(1, text.lines().filter(l -> l.startsWith("| operation")).count(), text);
        assertTrue(text.contains("| operation | threads | dtype | unit | fast | simple | fast÷simple | agree |"), text);
        List<String[]> rows = rows(text, "| operation");
        assertEquals(8, rows.size(), text);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i % 2 == 0 ? "1" : "2", rows.get(i)[1], String.join(" | ", rows.get(i)));
            assertEquals("yes", rows.get(i)[7], String.join(" | ", rows.get(i)));
        }
        assertEquals(List.of("f32", "f32", "f32", "f32", "f64", "f64", "f64", "f64"), rows.stream().map(r -> r[2]).toList());
        assertNotEquals(-1, text.indexOf("- threads: 1,2"), text);
    }
}
