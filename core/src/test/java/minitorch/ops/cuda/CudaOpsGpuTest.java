package minitorch.ops.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.SimpleOps;
import minitorch.ops.UnaryOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CUDA backend against {@link SimpleOps} on random inputs: permuted (non-contiguous) and
 * broadcast operands, permuted outputs, every op, both dtypes, every kernel variant (flat, 1..4
 * dimensions, the generic one), short and long reductions, tiled matmul edge sizes. Skipped, with
 * the reason, where there is no GPU.
 */
class CudaOpsGpuTest {
    private static final SimpleOps SIMPLE = SimpleOps.INSTANCE;
    private CudaOps cuda;
    private final Random random = new Random(20261122);

    @BeforeEach
    void gpu() {
        cuda = Gpu.require();
    }

    // ---- storage ---------------------------------------------------------------------------------

    @Test
    void storageStaysOnTheDeviceAndCopiesOnRequest() {
        for (ElementType dtype : ElementType.values()) {
            CudaStorage s = (CudaStorage) cuda.allocate(dtype, 1000);
            assertFalse(s.isHost());
            assertEquals(0.0, s.get(999));
            s.set(7, 2.5);
            assertEquals(2.5, s.get(7));
            double[] all = s.toDoubleArray();
            assertEquals(1000, all.length);
            assertEquals(2.5, all[7]);
            assertEquals(0.0, Arrays.stream(all).map(Math::abs).sum() - 2.5);
            Storage host = dtype.allocateHost(5);
            for (int i = 0; i < 5; i++) {
                host.set(i, i * 1.5);
            }
            Storage device = cuda.adopt(host);
            assertTrue(device instanceof CudaStorage);
            assertArrayEquals(host.toDoubleArray(), device.toDoubleArray());
            assertTrue(cuda.adopt(device) == device, "device storage is adopted without a copy");
            assertArrayEquals(host.toDoubleArray(), SIMPLE.adopt(device).toDoubleArray());
            s.close();
            assertThrows(IllegalStateException.class, s::pointer);
        }
    }

    // ---- map / zip ---------------------------------------------------------------------------------

    @Test
    void mapMatchesSimpleOnPermutedAndBroadcastInputs() {
        for (ElementType dtype : ElementType.values()) {
            for (UnaryOp op : UnaryOp.values()) {
                for (int trial = 0; trial < 12; trial++) {
                    int[] shape = randomShape(trial < 10 ? 1 + trial % 4 : 5 + trial % 2);
                    TensorData in = randomView(dtype, broadcastable(shape), op == UnaryOp.LOG || op == UnaryOp.INV);
                    TensorData expected = outView(SIMPLE, dtype, shape, false);
                    TensorData actual = outView(cuda, dtype, shape, trial % 3 == 0);
                    SIMPLE.map(op, in, expected);
                    cuda.map(op, onDevice(in), actual);
                    assertClose(expected, actual, dtype, op + " " + dtype + " " + Arrays.toString(shape));
                }
            }
        }
    }

    @Test
    void zipMatchesSimpleOnPermutedAndBroadcastInputs() {
        for (ElementType dtype : ElementType.values()) {
            for (BinaryOp op : BinaryOp.values()) {
                for (int trial = 0; trial < 12; trial++) {
                    int[] shape = randomShape(trial < 10 ? 1 + trial % 4 : 5 + trial % 2);
                    boolean positive = op == BinaryOp.LOG_BACK || op == BinaryOp.INV_BACK;
                    TensorData a = randomView(dtype, broadcastable(shape), positive);
                    TensorData b = randomView(dtype, broadcastable(shape), false);
                    TensorData expected = outView(SIMPLE, dtype, shape, false);
                    TensorData actual = outView(cuda, dtype, shape, trial % 3 == 1);
                    SIMPLE.zip(op, a, b, expected);
                    cuda.zip(op, onDevice(a), onDevice(b), actual);
                    assertClose(expected, actual, dtype, op + " " + dtype + " " + Arrays.toString(shape));
                }
            }
        }
    }

    @Test
    void largeElementwiseOpsCoverEveryElement() {
        int size = (1 << 22) + 3;   // more blocks than fit in one grid-stride pass of some GPUs
        TensorData a = randomView(ElementType.FLOAT32, new int[] {size}, false);
        TensorData out = outView(cuda, ElementType.FLOAT32, new int[] {size}, false);
        cuda.map(UnaryOp.NEG, onDevice(a), out);
        double[] in = a.toDoubleArray(), got = hostValues(out);
        for (int i = 0; i < size; i++) {
            assertEquals(-in[i], got[i], 0.0, "element " + i);
        }
    }

    // ---- reduce ------------------------------------------------------------------------------------

