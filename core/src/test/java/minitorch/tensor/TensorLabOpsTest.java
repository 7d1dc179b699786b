package minitorch.tensor;

import minitorch.layout.ElementType;
import minitorch.layout.IndexingError;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import minitorch.backend.Backend;
import minitorch.ops.SimpleOps;
import minitorch.ops.TensorOps;
import minitorch.testing.GradCheck;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.Test;

/**
 * The fast.ai / kernels-lab additions to Tensor: sqrt, pow, randn, expand, unsqueeze and user functions
 * (map / zip with a Java function). Forward values on every test backend and both dtypes against plain
 * Java math (on inputs large enough that FAST splits them over threads, and on permuted ones), and
 * gradients by central difference in float64 on contiguous and permuted inputs.
 */
class TensorLabOpsTest {
    private static final int ROWS = 230, COLS = 170; // 39,100 elements: above FAST's one-thread grain

    /** Positive values (sqrt, fractional powers), stored transposed when {@code permuted}. */
    private static Tensor positive(Backend backend, DType dtype, boolean permuted, long seed) {
        Random random = new Random(seed);
        double[] values = new double[ROWS * COLS];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1 + 3 * random.nextDouble();
        }
        Tensor t = Tensor.of(backend, dtype, values, ROWS, COLS);
        return permuted ? Tensor.fromData(t.permute(1, 0).contiguous().data().permute(1, 0), backend) : t;
    }

    private static void assertMapsElementwise(String what, Tensor in, Tensor out, DoubleUnaryOperator f) {
        assertArrayEquals(in.shape(), out.shape(), what + ": shape");
        assertEquals(in.dtype(), out.dtype(), what + ": dtype");
        double[] x = in.toDoubleArray();
        double[] y = out.toDoubleArray();
        double tol = in.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int i = 0; i < x.length; i++) {
            double expected = f.applyAsDouble(x[i]);
            assertTrue(Math.abs(expected - y[i]) <= tol * (1 + Math.abs(expected)),
                    what + " at " + i + ": f(" + x[i] + ") = " + expected + " but got " + y[i]);
        }
    }

    private interface Case {
        void run(Backend backend, DType dtype, boolean permuted);
    }

    private static void everywhere(Case c) {
        for (Backend backend : TestBackends.all()) {
            for (DType dtype : DType.values()) {
                for (boolean permuted : new boolean[] {false, true}) {
                    c.run(backend, dtype, permuted);
                }
            }
        }
    }

    @Test
    void sqrtAndPowMatchJavaMath() {
        everywhere((backend, dtype, permuted) -> {
            Tensor x = positive(backend, dtype, permuted, 1);
            String where = backend + " " + dtype + (permuted ? " permuted" : "");
            assertMapsElementwise("sqrt " + where, x, x.sqrt(), Math::sqrt);
            for (double p : new double[] {2, 3, 0.5, -1.5, 0}) {
                assertMapsElementwise("pow " + p + " " + where, x, x.pow(p), v -> Math.pow(v, p));
            }
        });
    }

    @Test
    void powOfNegativeBasesFollowsMathPow() {
        for (Backend backend : TestBackends.all()) {
            Tensor x = Tensor.of(backend, DType.FLOAT64, new double[] {-2, -1, 0, 1, 2}, 5);
            assertArrayEquals(new double[] {4, 1, 0, 1, 4}, x.pow(2).toDoubleArray(), 1e-12, backend.name());
            assertArrayEquals(new double[] {-8, -1, 0, 1, 8}, x.pow(3).toDoubleArray(), 1e-12, backend.name());
            assertTrue(Double.isNaN(x.pow(0.5).get(0)), "(-2)^0.5 is NaN as Math.pow gives");
            assertTrue(Double.isNaN(x.sqrt().get(1)), "sqrt(-1) is NaN");
        }
    }

    @Test
    void userFunctionsMatchTheirJavaDefinitions() {
        DoubleUnaryOperator f = v -> Math.sin(v) * v;
        DoubleBinaryOperator g = (a, b) -> Math.atan2(a, b);
        everywhere((backend, dtype, permuted) -> {
            String where = backend + " " + dtype + (permuted ? " permuted" : "");
            Tensor x = positive(backend, dtype, permuted, 2);
            assertMapsElementwise("map " + where, x, x.map(f), f);
            // zip against a broadcast row: out[i][j] = g(x[i][j], row[j])
            Tensor row = Tensor.rand(new Random(3), backend, dtype, COLS).sub(0.5);
            Tensor z = x.zip(row, g);
            assertArrayEquals(new int[] {ROWS, COLS}, z.shape());
            double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
            for (int i = 0; i < ROWS; i += 7) {
                for (int j = 0; j < COLS; j += 5) {
                    assertEquals(g.applyAsDouble(x.get(i, j), row.get(j)), z.get(i, j), tol, "zip " + where);
                }
            }
        });
    }

    @Test
    void theDefaultFunctionKernelsCopyThroughTheHost() {
        // A backend that only has the required kernels (as CUDA does for functions) gets
        // mapFunction / zipFunction from the interface's defaults.
        TensorOps minimal = new TensorOps() {
            public String name() { return "minimal"; }
            public Storage allocate(ElementType type, int size) { return SimpleOps.INSTANCE.allocate(type, size); }
            public Storage adopt(Storage source) { return SimpleOps.INSTANCE.adopt(source); }
            public void map(minitorch.ops.UnaryOp op, TensorData in, TensorData out) { SimpleOps.INSTANCE.map(op, in, out); }
            public void zip(minitorch.ops.BinaryOp op, TensorData a, TensorData b, TensorData out) {
                SimpleOps.INSTANCE.zip(op, a, b, out);
            }
            public void reduce(minitorch.ops.ReduceOp op, TensorData in, int dim, TensorData out) {
                SimpleOps.INSTANCE.reduce(op, in, dim, out);
            }
            public void matmul(TensorData a, TensorData b, TensorData out) { SimpleOps.INSTANCE.matmul(a, b, out); }
            public void conv1d(TensorData in, TensorData w, TensorData out, boolean reverse) {
                SimpleOps.INSTANCE.conv1d(in, w, out, reverse);
            }
            public void conv2d(TensorData in, TensorData w, TensorData out, boolean reverse) {
                SimpleOps.INSTANCE.conv2d(in, w, out, reverse);
            }
        };
        TensorData in = TensorData.contiguous(DType.FLOAT64.allocateHost(6), 2, 3).permute(1, 0);
        for (int i = 0; i < 6; i++) {
            in.storage().set(i, i + 1);
        }
        TensorData out = TensorData.zeros(ElementType.FLOAT64, 3, 2);
        minimal.mapFunction(v -> v * 10, in, out);
        assertArrayEquals(new double[] {10, 40, 20, 50, 30, 60}, out.toDoubleArray());
        TensorData row = TensorData.zeros(ElementType.FLOAT64, 2);
        row.storage().set(0, 100);
        row.storage().set(1, 200);
        minimal.zipFunction(Double::sum, in, row, out);
        assertArrayEquals(new double[] {101, 204, 102, 205, 103, 206}, out.toDoubleArray());
    }

    @Test
    void randnIsSeededAndStandardNormal() {
        Tensor a = Tensor.randn(new Random(7), Backend.SIMPLE, DType.FLOAT64, 200, 100);
        Tensor b = Tensor.randn(new Random(7), Backend.SIMPLE, DType.FLOAT64, 200, 100);
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), "same seed, same values");
        assertNotEquals(Arrays.toString(a.toDoubleArray()),
                Arrays.toString(Tensor.randn(new Random(8), Backend.SIMPLE, DType.FLOAT64, 200, 100).toDoubleArray()));
        double mean = a.mean().item();
        double variance = a.sub(mean).pow(2).mean().item();
        assertEquals(0, mean, 0.03, "mean of 20,000 draws");
        assertEquals(1, variance, 0.05, "variance of 20,000 draws");
        assertEquals(new Random(7).nextGaussian(), a.get(0, 0), 0, "drawn in row-major order");
        Tensor.manualSeed(3);
        double[] first = Tensor.randn(4).toDoubleArray();
        Tensor.manualSeed(3);
        assertArrayEquals(first, Tensor.randn(4).toDoubleArray(), "manualSeed repeats randn");
        assertEquals(DType.FLOAT32, Tensor.randn(new Random(1), Backend.FAST, DType.FLOAT32, 3).dtype());
    }

    @Test
    void expandIsAStrideZeroViewOfTheSameStorage() {
        for (Backend backend : TestBackends.all()) {
            Tensor c = Tensor.of(backend, DType.FLOAT64, new double[] {10, 20, 30}, 3);
            Tensor e = c.expand(3, 3);
            // fast.ai: t = c.expand_as(m); t.stride() == (0, 1), storage unchanged
            assertArrayEquals(new int[] {3, 3}, e.shape());
            assertArrayEquals(new int[] {0, 1}, e.data().strides());
            assertTrue(e.data().storage() == c.data().storage(), "no copy");
            assertArrayEquals(new double[] {10, 20, 30, 10, 20, 30, 10, 20, 30}, e.toDoubleArray());
            Tensor column = c.unsqueeze(1).expand(-1, 2);
            assertArrayEquals(new int[] {3, 2}, column.shape());
            assertArrayEquals(new double[] {10, 10, 20, 20, 30, 30}, column.toDoubleArray());
            assertArrayEquals(new double[] {11, 21, 31, 12, 22, 32, 13, 23, 33},
                    e.add(Tensor.of(backend, DType.FLOAT64, new double[] {1, 2, 3}, 3, 1)).toDoubleArray(),
                    backend.name() + ": an expanded view feeds any op");
        }
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        IndexingError wrong = assertThrows(IndexingError.class, () -> m.expand(4, 3));
        assertTrue(wrong.getMessage().contains("expand") && wrong.getMessage().contains("[2, 3]")
                && wrong.getMessage().contains("[4, 3]"), wrong.getMessage());
        assertThrows(IndexingError.class, () -> m.expand(3));
    }

    @Test
    void unsqueezeInsertsASizeOneDimensionAsTorchDoes() {
        Tensor c = Tensor.of(1, 2, 3);
        assertArrayEquals(new int[] {1, 3}, c.unsqueeze(0).shape());   // c[None, :]
        assertArrayEquals(new int[] {3, 1}, c.unsqueeze(1).shape());   // c[:, None]
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).permute(1, 0);
        Tensor u = m.unsqueeze(1);
        assertArrayEquals(new int[] {3, 1, 2}, u.shape());
        assertArrayEquals(m.toDoubleArray(), u.toDoubleArray());
        assertTrue(u.data().storage() == m.data().storage(), "a view");
        // the outer product by broadcasting
        assertArrayEquals(new double[] {1, 2, 3, 2, 4, 6, 3, 6, 9}, c.unsqueeze(1).mul(c.unsqueeze(0)).toDoubleArray());
        IndexingError e = assertThrows(IndexingError.class, () -> c.unsqueeze(2));
        assertTrue(e.getMessage().contains("unsqueeze") && e.getMessage().contains("[3]"), e.getMessage());
    }

    // ---- gradients: central differences in float64 ----------------------------------------------------

    private static void gradCheckEverywhere(String name, UnaryOperator<Tensor> f, boolean positiveOnly, int... shape) {
        Random random = new Random(name.hashCode());
        for (Backend backend : TestBackends.all()) {
            for (boolean permuted : new boolean[] {false, true}) {
                Tensor x = GradCheck.random(random, backend, permuted, shape);
                if (positiveOnly) {
                    x = GradCheck.leaf(Arrays.stream(x.toDoubleArray()).map(v -> 0.5 + Math.abs(v)).toArray(),
                            backend, permuted, shape);
                }
                GradCheck.check(name + " on " + backend + (permuted ? " permuted" : ""),
                        in -> f.apply(in.getFirst()), x);
            }
        }
    }

    @Test
    void sqrtAndPowGradients() {
        gradCheckEverywhere("sqrt", Tensor::sqrt, true, 3, 4);
        gradCheckEverywhere("pow 2", t -> t.pow(2), false, 3, 4);
        gradCheckEverywhere("pow 3", t -> t.pow(3), false, 2, 5);
        gradCheckEverywhere("pow -1.5", t -> t.pow(-1.5), true, 3, 4);
        gradCheckEverywhere("pow 0", t -> t.pow(0), false, 3, 2);
        gradCheckEverywhere("Frobenius norm", t -> t.mul(t).sum().sqrt(), false, 4, 3);
    }

    @Test
    void userFunctionGradientsUseTheGivenDerivatives() {
        gradCheckEverywhere("map sin", t -> t.map(Math::sin, Math::cos), false, 3, 4);
        gradCheckEverywhere("map x^3", t -> t.map(v -> v * v * v, v -> 3 * v * v), false, 2, 3);
        Random random = new Random(5);
        for (Backend backend : TestBackends.all()) {
            for (boolean permuted : new boolean[] {false, true}) {
                Tensor a = GradCheck.random(random, backend, permuted, 3, 4);
                Tensor b = GradCheck.random(random, backend, false, 4);
                GradCheck.check("zip a*sin(b) on " + backend, in -> in.get(0).zip(in.get(1),
                        (x, y) -> x * Math.sin(y), (x, y) -> Math.sin(y), (x, y) -> x * Math.cos(y)), a, b);
                GradCheck.check("zip hypot on " + backend, in -> in.get(0).zip(in.get(1), Math::hypot,
                        (x, y) -> x / Math.hypot(x, y), (x, y) -> y / Math.hypot(x, y)), a, b.add(2));
            }
        }
    }

    @Test
    void backwardThroughAFunctionWithoutDerivativeFailsClearly() {
        Tensor x = Tensor.of(1, 2, 3).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.map(Math::sin).sum().backward());
        assertTrue(e.getMessage().contains("map") && e.getMessage().contains("derivative"), e.getMessage());
        Tensor y = Tensor.of(1, 2, 3).requiresGrad(true);
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> y.zip(Tensor.of(4, 5, 6), Math::max).sum().backward());
        assertTrue(z.getMessage().contains("zip") && z.getMessage().contains("derivative"), z.getMessage());
        // without a gradient, no derivative is needed
        assertArrayEquals(new double[] {4, 5, 6}, Tensor.of(1, 2, 6).zip(Tensor.of(4, 5, 3), Math::max).toDoubleArray());
    }

    @Test
    void expandAndUnsqueezeGradientsSumOverTheRepeats() {
        gradCheckEverywhere("expand", t -> t.expand(4, 3, 2).mul(t.expand(4, 3, 2)), false, 1, 2);
        gradCheckEverywhere("expand -1", t -> t.expand(2, -1, 5).map(Math::sin, Math::cos), false, 3, 1);
        gradCheckEverywhere("unsqueeze", t -> t.unsqueeze(1).mul(t.unsqueeze(2)), false, 2, 3);
        gradCheckEverywhere("expand into matmul", t -> t.unsqueeze(0).expand(2, 3, 3).matmul(t), false, 3, 3);
        Tensor x = Tensor.of(1, 2, 3).requiresGrad(true);
        x.expand(4, 3).sum().backward();
        assertArrayEquals(new double[] {4, 4, 4}, x.grad().toDoubleArray(), "each element was used 4 times");
    }
}
