package minitorch.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.layout.IndexingError;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** TinyTorch's kernels module test cases (reference/kernels-and-matmul.md §A), with its tolerances. */
class KernelsTest {

    private static Tensor matrix(double[][] rows) {
        int n = rows.length, m = rows[0].length;
        double[] v = new double[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, v, i * m, m);
        }
        return Tensor.of(Backend.SIMPLE, DType.FLOAT64, v, n, m);
    }

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Random(seed), Backend.SIMPLE, DType.FLOAT64, shape);
    }

    /** numpy.allclose: |a - b| <= atol + rtol·|b| everywhere. */
    private static void assertAllClose(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]),
                    what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
        }
    }

    private static final Tensor A2 = matrix(new double[][] {{1, 2}, {3, 4}});
    private static final Tensor B2 = matrix(new double[][] {{5, 6}, {7, 8}});
    private static final Tensor C2 = matrix(new double[][] {{19, 22}, {43, 50}});

    // ---- step 1: matmul_baseline ------------------------------------------------------------------

    @Test
    void baselineMatmul() {
        assertAllClose("2x2", C2, MatmulKernels.baseline(A2, B2), 0, 0);
        assertAllClose("2x3 @ 3x2", matrix(new double[][] {{58, 64}, {139, 154}}),
                MatmulKernels.baseline(matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}),
                        matrix(new double[][] {{7, 8}, {9, 10}, {11, 12}})), 0, 0);
        Tensor a = randn(42, 32, 32), b = randn(43, 32, 32);
        assertAllClose("32x32 randn against the library's matmul", a.matmul(b), MatmulKernels.baseline(a, b), 1e-10, 0);
        assertArrayEquals(new int[] {100, 100}, MatmulKernels.baseline(randn(1, 100, 100), randn(2, 100, 100)).shape());
    }

    // ---- step 2: vectorization --------------------------------------------------------------------

    @Test
    void vectorizedRelu() {
        assertArrayEquals(new double[] {0, 0, 0, 1, 2}, VectorKernels.relu(Tensor.of(-2, -1, 0, 1, 2)).toDoubleArray());
        // lengths around the vector width exercise the SIMD body and the scalar tail
        Random r = new Random(3);
        for (int n : new int[] {0, 1, VectorKernels.LANES - 1, VectorKernels.LANES, 3 * VectorKernels.LANES + 5, 1001}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextGaussian();
            }
            assertArrayEquals(VectorKernels.reluPlain(x), VectorKernels.relu(x), "relu of " + n + " elements");
        }
    }

    @Test
    void vectorizedOperations() {
        VectorKernels.Operations ops = VectorKernels.operations(Tensor.of(1, 2, 3, 4), Tensor.of(2, 3, 4, 5));
        assertArrayEquals(new double[] {2, 6, 12, 20}, ops.multiply().toDoubleArray());
        assertArrayEquals(new double[] {3, 5, 7, 9}, ops.add().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, ops.squaredDifference().toDoubleArray());
        assertEquals(2.0, ops.euclideanDistance(), 1e-12);
        assertEquals(40.0, ops.dot(), 1e-12);
        IndexingError e = assertThrows(IndexingError.class,
                () -> VectorKernels.operations(Tensor.of(1, 2, 3), Tensor.of(1, 2)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        // against the plain loops on a length with a tail
        Random r = new Random(4);
        float[] x = new float[1003], y = new float[1003];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
            y[i] = (float) r.nextGaussian();
        }
        assertEquals(VectorKernels.dotPlain(x, y), VectorKernels.dot(x, y), 1e-3);
        double ss = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * y[i], VectorKernels.multiply(x, y)[i], 0);
            assertEquals(x[i] + y[i], VectorKernels.add(x, y)[i], 0);
            assertEquals((x[i] - y[i]) * (x[i] - y[i]), VectorKernels.squaredDifference(x, y)[i], 1e-5);
            ss += (x[i] - y[i]) * (double) (x[i] - y[i]);
        }
        assertEquals(Math.sqrt(ss), VectorKernels.euclideanDistance(x, y), 1e-3);
    }

    // ---- step 3: cache-friendly matmul ------------------------------------------------------------

    @Test
    void blockedMatmul() {
        assertAllClose("2x2 block 2", C2, MatmulKernels.blocked(A2, B2, 2), 0, 0);
        Tensor a = randn(5, 64, 64), b = randn(6, 64, 64);
        assertAllClose("64x64 block 16", a.matmul(b), MatmulKernels.blocked(a, b, 16), 1e-4, 1e-12);
        Tensor c = randn(7, 48, 32), d = randn(8, 32, 48);
        assertAllClose("48x32 @ 32x48 block 8", c.matmul(d), MatmulKernels.blocked(c, d, 8), 1e-4, 1e-12);
        Tensor e = randn(9, 37, 29), f = randn(10, 29, 41);
        assertAllClose("edge tiles: 37x29 @ 29x41 block 16", e.matmul(f), MatmulKernels.blocked(e, f, 16), 1e-10, 1e-12);
        IndexingError err = assertThrows(IndexingError.class, () -> MatmulKernels.blocked(randn(1, 2, 3), randn(2, 4, 2), 2));
        assertTrue(err.getMessage().contains("[2, 3]") && err.getMessage().contains("[4, 2]"), err.getMessage());
        assertThrows(IndexingError.class, () -> MatmulKernels.baseline(randn(1, 2, 3), randn(2, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> MatmulKernels.blocked(A2, B2, 0));
    }

    // ---- step 4: parallel -------------------------------------------------------------------------

    @Test
    void parallelRelu() {
        assertArrayEquals(new double[] {0, 0, 0, 1, 2}, ParallelKernels.relu(Tensor.of(-2, -1, 0, 1, 2), 2).toDoubleArray());
        float[] x = new float[2000];
        Random r = new Random(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        assertArrayEquals(VectorKernels.reluPlain(x), ParallelKernels.relu(x, 4), "2000 elements on 4 workers");
        float[] small = {-3, 1, -2, 5, 0, 7, -1};
        assertArrayEquals(VectorKernels.reluPlain(small), ParallelKernels.relu(small, 3, 0), "forced split, ragged chunks");
        assertArrayEquals(VectorKernels.reluPlain(small), ParallelKernels.relu(small, 16, 0), "more workers than elements");
        assertThrows(IllegalArgumentException.class, () -> ParallelKernels.relu(small, 0));
    }

    @Test
    void parallelBatchKeepsOrder() {
        List<Tensor> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            batch.add(randn(100 + i, 3 + i));   // different lengths: a reordering would show
        }
        List<Tensor> parallel = ParallelKernels.batch(batch, VectorKernels::relu, 4);
        assertEquals(batch.size(), parallel.size());
        for (int i = 0; i < batch.size(); i++) {
            assertArrayEquals(VectorKernels.relu(batch.get(i)).toDoubleArray(), parallel.get(i).toDoubleArray(), "item " + i);
        }
        assertEquals(2, ParallelKernels.batch(batch.subList(0, 2), VectorKernels::relu, 4).size(), "fewer items than workers");
    }

    // ---- step 5: timing ---------------------------------------------------------------------------

    @Test
    void timingGivesTheResultBack() {
        Tensor a = randn(12, 100, 100), b = randn(13, 100, 100);
        Timed<Tensor> baseline = Timed.time(() -> MatmulKernels.baseline(a, b));
        Timed<Tensor> blocked = Timed.time(() -> MatmulKernels.blocked(a, b, 32));
        assertTrue(baseline.nanos() > 0 && baseline.micros() == baseline.nanos() / 1e3);
        assertAllClose("baseline", a.matmul(b), baseline.result(), 1e-4, 1e-12);
        assertAllClose("cache-friendly", a.matmul(b), blocked.result(), 1e-2, 1e-12);
    }

    @Test
    void warmUpMakesAtLeastTheAskedCalls() {
        int[] calls = {0};
        Timed.warmUp(() -> calls[0]++, 20, 0.0);
        assertTrue(calls[0] >= 20, "calls: " + calls[0]);
        long start = System.nanoTime();
        Timed.warmUp(() -> calls[0]++, 0, 0.05);
        assertTrue(System.nanoTime() - start >= 50_000_000L, "runs for at least the asked time");
    }

    // ---- step 6: quantization ---------------------------------------------------------------------

    @Test
    void quantizedMatmulWithinTinyTorchsTolerance() {
        Tensor a = matrix(new double[][] {{1.0, 2.5, -4.0}, {3.0, -0.5, 2.0}});
        Tensor b = matrix(new double[][] {{3.5, -1.0}, {0.5, 2.0}, {-1.5, 3.0}});
        assertAllClose("scales 1/20", a.matmul(b), Quantization.quantizedMatmul(a, b, 1 / 20.0, 1 / 20.0), 0.1, 0);
    }

    @Test
    void quantizedReluWithinTinyTorchsTolerance() {
        Tensor x = Tensor.of(-2.0, -1.3, -0.2, 0.0, 0.4, 1.1, 2.0);
        Tensor q = Quantization.quantizedRelu(x, 1 / 50.0);
        assertAllClose("scale 1/50", x.relu(), q, 0.1, 0);
        assertEquals(DType.FLOAT32, q.dtype());
    }

    @Test
    void int8SimdMatmulEqualsThePlainLoops() {
        Random r = new Random(21);
        for (int[] s : new int[][] {{1, 1, 1}, {3, 7, 5}, {17, 33, 9}, {8, 64, 12}, {5, 784, 10}, {31, 100, 23}}) {
            int n = s[0], k = s[1], m = s[2];
            byte[] a = new byte[n * k], b = new byte[k * m];
            for (int i = 0; i < a.length; i++) a[i] = (byte) (r.nextInt(255) - 127);
            for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextInt(255) - 127);
            assertArrayEquals(Int8Matmul.plain(a, b, n, k, m), Int8Matmul.simd(a, Int8Matmul.transpose(b, k, m), n, k, m),
                    n + "x" + k + "x" + m);
        }
    }

    @Test
    void quantizeRoundTripsWithinHalfAStepAndIsFourTimesSmaller() {
        Tensor w = randn(31, 16, 50);
        QuantizedTensor perTensor = QuantizedTensor.quantize(w);
        assertEquals(16 * 50 + 4, perTensor.bytes());
        assertTrue(4 * w.size() >= 3.9 * perTensor.bytes(), "float32 takes 4 bytes per value, int8 one");
        double step = perTensor.scales()[0];
        assertAllClose("per tensor", w, perTensor.dequantize(Backend.SIMPLE), 0, step / 2 + 1e-6);
        // per channel: a row scaled down 100x keeps its precision only with its own scale
        double[] v = w.toDoubleArray();
        for (int j = 0; j < 50; j++) v[j] /= 100;
        Tensor uneven = Tensor.of(Backend.SIMPLE, DType.FLOAT64, v, 16, 50);
        QuantizedTensor perRow = QuantizedTensor.quantizePerChannel(uneven, 0);
        assertEquals(16, perRow.scales().length);
        Tensor back = perRow.dequantize(Backend.SIMPLE);
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 50; j++) {
                assertEquals(uneven.get(i, j), back.get(i, j), perRow.scales()[i] / 2 + 1e-7, "(" + i + "," + j + ")");
            }
        }
        assertTrue(perRow.scales()[0] < perRow.scales()[1] / 20, "the small row got a small scale");
        assertEquals(0.0, QuantizedTensor.quantize(Tensor.zeros(3)).dequantize(Backend.SIMPLE).sum().item());
        assertThrows(IllegalArgumentException.class, () -> QuantizedTensor.quantize(w, 0));
    }

    @Test
    void quantizedMatmulWithChannelScales() {
        Tensor x = randn(41, 6, 40), w = randn(42, 40, 7);
        Tensor exact = x.matmul(w);
        Tensor q = QuantizedTensor.quantizePerChannel(x, 0).matmul(QuantizedTensor.quantizePerChannel(w, 1), Backend.SIMPLE);
        // error bound: each product is off by about half a step of each factor, over 40 terms
        double worst = 0, scale = 0;
        for (int i = 0; i < exact.size(); i++) {
            worst = Math.max(worst, Math.abs(exact.toDoubleArray()[i] - q.toDoubleArray()[i]));
            scale = Math.max(scale, Math.abs(exact.toDoubleArray()[i]));
        }
        assertTrue(worst < 0.05 * scale, "max error " + worst + " against max |value| " + scale);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizedTensor.quantizePerChannel(x, 1).matmul(QuantizedTensor.quantize(w)));
        assertTrue(e.getMessage().contains("factor"), e.getMessage());
    }

    // ---- integration: a Dense(10, 5) + ReLU with baseline kernels and with optimized ones -------------

    @Test
    void denseLayerWithBaselineAndOptimizedKernelsAgrees() {
        Tensor x = randn(51, 4, 10), w = randn(52, 10, 5);
        Tensor baseline = VectorKernels.relu(MatmulKernels.baseline(x, w));
        Tensor optimized = ParallelKernels.relu(MatmulKernels.blocked(x, w, 4), 2);
        Tensor library = x.to(Backend.FAST).matmul(w.to(Backend.FAST)).relu();
        assertAllClose("blocked + parallel", baseline, optimized, 1e-6, 1e-6);
        assertAllClose("FAST matmul + relu", baseline, library, 1e-6, 1e-6);
    }
}
