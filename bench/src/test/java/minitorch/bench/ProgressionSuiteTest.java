package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The progression suite at tiny sizes: every step runs, agrees with the float64 loops, and the
 * small-only steps say why they sit out the large table. Timings are never asserted.
 */
class ProgressionSuiteTest {

    @Test
    void everyStepAgreesWithTheFloat64Loops() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new ProgressionSuite(new Harness(Harness.Settings.QUICK, out), out, null, 1, false, 0.0)
                .run(Path.of("/nonexistent-minitorch-data"), 3, 120);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("### progression: 3×784 @ 784×10 (seeded random pixels"), text);
        assertTrue(text.contains("### progression: 120×784 @ 784×10"), text);
        List<String> rows = text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| step")).toList();
        // small table: 9 steps (with the first call) + GPU; large: 8 + GPU
        assertEquals(10 + 9, rows.size(), text);
        for (String step : new String[] {"naive loops, Tensor.get", "naive loops, float[] (first call", "JIT-compiled",
                "row·column SIMD dot", "elementwise (a[i,:] * b[:,j]).sum()", "broadcasting", "einsum(\"ik,kj->ij\")",
                "FAST matmul", "EJML", "GPU"}) {
            assertTrue(rows.stream().anyMatch(r -> r.contains(step)), step + " missing:\n" + text);
        }
        long measured = rows.stream().filter(r -> r.endsWith("| yes |")).count();
        long skipped = rows.stream().filter(r -> r.contains("n/a (run on small inputs only")).count();
        long gpu = rows.stream().filter(r -> r.contains("GPU")).count();
        assertEquals(2, skipped, "Tensor.get and elementwise sit out the large table:\n" + text);
        assertEquals(rows.size() - skipped - (minitorch.ops.cuda.CudaOps.unavailableReason().isPresent() ? gpu : 0),
                measured, "every measured step agrees:\n" + text);
        assertFalse(text.contains("NO ("), text);
    }

    @Test
    void naiveLoopsComputeTheProduct() {
        float[] a = new float[2 * ProgressionSuite.PIXELS], b = new float[ProgressionSuite.PIXELS * ProgressionSuite.CLASSES];
        for (int i = 0; i < a.length; i++) a[i] = (i % 13) / 13f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 7) - 3;
        double[] reference = ProgressionSuite.referenceProduct(a, b, 2);
        double[] arrays = ProgressionSuite.naiveArrays(a, b, 2);
        for (int i = 0; i < reference.length; i++) assertEquals(reference[i], arrays[i], 1e-3 * (1 + Math.abs(reference[i])));
        assertEquals("yes", ProgressionSuite.agrees(Peer.checksums(reference), Peer.checksums(arrays)));
        arrays[3] += 1;
        assertTrue(ProgressionSuite.agrees(Peer.checksums(reference), Peer.checksums(arrays)).startsWith("NO"),
                "a wrong element is caught");
    }
}