    @Test
    void reduceMatchesSimpleAlongEveryDimension() {
        for (ElementType dtype : ElementType.values()) {
            for (ReduceOp op : ReduceOp.values()) {
                for (int trial = 0; trial < 10; trial++) {
                    int[] shape = randomShape(1 + trial % 4);
                    for (int dim = 0; dim < shape.length; dim++) {
                        checkReduce(op, dtype, shape, dim, trial % 2 == 0);
                    }
                }
            }
        }
    }

    @Test
    void reduceHandlesLongRowsBothStrategiesAndEmptyRows() {
        for (ElementType dtype : ElementType.values()) {
            checkReduce(ReduceOp.SUM, dtype, new int[] {100_003}, 0, false);        // one long row: block per output
            checkReduce(ReduceOp.MAX, dtype, new int[] {7, 5000}, 1, true);         // long contiguous rows
            checkReduce(ReduceOp.SUM, dtype, new int[] {3000, 70}, 0, false);       // strided rows
            checkReduce(ReduceOp.SUM, dtype, new int[] {70_000, 40}, 1, false);     // many rows
            checkReduce(ReduceOp.PROD, dtype, new int[] {4, 1, 3}, 1, false);       // rows of one
            checkReduce(ReduceOp.SUM, dtype, new int[] {3, 0, 2}, 1, false);        // empty rows give start
        }
    }

    private void checkReduce(ReduceOp op, ElementType dtype, int[] shape, int dim, boolean permuted) {
        TensorData in = permuted ? randomView(dtype, shape, op == ReduceOp.PROD) : contiguousRandom(dtype, shape, false);
        int[] outShape = shape.clone();
        outShape[dim] = 1;
        TensorData expected = outView(SIMPLE, dtype, outShape, false);
        TensorData actual = outView(cuda, dtype, outShape, permuted);
        SIMPLE.reduce(op, in, dim, expected);
        cuda.reduce(op, onDevice(in), dim, actual);
        assertClose(expected, actual, dtype, op + " " + dtype + " " + Arrays.toString(shape) + " dim " + dim,
                Math.max(1, shape[dim]));
    }

    // ---- matmul ------------------------------------------------------------------------------------

    @Test
    void matmulMatchesSimpleForTileEdgesTransposesAndBroadcastBatches() {
        int[][] cases = {   // batch a, batch b, n, k, m
                {1, 1, 1, 1, 1}, {2, 2, 2, 2, 2}, {1, 1, 33, 33, 33}, {2, 2, 33, 33, 33}, {2, 1, 45, 33, 40},
                {1, 1, 64, 16, 64}, {1, 1, 65, 17, 63}, {3, 1, 130, 70, 129}, {1, 4, 5, 200, 3}, {2, 2, 1, 300, 1},
                {1, 1, 7, 0, 5}};
        for (ElementType dtype : ElementType.values()) {
            for (int[] c : cases) {
                for (int transpose = 0; transpose < 4; transpose++) {
                    int batch = Math.max(c[0], c[1]);
                    TensorData a = matrixView(dtype, c[0], c[2], c[3], (transpose & 1) != 0);
                    TensorData b = matrixView(dtype, c[1], c[3], c[4], (transpose & 2) != 0);
                    int[] outShape = {batch, c[2], c[4]};
                    TensorData expected = outView(SIMPLE, dtype, outShape, false);
                    TensorData actual = outView(cuda, dtype, outShape, transpose == 3);
                    SIMPLE.matmul(a, b, expected);
                    cuda.matmul(onDevice(a), onDevice(b), actual);
                    assertClose(expected, actual, dtype, "matmul " + dtype + " " + Arrays.toString(c)
                            + " transpose " + transpose, Math.max(1, c[3]));
                }
            }
        }
    }

    @Test
    void matmulWithFourDimensionsAndBroadcastOnBothSides() {
        TensorData a = contiguousRandom(ElementType.FLOAT64, new int[] {2, 1, 9, 11}, false);
        TensorData b = contiguousRandom(ElementType.FLOAT64, new int[] {1, 3, 11, 6}, false);
        TensorData expected = outView(SIMPLE, ElementType.FLOAT64, new int[] {2, 3, 9, 6}, false);
        TensorData actual = outView(cuda, ElementType.FLOAT64, new int[] {2, 3, 9, 6}, false);
        SIMPLE.matmul(a, b, expected);
        cuda.matmul(onDevice(a), onDevice(b), actual);
        assertClose(expected, actual, ElementType.FLOAT64, "4-D broadcast matmul", 11);
    }

    // ---- convolution (host round trip) ---------------------------------------------------------------

