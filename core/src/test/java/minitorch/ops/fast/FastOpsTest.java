package minitorch.ops.fast;

import static minitorch.testing.RandomTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.SimpleOps;
import minitorch.ops.UnaryOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FAST's own promises: which path each layout takes, how many threads it uses, and correctness under concurrent use. */
class FastOpsTest {
    private final FastOps fast = FastOps.instance();
    private int savedThreads;

    @BeforeEach
    void twoThreads() {
        savedThreads = FastOps.threads();
        FastOps.setThreads(2);
    }

    @AfterEach
    void restoreThreads() { FastOps.setThreads(savedThreads); }


    @Test
    void contiguousMapIsOneSimdLoopAndLargeOnesUseEveryThread() {
        Random r = new Random(1);
        TensorData big = uniform(ElementType.FLOAT32, r, 1_000_000);
        fast.map(UnaryOp.RELU, big, TensorData.zeros(ElementType.FLOAT32, 1_000_000));
        assertEquals("map RELU float32 [1000000] contiguous-simd threads=2", FastOps.lastTrace().toString());

        TensorData small = uniform(ElementType.FLOAT64, r, 10, 100);
        fast.map(UnaryOp.EXP, small, TensorData.zeros(ElementType.FLOAT64, 10, 100));
        assertEquals("map EXP float64 [10, 100] contiguous-simd threads=1", FastOps.lastTrace().toString());
    }

    @Test
    void oneThreadWhenSetToOne() {
        FastOps.setThreads(1);
        TensorData big = uniform(ElementType.FLOAT32, new Random(2), 1_000_000);
        fast.zip(BinaryOp.ADD, big, big, TensorData.zeros(ElementType.FLOAT32, 1_000_000));
        assertEquals(1, FastOps.lastTrace().threads());
        assertEquals(1, FastOps.threads());
    }

