package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import org.junit.jupiter.api.Test;

/**
 * Smoke tests of {@code minitorch bench}: the quickest settings with tiny sizes, checking the table's
 * structure and that the peers computed the same numbers. Timings are never asserted.
 */
class BenchCommandTest {

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BenchCommand.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        return text;
    }

    /** Table rows (lines starting with "| " that are not headers), split into trimmed cells. */
    private static List<String[]> rows(String text) {
        return text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| operation") && !l.startsWith("| model"))
                .map(l -> Arrays.stream(l.substring(2, l.length() - 2).split(" \\| ")).map(String::trim)
                        .toArray(String[]::new))
                .toList();
    }

    private static final String[] TINY = {"--quick", "--suite", "matmul,elementwise,reduce", "--sizes", "8,24",
        "--batched", "3x8", "--elements", "600", "--dtypes", "f32,f64", "--peers", "fast,simple,ejml"};

    /** The TINY run, shared by the tests that read it (one run keeps the suite fast). */
    private static String tinyOutput;

    private static synchronized String tiny() {
        if (tinyOutput == null) tinyOutput = run(TINY);
        return tinyOutput;
    }

    @Test
    void quickTableHasOneRowPerWorkloadAndAColumnPerPeer() {
        String text = tiny();
        // header: operation, dtype, unit, 3 peers, 2 ratios, agree = 9 columns
        String header = text.lines().filter(l -> l.startsWith("| operation")).findFirst().orElseThrow();
        assertEquals("| operation | dtype | unit | fast | simple | ejml | fast÷simple | fast÷ejml | agree |", header);
        List<String[]> rows = rows(text);
        // per dtype: 3 matmuls + 5 elementwise + 2 reductions
        assertEquals(2 * (3 + 5 + 2), rows.size(), text);
        for (String[] r : rows) assertEquals(9, r.length, String.join(" | ", r));
        assertTrue(text.contains("| matmul 24² | f64 | GFLOP/s |"), text);
        assertTrue(text.contains("| bcast add 24×24+24×1 | f32 | ns/elem |"), text);
        assertTrue(text.contains("| sum dim 1 24×24 | f32 | ns/elem |"), text);
        assertTrue(text.contains("load average"), text);
        for (String[] r : rows) assertTrue(!r[8].startsWith("NO"), "peers disagree: " + String.join(" | ", r));
    }

    @Test
    void fastAgreesWithSimpleOnEveryWorkload() {
        assumeTrue(implemented(Backend.FAST) && implemented(Backend.SIMPLE),
                "FastOps or SimpleOps not on this branch yet");
        for (String[] r : rows(tiny())) {
            assertNotEquals("n/a", r[3].split(" ")[0], "fast did not run: " + String.join(" | ", r));
            assertNotEquals("n/a", r[4].split(" ")[0], "simple did not run: " + String.join(" | ", r));
            assertEquals("yes", r[8], String.join(" | ", r));
        }
    }

    @Test
    void numpyComputesTheSameInputsAsJava() throws Exception {
        String[] why = new String[1];
        try (NumpyPeer numpy = NumpyPeer.start("python3", 1, why)) {
            assumeTrue(numpy != null, () -> why[0]);
            try (EjmlPeer ejml = new EjmlPeer(1)) {
                for (DType dt : DType.values()) {
                    Workload w = Workload.matmul(dt, 2, 16);
                    double[] expected = checksums(ejml, w);
                    double[] actual = checksums(numpy, w);
                    double tol = dt == DType.FLOAT32 ? 1e-4 : 1e-12;
                    assertEquals(expected[1], actual[1], tol * Math.abs(expected[1]), w.toString());
                    assertEquals(expected[0], actual[0], tol * Math.abs(expected[1]), w.toString());
                }
            }
        }
    }

    @Test
    void torchMatmulAgreesWithEjml() throws Exception {
        String[] why = new String[1];
        try (TorchPeer torch = TorchPeer.start(1, why); EjmlPeer ejml = new EjmlPeer(1)) {
            assumeTrue(torch != null, () -> why[0]);
            Workload w = Workload.matmul(DType.FLOAT64, 2, 16);
            assertEquals(checksums(ejml, w)[1], checksums(torch, w)[1], 1e-9 * Math.abs(checksums(ejml, w)[1]));
        }
    }

    @Test
    void quickTrainSuiteTimesAnEpochOfEachTrainer() {
        assumeTrue(implemented(Backend.FAST) && implemented(Backend.SIMPLE),
                "FastOps or SimpleOps not on this branch yet");
        String text = run("--quick", "--suite", "train", "--hidden", "3,5", "--peers", "fast,simple");
        List<String[]> rows = rows(text);
        assertEquals(2, rows.size(), text);
        for (String[] r : rows) {
            assertEquals(7, r.length, String.join(" | ", r)); // model, dtype, unit, fast, simple, fast÷simple, correct
            assertEquals("f32", r[1], String.join(" | ", r));
            assertTrue(Double.parseDouble(r[3]) > 0 && Double.parseDouble(r[4]) > 0, String.join(" | ", r));
            assertTrue(r[6].matches("fast \\d+, simple \\d+ after \\d+ epochs"), r[6]);
        }
    }

    @Test
    void quickMnistSuiteTimesLeNetSteps() {
        assumeTrue(implemented(Backend.FAST), "FastOps not on this branch yet");
        String text = run("--quick", "--suite", "mnist", "--peers", "fast", "--mnist-steps", "1", "--rounds", "1");
        List<String[]> rows = rows(text);
        assertEquals(1, rows.size(), text);
        String[] r = rows.get(0);
        assertEquals("s/epoch", r[1], text);
        assertTrue(Double.parseDouble(r[2]) > 0, text);
        assertTrue(r[3].startsWith("fast yes (max "), "fast checked against the float64 reference: " + text);
        double loss = Double.parseDouble(r[4].replace("fast ", ""));
        assertTrue(loss > 0 && loss < 10, "LeNet loss of 10 classes should start near ln 10 = 2.3: " + text);
        assertTrue(text.contains("agree: each peer's first 2 losses against MiniTorch FAST float64"), text);
    }

    @Test
    void quickSentimentSuiteTimesKimCnnStepsOfBothPeers() {
        assumeTrue(implemented(Backend.FAST), "FastOps not on this branch yet");
        String text = run("--quick", "--suite", "sentiment", "--peers", "fast,torch", "--sentiment-steps", "1", "--rounds", "1");
        assertTrue(text.contains("### sentiment: Kim CNN step (batch 32, length "), text);
        List<String[]> rows = rows(text);
        assertEquals(1, rows.size(), text);
        String[] r = rows.get(0);
        assertTrue(r[0].matches("SST-2 Kim CNN epoch \\([\\d,]+ sentences, extrapolated\\)"), r[0]);
        assertEquals("s/epoch", r[1], text);
        assertTrue(Double.parseDouble(r[2]) > 0, text);
        boolean torch = text.contains("| model | unit | fast | torch | fast÷torch | agree | last loss |");
        // without libtorch the torch column is left out and the run says why
        assertTrue(torch || text.contains("torch:"), text);
        String losses = r[r.length - 1];
        for (String part : losses.split(", ")) {
            double loss = Double.parseDouble(part.split(" ")[1]);
            assertTrue(loss > 0 && loss < 5, "binary cross-entropy should start near ln 2 = 0.69: " + text);
        }
        if (torch) {
            assertTrue(Double.parseDouble(r[3]) > 0 && Double.parseDouble(r[4]) > 0, text);
            assertTrue(r[5].matches("fast yes \\(max [^)]*\\), torch yes \\(max [^)]*\\)"), text);
        }
    }

    @Test
    void helpListsTheOptions() {
        String text = run("--help");
        for (String option : List.of("--suite", "--sizes", "--elements", "--threads", "--quick", "--peers", "--hidden")) {
            assertTrue(text.contains(option), option + " missing from --help:\n" + text);
        }
    }

    @Test
    void unknownSuiteIsOneReadableErrorAndNonZeroExit() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = BenchCommand.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    "--suite", "matmull");
        } finally {
            System.setErr(old);
        }
        assertNotEquals(0, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown suite 'matmull'"), err.toString());
    }

    private static double[] checksums(Peer peer, Workload w) throws Exception {
        try (Peer.Prepared call = peer.prepare(w)) {
            call.time(1);
            return call.checksums();
        }
    }

    private static boolean implemented(Backend b) {
        try {
            MiniTorchPeer.kernel(b, Workload.map("relu", DType.FLOAT32, 4)).call().run();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