    @Test
    void convolutionsMatchSimple() {
        for (boolean reverse : new boolean[] {false, true}) {
            TensorData input = contiguousRandom(ElementType.FLOAT64, new int[] {2, 2, 6}, false);
            TensorData weight = contiguousRandom(ElementType.FLOAT64, new int[] {3, 2, 2}, false);
            TensorData expected = outView(SIMPLE, ElementType.FLOAT64, new int[] {2, 3, 6}, false);
            TensorData actual = outView(cuda, ElementType.FLOAT64, new int[] {2, 3, 6}, true);
            SIMPLE.conv1d(input, weight, expected, reverse);
            cuda.conv1d(onDevice(input), onDevice(weight), actual, reverse);
            assertClose(expected, actual, ElementType.FLOAT64, "conv1d reverse=" + reverse);
            TensorData input2 = contiguousRandom(ElementType.FLOAT32, new int[] {2, 2, 6, 6}, false);
            TensorData weight2 = contiguousRandom(ElementType.FLOAT32, new int[] {3, 2, 2, 4}, false);
            TensorData expected2 = outView(SIMPLE, ElementType.FLOAT32, new int[] {2, 3, 6, 6}, false);
            TensorData actual2 = outView(cuda, ElementType.FLOAT32, new int[] {2, 3, 6, 6}, false);
            SIMPLE.conv2d(input2, weight2, expected2, reverse);
            cuda.conv2d(onDevice(input2), onDevice(weight2), actual2, reverse);
            assertClose(expected2, actual2, ElementType.FLOAT32, "conv2d reverse=" + reverse);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private int[] randomShape(int dims) {
        int[] shape = new int[dims];
        for (int d = 0; d < dims; d++) {
            shape[d] = 1 + random.nextInt(dims > 4 ? 3 : 5);
        }
        return shape;
    }

    /** A shape that broadcasts to {@code shape}: some dimensions set to 1, maybe fewer leading dimensions. */
    private int[] broadcastable(int[] shape) {
        int drop = random.nextInt(3) == 0 ? random.nextInt(shape.length) : 0;
        int[] small = Arrays.copyOfRange(shape, drop, shape.length);
        for (int d = 0; d < small.length; d++) {
            if (random.nextInt(4) == 0) {
                small[d] = 1;
            }
        }
        return small;
    }

    /** Random values in a host tensor of {@code shape} whose storage is laid out in a random dimension order. */
    private TensorData randomView(ElementType dtype, int[] shape, boolean positive) {
        int[] order = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] baseShape = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            baseShape[order[d]] = shape[d];
        }
        return contiguousRandom(dtype, baseShape, positive).permute(order);
    }

    private TensorData contiguousRandom(ElementType dtype, int[] shape, boolean positive) {
        TensorData t = TensorData.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            double v = positive ? 0.5 + random.nextDouble() * 2 : random.nextDouble() * 4 - 2;
            t.storage().set(i, v);
        }
        return t;
    }

    /** A (batch, rows, cols) operand, optionally stored transposed (a view with swapped strides). */
    private TensorData matrixView(ElementType dtype, int batch, int rows, int cols, boolean transposed) {
        return transposed ? contiguousRandom(dtype, new int[] {batch, cols, rows}, false).permute(0, 2, 1)
                : contiguousRandom(dtype, new int[] {batch, rows, cols}, false);
    }

    /** An output of {@code shape} on {@code backend}; optionally a permuted (non-contiguous) view. */
    private TensorData outView(minitorch.ops.TensorOps backend, ElementType dtype, int[] shape, boolean reversed) {
        int size = TensorData.checkedSize(shape, "test");
        if (!reversed || shape.length < 2) {
            return TensorData.contiguous(backend.allocate(dtype, size), shape);
        }
        int n = shape.length;
        int[] reversedShape = new int[n];
        int[] order = new int[n];
        for (int d = 0; d < n; d++) {
            reversedShape[d] = shape[n - 1 - d];
            order[d] = n - 1 - d;
        }
        return TensorData.contiguous(backend.allocate(dtype, size), reversedShape).permute(order);
    }

    private TensorData onDevice(TensorData host) {
        return new TensorData(cuda.adopt(host.storage()), host.shape(), host.strides());
    }

    /** The view's elements in row-major order, read with one bulk copy. */
    private static double[] hostValues(TensorData t) {
        Storage s = t.storage() instanceof CudaStorage device ? device.toHost() : t.storage();
        return new TensorData(s, t.shape(), t.strides()).toDoubleArray();
    }

    private static void assertClose(TensorData expected, TensorData actual, ElementType dtype, String what) {
        assertClose(expected, actual, dtype, what, 1);
    }

    /** Relative-and-absolute closeness; {@code terms} scales the float32 tolerance for sums of many terms. */
    private static void assertClose(TensorData expected, TensorData actual, ElementType dtype, String what, int terms) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = hostValues(expected), a = hostValues(actual);
        double tolerance = dtype == ElementType.FLOAT64 ? 1e-9 : 1e-5 * Math.sqrt(terms) * 4;
        for (int i = 0; i < e.length; i++) {
            double scale = Math.max(1, Math.abs(e[i]));
            boolean same = e[i] == a[i] || Math.abs(e[i] - a[i]) <= tolerance * scale
                    || (Double.isNaN(e[i]) && Double.isNaN(a[i]));
            assertTrue(same, what + ": element " + i + " expected " + e[i] + " got " + a[i]);
        }
    }
}
