package minitorch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A backend's kernels must give SimpleOps's results, for every op, both dtypes, and any
 * layout: contiguous, permuted (non-contiguous), broadcast (stride 0), written into a permuted
 * output. Extend it with the backend under test ({@code FastOpsConformanceTest},
 * a CUDA one); {@link #largeSize()} sets the size of the "big" cases so a backend's parallel and
 * blocked paths are crossed (FAST needs more than 2^15 elements; shapes include lengths that are
 * not multiples of any SIMD width, so tails are crossed too).
 */
public abstract class OpsConformanceTest {

    /** The backend under test. */
    protected abstract TensorOps backend();

    /** The reference. */
    protected TensorOps reference() { return SimpleOps.INSTANCE; }

    /** Elements of the large elementwise cases. */
    protected int largeSize() { return 70_001; }

    private static final ElementType[] DTYPES = {ElementType.FLOAT64, ElementType.FLOAT32};

    // ---- inputs ------------------------------------------------------------------------------

    /** How input values are drawn: continuous, a coarse grid (comparisons are exact), or positive (log, inv). */
    enum Values { CONTINUOUS, GRID, POSITIVE }

    /**
     * A tensor of {@code shape} whose storage is laid out in the permuted {@code order} (so it is
     * non-contiguous unless order is the identity), filled with values of the given kind.
     */
    static TensorData tensor(TensorOps backend, ElementType dtype, Random random, Values values, int[] shape, int[] order) {
        int[] stored = new int[shape.length];
        int[] inverse = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            stored[i] = shape[order[i]];
            inverse[order[i]] = i;
        }
        int size = TensorData.checkedSize(shape, "test");
        Storage host = dtype.allocateHost(size);
        for (int i = 0; i < size; i++) {
            host.set(i, switch (values) {
                case CONTINUOUS -> random.nextDouble() * 2 - 1;
                case GRID -> (random.nextInt(33) - 16) / 8.0;
                case POSITIVE -> 0.5 + random.nextDouble() * 2;
            });
        }
        return TensorData.contiguous(backend.adopt(host), stored).permute(inverse);
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    static int[] reversed(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        return order;
    }

    /** A zeroed output on {@code backend}, contiguous or laid out reversed. */
    static TensorData output(TensorOps backend, ElementType dtype, int[] shape, boolean permuted) {
        int[] order = permuted ? reversed(shape.length) : identity(shape.length);
        int[] stored = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            stored[i] = shape[order[i]];
        }
        Storage s = backend.allocate(dtype, TensorData.checkedSize(shape, "test"));
        return TensorData.contiguous(s, stored).permute(order);
    }

    /** The same elements and layout, on another backend (a copy). */
    static TensorData copyTo(TensorOps backend, TensorData t) {
        Storage src = t.storage();
        Storage host = t.elementType().allocateHost(src.size());
        double[] values = src.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            host.set(i, values[i]);
        }
        return new TensorData(backend.adopt(host), t.shape(), t.strides());
    }

    static Values valuesFor(UnaryOp op) {
        return op == UnaryOp.LOG || op == UnaryOp.INV || op == UnaryOp.SQRT ? Values.POSITIVE : op == UnaryOp.RELU ? Values.GRID : Values.CONTINUOUS;
    }

    static Values valuesFor(BinaryOp op) {
        return switch (op) {
            case LT, EQ, IS_CLOSE, MAX, RELU_BACK -> Values.GRID;
            case LOG_BACK, INV_BACK, SQRT_BACK, POW -> Values.POSITIVE;
            default -> Values.CONTINUOUS;
        };
    }

    /** Tolerance: float32 kernels may use other (SIMD) approximations and summation orders. */
    static void assertClose(String what, TensorData expected, TensorData actual, double scale) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        boolean f32 = expected.elementType() == ElementType.FLOAT32 || actual.elementType() == ElementType.FLOAT32;
        double rtol = f32 ? 2e-5 : 1e-10;
        double atol = (f32 ? 2e-5 : 1e-10) * scale;
        for (int i = 0; i < e.length; i++) {
            if (e[i] == a[i] || (Double.isNaN(e[i]) && Double.isNaN(a[i]))) {
                continue;
            }
            if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail(what + ": element " + i + " of " + Arrays.toString(expected.shape()) + " expected " + e[i]
                        + " but was " + a[i]);
            }
        }
    }

    // ---- cases -------------------------------------------------------------------------------

    /** (input shape, input layout order, output shape, output permuted?) for map. */
    private record MapCase(int[] in, int[] order, int[] out, boolean outPermuted) {
        @Override public String toString() {
            return Arrays.toString(in) + (Arrays.equals(order, identity(in.length)) ? "" : " perm" + Arrays.toString(order))
                    + " -> " + Arrays.toString(out) + (outPermuted ? " (out permuted)" : "");
        }
    }

    private List<MapCase> mapCases() {
        int big = largeSize();
        return List.of(
                new MapCase(new int[] {1}, identity(1), new int[] {1}, false),
                new MapCase(new int[] {7}, identity(1), new int[] {7}, false),
                new MapCase(new int[] {33}, identity(1), new int[] {33}, false),
                new MapCase(new int[] {3, 5, 17}, identity(3), new int[] {3, 5, 17}, false),
                new MapCase(new int[] {17, 9, 5}, new int[] {2, 0, 1}, new int[] {17, 9, 5}, false),
                new MapCase(new int[] {6, 11}, identity(2), new int[] {6, 11}, true),
                new MapCase(new int[] {17}, identity(1), new int[] {4, 17}, false),
                new MapCase(new int[] {5, 1}, identity(2), new int[] {5, 33}, false),
                new MapCase(new int[] {1}, identity(1), new int[] {3, 19}, false),
                new MapCase(new int[] {big}, identity(1), new int[] {big}, false),
                new MapCase(new int[] {301, 233}, new int[] {1, 0}, new int[] {301, 233}, false),
                new MapCase(new int[] {233}, identity(1), new int[] {301, 233}, false));
    }

    @TestFactory
    Stream<DynamicTest> mapMatchesReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ElementType dtype : DTYPES) {
            for (UnaryOp op : UnaryOp.values()) {
                tests.add(DynamicTest.dynamicTest("map " + op + " " + dtype, () -> {
                    Random random = new Random(op.ordinal() * 31L + dtype.ordinal());
                    for (MapCase c : mapCases()) {
                        TensorData in = tensor(backend(), dtype, random, valuesFor(op), c.in(), c.order());
                        TensorData out = output(backend(), dtype, c.out(), c.outPermuted());
                        backend().map(op, in, out);
                        TensorData expected = output(reference(), dtype, c.out(), false);
                        reference().map(op, copyTo(reference(), in), expected);
                        assertClose("map " + op + " " + dtype + " " + c, expected, out, 1);
                    }
                }));
            }
        }
        return tests.stream();
    }

    private record ZipCase(int[] a, int[] aOrder, int[] b, int[] bOrder, boolean outPermuted) {
        @Override public String toString() {
            return Arrays.toString(a) + (Arrays.equals(aOrder, identity(a.length)) ? "" : " perm" + Arrays.toString(aOrder))
                    + " with " + Arrays.toString(b) + (Arrays.equals(bOrder, identity(b.length)) ? "" : " perm" + Arrays.toString(bOrder))
                    + (outPermuted ? " (out permuted)" : "");
        }
    }

    private List<ZipCase> zipCases() {
        int big = largeSize();
        return List.of(
                new ZipCase(new int[] {1}, identity(1), new int[] {1}, identity(1), false),
                new ZipCase(new int[] {37}, identity(1), new int[] {37}, identity(1), false),
                new ZipCase(new int[] {4, 9, 5}, identity(3), new int[] {4, 9, 5}, new int[] {2, 1, 0}, false),
                new ZipCase(new int[] {4, 9, 5}, new int[] {1, 2, 0}, new int[] {4, 9, 5}, identity(3), true),
                new ZipCase(new int[] {10, 100}, identity(2), new int[] {100}, identity(1), false),
                new ZipCase(new int[] {13, 21}, identity(2), new int[] {13, 1}, identity(2), false),
                new ZipCase(new int[] {1, 21}, identity(2), new int[] {13, 1}, identity(2), false),
                new ZipCase(new int[] {1}, identity(1), new int[] {3, 17}, identity(2), false),
                new ZipCase(new int[] {2, 1, 7}, identity(3), new int[] {3, 1}, identity(2), true),
                new ZipCase(new int[] {big}, identity(1), new int[] {big}, identity(1), false),
                new ZipCase(new int[] {301, 233}, identity(2), new int[] {233}, identity(1), false),
                new ZipCase(new int[] {301, 233}, identity(2), new int[] {301, 1}, identity(2), false),
                new ZipCase(new int[] {301, 233}, new int[] {1, 0}, new int[] {301, 233}, identity(2), false));
    }

    @TestFactory
    Stream<DynamicTest> zipMatchesReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ElementType dtype : DTYPES) {
            for (BinaryOp op : BinaryOp.values()) {
                tests.add(DynamicTest.dynamicTest("zip " + op + " " + dtype, () -> {
                    Random random = new Random(op.ordinal() * 37L + dtype.ordinal());
                    for (ZipCase c : zipCases()) {
                        TensorData a = tensor(backend(), dtype, random, valuesFor(op), c.a(), c.aOrder());
                        TensorData b = tensor(backend(), dtype, random, valuesFor(op), c.b(), c.bOrder());
                        int[] shape = TensorData.shapeBroadcast(c.a(), c.b());
                        TensorData out = output(backend(), dtype, shape, c.outPermuted());
                        backend().zip(op, a, b, out);
                        TensorData expected = output(reference(), dtype, shape, false);
                        reference().zip(op, copyTo(reference(), a), copyTo(reference(), b), expected);
                        assertClose("zip " + op + " " + dtype + " " + c, expected, out, 1);
                    }
                }));
            }
        }
        return tests.stream();
    }

    private List<int[][]> reduceCases() {
        // {shape, layout order}
        return List.of(
                new int[][] {{1}, {0}},
                new int[][] {{37}, {0}},
                new int[][] {{6, 35}, {0, 1}},
                new int[][] {{6, 35}, {1, 0}},
                new int[][] {{5, 7, 19}, {0, 1, 2}},
                new int[][] {{5, 7, 19}, {2, 0, 1}},
                new int[][] {{4, 0, 3}, {0, 1, 2}},
                new int[][] {{largeSize()}, {0}},
                new int[][] {{203, 171}, {0, 1}},
                new int[][] {{203, 171}, {1, 0}},
                // past FAST's pairwise blocks: many row blocks with a ragged strip, long rows with a tail
                new int[][] {{300, 45}, {0, 1}},
                new int[][] {{3, 5001}, {0, 1}},
                new int[][] {{3, 5001}, {1, 0}},
                new int[][] {{1000, 70}, {0, 1}});
    }

    @TestFactory
    Stream<DynamicTest> reduceMatchesReferenceForEveryDim() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ElementType dtype : DTYPES) {
            for (ReduceOp op : ReduceOp.values()) {
                tests.add(DynamicTest.dynamicTest("reduce " + op + " " + dtype, () -> {
                    Random random = new Random(op.ordinal() * 41L + dtype.ordinal());
                    for (int[][] c : reduceCases()) {
                        // products of many values in [-1,1) underflow to ~0; values near 1 keep them meaningful
                        Values values = op == ReduceOp.PROD ? Values.POSITIVE : Values.CONTINUOUS;
                        TensorData in = tensor(backend(), dtype, random, values, c[0], c[1]);
                        if (op == ReduceOp.PROD) {
                            for (int i = 0; i < in.storage().size(); i++) {
                                in.storage().set(i, 1 + (in.storage().get(i) - 1.5) / 1000);
                            }
                        }
                        for (int dim = 0; dim < c[0].length; dim++) {
                            int[] shape = c[0].clone();
                            shape[dim] = 1;
                            for (boolean permuted : new boolean[] {false, true}) {
                                TensorData out = output(backend(), dtype, shape, permuted);
                                backend().reduce(op, in, dim, out);
                                TensorData expected = output(reference(), dtype, shape, false);
                                reference().reduce(op, copyTo(reference(), in), dim, expected);
                                double scale = op == ReduceOp.SUM ? Math.max(1, c[0][dim]) : 1;
                                assertClose("reduce " + op + " " + dtype + " " + Arrays.toString(c[0]) + " perm"
                                        + Arrays.toString(c[1]) + " dim " + dim + (permuted ? " (out permuted)" : ""),
                                        expected, out, scale);
                            }
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** {a shape, a order, b shape, b order}. */
    private static List<int[][]> matmulCases() {
        return List.of(
                new int[][] {{1, 1, 1}, {0, 1, 2}, {1, 1, 1}, {0, 1, 2}},
                new int[][] {{1, 2, 3}, {0, 1, 2}, {1, 3, 4}, {0, 1, 2}},
                new int[][] {{1, 3, 5}, {0, 1, 2}, {1, 5, 7}, {0, 1, 2}},
                new int[][] {{1, 17, 33}, {0, 1, 2}, {1, 33, 65}, {0, 1, 2}},
                new int[][] {{1, 131, 150}, {0, 1, 2}, {1, 150, 70}, {0, 1, 2}},
                new int[][] {{1, 10, 100}, {0, 1, 2}, {1, 100, 100}, {0, 1, 2}},
                new int[][] {{1, 10, 100}, {0, 1, 2}, {1, 100, 1}, {0, 1, 2}},
                new int[][] {{1, 40, 30}, {0, 2, 1}, {1, 30, 50}, {0, 2, 1}},
                new int[][] {{4, 5, 6}, {0, 1, 2}, {4, 6, 7}, {0, 1, 2}},
                new int[][] {{3, 4, 5}, {0, 1, 2}, {1, 5, 6}, {0, 1, 2}},
                new int[][] {{1, 4, 5}, {0, 1, 2}, {3, 5, 6}, {2, 1, 0}},
                new int[][] {{2, 3, 4, 5}, {0, 1, 2, 3}, {1, 3, 5, 2}, {3, 2, 1, 0}},
                new int[][] {{2, 6, 0}, {0, 1, 2}, {2, 0, 5}, {0, 1, 2}},
                new int[][] {{3, 70, 90}, {0, 1, 2}, {3, 90, 80}, {0, 1, 2}},
                new int[][] {{1, 300, 129}, {0, 1, 2}, {1, 129, 70}, {0, 2, 1}},
                new int[][] {{1, 33, 150}, {0, 1, 2}, {1, 150, 400}, {0, 1, 2}});
    }

    @TestFactory
    Stream<DynamicTest> matmulMatchesReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ElementType dtype : DTYPES) {
            for (int[][] c : matmulCases()) {
                String name = "matmul " + dtype + " " + Arrays.toString(c[0]) + " perm" + Arrays.toString(c[1]) + " @ "
                        + Arrays.toString(c[2]) + " perm" + Arrays.toString(c[3]);
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Random random = new Random(Arrays.deepHashCode(c) + dtype.ordinal());
                    TensorData a = tensor(backend(), dtype, random, Values.CONTINUOUS, c[0], c[1]);
                    TensorData b = tensor(backend(), dtype, random, Values.CONTINUOUS, c[2], c[3]);
                    int r = c[0].length;
                    int[] shape = TensorData.shapeBroadcast(Arrays.copyOf(c[0], r - 2), Arrays.copyOf(c[2], r - 2));
                    shape = Arrays.copyOf(shape, r);
                    shape[r - 2] = c[0][r - 2];
                    shape[r - 1] = c[2][r - 1];
                    for (boolean permuted : new boolean[] {false, true}) {
                        TensorData out = output(backend(), dtype, shape, permuted);
                        backend().matmul(a, b, out);
                        TensorData expected = output(reference(), dtype, shape, false);
                        reference().matmul(copyTo(reference(), a), copyTo(reference(), b), expected);
                        assertClose(name + (permuted ? " (out permuted)" : ""), expected, out, Math.max(1, c[0][r - 1]));
                    }
                }));
            }
        }
        return tests.stream();
    }
}