    @Test
    void rejectsAThreadCountBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> FastOps.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
    }

    @Test
    void broadcastLayoutsTakeTheirSimdPaths() {
        Random r = new Random(3);
        TensorData m = uniform(ElementType.FLOAT64, r, 10, 100);
        fast.zip(BinaryOp.ADD, m, uniform(ElementType.FLOAT64, r, 100), TensorData.zeros(ElementType.FLOAT64, 10, 100));
        assertEquals("rows-simd", FastOps.lastTrace().path(), "bias add (N,M)+(M)");
        fast.zip(BinaryOp.MUL, m, uniform(ElementType.FLOAT64, r, 10, 1), TensorData.zeros(ElementType.FLOAT64, 10, 100));
        assertEquals("broadcast-simd", FastOps.lastTrace().path(), "(N,M)*(N,1)");
        fast.map(UnaryOp.NEG, m.permute(1, 0), TensorData.zeros(ElementType.FLOAT64, 100, 10));
        assertEquals("strided", FastOps.lastTrace().path(), "transposed input");
    }

    @Test
    void reducePathsFollowTheReducedDimensionsStride() {
        Random r = new Random(4);
        TensorData m = uniform(ElementType.FLOAT32, r, 400, 200);
        fast.reduce(ReduceOp.SUM, m, 1, TensorData.zeros(ElementType.FLOAT32, 400, 1));
        assertEquals("reduce SUM float32 [400, 200] horizontal-simd threads=2", FastOps.lastTrace().toString());
        fast.reduce(ReduceOp.MAX, m, 0, TensorData.zeros(ElementType.FLOAT32, 1, 200));
        assertEquals("vertical-simd", FastOps.lastTrace().path());
        fast.reduce(ReduceOp.SUM, uniform(ElementType.FLOAT32, r, 1000, 100), 0, TensorData.zeros(ElementType.FLOAT32, 1, 100));
        assertEquals("reduce SUM float32 [1000, 100] split-rows-simd threads=2", FastOps.lastTrace().toString(),
                "a big sum over rows gives each thread a band of whole rows");
        fast.reduce(ReduceOp.SUM, m.permute(1, 0), 0, TensorData.zeros(ElementType.FLOAT32, 1, 400));
        assertEquals("horizontal-simd", FastOps.lastTrace().path(), "a transposed view's dim 0 has stride 1");
        fast.reduce(ReduceOp.SUM, uniform(ElementType.FLOAT64, r, 1_000_000), 0, TensorData.zeros(ElementType.FLOAT64, 1));
        assertEquals("reduce SUM float64 [1000000] split-simd threads=2", FastOps.lastTrace().toString());
    }

    @Test
    void matmulIsPackedAndParallelWhenLargeAndPlainWhenTiny() {
        Random r = new Random(5);
        fast.matmul(uniform(ElementType.FLOAT32, r, 1, 256, 256), uniform(ElementType.FLOAT32, r, 1, 256, 256),
                TensorData.zeros(ElementType.FLOAT32, 1, 256, 256));
        assertEquals("matmul MATMUL float32 [1, 256, 256] packed-simd threads=2", FastOps.lastTrace().toString());
        fast.matmul(uniform(ElementType.FLOAT64, r, 1, 2, 3), uniform(ElementType.FLOAT64, r, 1, 3, 4),
                TensorData.zeros(ElementType.FLOAT64, 1, 2, 4));
        assertEquals("matmul MATMUL float64 [1, 2, 4] plain threads=1", FastOps.lastTrace().toString());
    }

    /**
     * A product with one row block (at most MC rows) and many columns: its columns are shared out
     * between the threads, each running the whole depth alone (conv1d's products have this shape).
     * Also with B transposed, whose full panels are packed by gathers, and with fewer rows than a tile.
     */
    @Test
    void fewRowsManyColumnsShareColumnsAndMatchSimple() {
        Random r = new Random(8);
        for (ElementType dtype : ElementType.values()) {
            checkMatmul(uniform(dtype, r, 1, 100, 300), uniform(dtype, r, 1, 300, 1000));
            assertEquals("matmul MATMUL " + dtype.name().toLowerCase() + " [1, 100, 1000] packed-simd threads=2",
                    FastOps.lastTrace().toString());
            checkMatmul(uniform(dtype, r, 1, 50, 300), uniform(dtype, r, 1, 1030, 300).permute(0, 2, 1));
            checkMatmul(uniform(dtype, r, 1, 10, 500), uniform(dtype, r, 1, 502, 500).permute(0, 2, 1)); // grad @ Wᵀ
            assertEquals("matmul MATMUL " + dtype.name().toLowerCase() + " [1, 10, 502] "
                    + (FloatMatmul.WIDE_REGISTER_FILE ? "packed-simd" : "dot-simd") + " threads=2", FastOps.lastTrace().toString());
            checkMatmul(uniform(dtype, r, 1, 10, 500).permute(0, 2, 1).permute(0, 2, 1), uniform(dtype, r, 1, 500, 37));
            for (int rows : new int[] {9, 12, 13}) {
                checkMatmul(uniform(dtype, r, 1, rows, 500), uniform(dtype, r, 1, 502, 500).permute(0, 2, 1));
            }
        }
    }

    /**
     * Few rows against a row-major B at any depth (x @ W for a mini-batch), on the 16-register file: FloatMatmul.direct
     * when its 6-row groups waste fewer rows than fewRows' panels of 2 vectors (or, for 9–12 rows of 4 lanes,
     * fewRowsWide's one panel of 3) waste lanes — 10 rows are 12 rows of direct but 16 float32 lanes — else
     * fewRows (Cᵀ = Bᵀ·Aᵀ, B read in place). Every row count to 16 on both dtypes, on NaN-filled outputs;
     * a mini-batch's x @ W (depth 500, direct's column strips outer) on one thread and two.
     */
    @Test
    void fewRowsTakeDirectWhereItsRowGroupsFitThemBetterAndMatchSimple() {
        Random r = new Random(12);
        for (ElementType dtype : ElementType.values()) {
            String name = dtype.name().toLowerCase();
            int nr = 2 * (dtype == ElementType.FLOAT32 ? FloatMatmul.S.length() : DoubleMatmul.S.length());
            int groups = FloatMatmul.STRIDED_ROWS, wide = 3 * nr / 2;
            for (int rows = 1; rows <= 16; rows++) {
                checkMatmul(uniform(dtype, r, 1, rows, 300), uniform(dtype, r, 1, 300, 1000));
                int lanes = rows > nr && rows <= wide ? wide : (rows + nr - 1) / nr * nr;
                String path = FloatMatmul.WIDE_REGISTER_FILE ? "packed-simd"
                        : (rows + groups - 1) / groups * groups < lanes ? "direct-simd" : "few-rows-simd";
                assertEquals(path, FastOps.lastTrace().path(), name + ", " + rows + " rows");
            }
            for (int threads : new int[] {1, 2}) {
                FastOps.setThreads(threads);
                try {
                    checkMatmul(uniform(dtype, r, 1, 10, 500), uniform(dtype, r, 1, 500, 500));
                } finally {
                    FastOps.setThreads(2);
                }
            }
        }
    }

    /**
     * Shallow products (depth at most DIRECT_MAX_DEPTH, B's rows contiguous), such as a weight's gradient
     * xᵀ·grad over a mini-batch: FloatMatmul.direct, nothing packed, each tile stored once. Each of the driver's
     * three ways of sharing them out, partial row groups (clamped rows) and columns past the last full group
     * (an overlapping last group), on outputs that start as NaN so an element left unwritten fails.
     */
    @Test
    void shallowProductsAreStoredDirectlyAndMatchSimple() {
        Random r = new Random(9);
        for (ElementType dtype : ElementType.values()) {
            String name = dtype.name().toLowerCase();
            checkMatmul(uniform(dtype, r, 1, 10, 500).permute(0, 2, 1), uniform(dtype, r, 1, 10, 500)); // xᵀ @ grad
            assertEquals("matmul MATMUL " + name + " [1, 500, 500] direct-simd threads=2", FastOps.lastTrace().toString());
            checkMatmul(uniform(dtype, r, 1, 151, 16), uniform(dtype, r, 1, 16, 1001)); // one row block: columns shared
            assertEquals("matmul MATMUL " + name + " [1, 151, 1001] direct-simd threads=2", FastOps.lastTrace().toString());
            checkMatmul(uniform(dtype, r, 1, 7, 32), uniform(dtype, r, 1, 32, 37)); // 6 + 1 rows, 37 columns
            assertEquals("matmul MATMUL " + name + " [1, 7, 37] direct-simd threads=1", FastOps.lastTrace().toString());
            checkMatmul(uniform(dtype, r, 4, 50, 3), uniform(dtype, r, 1, 3, 70)); // batches, B broadcast
            for (int depth : new int[] {1, 31, 33}) { // 33: deeper than DIRECT_MAX_DEPTH, packed
                checkMatmul(uniform(dtype, r, 1, 40, depth), uniform(dtype, r, 1, depth, 300));
            }
            assertEquals("matmul MATMUL " + name + " [1, 40, 300] packed-simd threads=1", FastOps.lastTrace().toString());
        }
    }

    /**
     * Few rows of A against a transposed B (grad @ Wᵀ) on the 16-register file: dot products over the depth
     * (FloatMatmul.dotRows), 5-row, 2-column tiles. Row counts with partial groups, an odd column count (the last
     * column computed with the one before), depths with a partial last vector, each way of sharing out.
     */
    @Test
    void fewRowsAgainstATransposedBTakeDotProductsAndMatchSimple() {
        Random r = new Random(10);
        String dot = FloatMatmul.WIDE_REGISTER_FILE ? "packed-simd" : "dot-simd";
        for (ElementType dtype : ElementType.values()) {
            String name = dtype.name().toLowerCase();
            for (int rows : new int[] {1, 4, 5, 7, 10, 16}) {
                for (int depth : new int[] {FloatMatmul.S.length() * 2 + 3, 500}) {
                    checkMatmul(uniform(dtype, r, 1, rows, depth), uniform(dtype, r, 1, 301, depth).permute(0, 2, 1));
                }
            }
            assertEquals("matmul MATMUL " + name + " [1, 16, 301] " + dot + " threads=2", FastOps.lastTrace().toString());
            checkMatmul(uniform(dtype, r, 3, 10, 200), uniform(dtype, r, 3, 41, 200).permute(0, 2, 1)); // batches
            assertEquals("matmul MATMUL " + name + " [3, 10, 41] " + dot + " threads=1", FastOps.lastTrace().toString());
        }
    }

    @Test
    void matmulRejectsMismatchedShapesNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> fast.matmul(TensorData.zeros(ElementType.FLOAT64, 1, 2, 3),
                TensorData.zeros(ElementType.FLOAT64, 1, 4, 5), TensorData.zeros(ElementType.FLOAT64, 1, 2, 5)));
        assertTrue(e.getMessage().contains("[1, 2, 3] and [1, 4, 5]"), e.getMessage());
    }

    @Test
    void traceLinesGoToStandardErrorWhenEnabled() {
        var saved = System.err;
        var buffer = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(buffer, true));
            FastOps.setTrace(true);
            fast.map(UnaryOp.ID, TensorData.zeros(ElementType.FLOAT64, 10), TensorData.zeros(ElementType.FLOAT64, 10));
        } finally {
            FastOps.setTrace(false);
            System.setErr(saved);
        }
        assertEquals("[minitorch.fast] map ID float64 [10] contiguous-simd threads=1", buffer.toString().strip());
    }

    /** Many threads issue parallel ops at once (sharing the pool and the per-thread packing buffers); every result is checked. */
    @Test
    void concurrentCallersAllGetCorrectResults() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                int seed = caller;
                results.add(callers.submit(() -> {
                    Random r = new Random(seed);
                    int checked = 0;
                    for (int round = 0; round < 6; round++) {
                        ElementType dtype = round % 2 == 0 ? ElementType.FLOAT32 : ElementType.FLOAT64;
                        TensorData a = uniform(dtype, r, 190, 210);
                        TensorData b = uniform(dtype, r, 210);
                        checkZip(BinaryOp.ADD, a, b);
                        checkMap(UnaryOp.SIGMOID, a.permute(1, 0));
                        checkReduce(ReduceOp.SUM, a, round % 2);
                        checkMatmul(uniform(dtype, r, 2, 64 + round, 150), uniform(dtype, r, 1, 150, 90 + round));
                        checked += 4;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(24, f.get());
            }
        } finally {
            callers.shutdown();
        }
    }

    private void checkZip(BinaryOp op, TensorData a, TensorData b) {
        int[] shape = TensorData.shapeBroadcast(a.shape(), b.shape());
        TensorData out = TensorData.zeros(a.elementType(), shape), expected = TensorData.zeros(a.elementType(), shape);
        fast.zip(op, a, b, out);
        SimpleOps.INSTANCE.zip(op, a, b, expected);
        assertSame(expected, out);
    }

    private void checkMap(UnaryOp op, TensorData a) {
        TensorData out = TensorData.zeros(a.elementType(), a.shape()), expected = TensorData.zeros(a.elementType(), a.shape());
        fast.map(op, a, out);
        SimpleOps.INSTANCE.map(op, a, expected);
        assertSame(expected, out);
    }

    private void checkReduce(ReduceOp op, TensorData a, int dim) {
        int[] shape = a.shape();
        shape[dim] = 1;
        TensorData out = TensorData.zeros(a.elementType(), shape), expected = TensorData.zeros(a.elementType(), shape);
        fast.reduce(op, a, dim, out);
        SimpleOps.INSTANCE.reduce(op, a, dim, expected);
        assertSame(expected, out);
    }

    private void checkMatmul(TensorData a, TensorData b) {
        int[] shape = {a.shape(0), a.shape(1), b.shape(2)};
        TensorData out = TensorData.zeros(a.elementType(), shape), expected = TensorData.zeros(a.elementType(), shape);
        for (int i = 0; i < out.size(); i++) {
            out.storage().set(i, Double.NaN); // every element must be written
        }
        fast.matmul(a, b, out);
        SimpleOps.INSTANCE.matmul(a, b, expected);
        assertSame(expected, out);
    }

    private static void assertSame(TensorData expected, TensorData actual) {
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        double tol = expected.elementType() == ElementType.FLOAT32 ? 1e-3 : 1e-9;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= tol * Math.max(1, Math.abs(e[i])))) { // a NaN fails too
                throw new AssertionError("element " + i + ": expected " + e[i] + " but was " + a[i]);
            }
        }
    }
}
