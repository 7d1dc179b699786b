package minitorch.backend.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import minitorch.backend.BinaryOp;
import minitorch.backend.ReduceOp;
import minitorch.backend.SimpleBackend;
import minitorch.backend.UnaryOp;
import minitorch.tensor.DType;
import minitorch.tensor.TensorData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FAST's own promises: which path each layout takes, how many threads it uses, and correctness under concurrent use. */
class FastBackendTest {
    private final FastBackend fast = FastBackend.instance();
    private int savedThreads;

    @BeforeEach
    void twoThreads() {
        savedThreads = FastBackend.threads();
        FastBackend.setThreads(2);
    }

    @AfterEach
    void restoreThreads() { FastBackend.setThreads(savedThreads); }

    private static TensorData random(DType dtype, Random r, int... shape) {
        TensorData t = TensorData.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.storage().set(i, r.nextDouble() * 2 - 1);
        }
        return t;
    }

    @Test
    void contiguousMapIsOneSimdLoopAndLargeOnesUseEveryThread() {
        Random r = new Random(1);
        TensorData big = random(DType.FLOAT32, r, 1_000_000);
        fast.map(UnaryOp.RELU, big, TensorData.zeros(DType.FLOAT32, 1_000_000));
        assertEquals("map RELU float32 [1000000] contiguous-simd threads=2", FastBackend.lastTrace().toString());

        TensorData small = random(DType.FLOAT64, r, 10, 100);
        fast.map(UnaryOp.EXP, small, TensorData.zeros(DType.FLOAT64, 10, 100));
        assertEquals("map EXP float64 [10, 100] contiguous-simd threads=1", FastBackend.lastTrace().toString());
    }

    @Test
    void oneThreadWhenSetToOne() {
        FastBackend.setThreads(1);
        TensorData big = random(DType.FLOAT32, new Random(2), 1_000_000);
        fast.zip(BinaryOp.ADD, big, big, TensorData.zeros(DType.FLOAT32, 1_000_000));
        assertEquals(1, FastBackend.lastTrace().threads());
        assertEquals(1, FastBackend.threads());
    }

    @Test
    void rejectsAThreadCountBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> FastBackend.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
    }

    @Test
    void broadcastLayoutsTakeTheirSimdPaths() {
        Random r = new Random(3);
        TensorData m = random(DType.FLOAT64, r, 10, 100);
        fast.zip(BinaryOp.ADD, m, random(DType.FLOAT64, r, 100), TensorData.zeros(DType.FLOAT64, 10, 100));
        assertEquals("rows-simd", FastBackend.lastTrace().path(), "bias add (N,M)+(M)");
        fast.zip(BinaryOp.MUL, m, random(DType.FLOAT64, r, 10, 1), TensorData.zeros(DType.FLOAT64, 10, 100));
        assertEquals("broadcast-simd", FastBackend.lastTrace().path(), "(N,M)*(N,1)");
        fast.map(UnaryOp.NEG, m.permute(1, 0), TensorData.zeros(DType.FLOAT64, 100, 10));
        assertEquals("strided", FastBackend.lastTrace().path(), "transposed input");
    }

    @Test
    void reducePathsFollowTheReducedDimensionsStride() {
        Random r = new Random(4);
        TensorData m = random(DType.FLOAT32, r, 400, 200);
        fast.reduce(ReduceOp.SUM, m, 1, TensorData.zeros(DType.FLOAT32, 400, 1));
        assertEquals("reduce SUM float32 [400, 200] horizontal-simd threads=2", FastBackend.lastTrace().toString());
        fast.reduce(ReduceOp.MAX, m, 0, TensorData.zeros(DType.FLOAT32, 1, 200));
        assertEquals("vertical-simd", FastBackend.lastTrace().path());
        fast.reduce(ReduceOp.SUM, m.permute(1, 0), 0, TensorData.zeros(DType.FLOAT32, 1, 400));
        assertEquals("horizontal-simd", FastBackend.lastTrace().path(), "a transposed view's dim 0 has stride 1");
        fast.reduce(ReduceOp.SUM, random(DType.FLOAT64, r, 1_000_000), 0, TensorData.zeros(DType.FLOAT64, 1));
        assertEquals("reduce SUM float64 [1000000] split-simd threads=2", FastBackend.lastTrace().toString());
    }

    @Test
    void matmulIsPackedAndParallelWhenLargeAndPlainWhenTiny() {
        Random r = new Random(5);
        fast.matmul(random(DType.FLOAT32, r, 1, 256, 256), random(DType.FLOAT32, r, 1, 256, 256),
                TensorData.zeros(DType.FLOAT32, 1, 256, 256));
        assertEquals("matmul MATMUL float32 [1, 256, 256] packed-simd threads=2", FastBackend.lastTrace().toString());
        fast.matmul(random(DType.FLOAT64, r, 1, 2, 3), random(DType.FLOAT64, r, 1, 3, 4),
                TensorData.zeros(DType.FLOAT64, 1, 2, 4));
        assertEquals("matmul MATMUL float64 [1, 2, 4] plain threads=1", FastBackend.lastTrace().toString());
    }

    /**
     * A product with one row block (at most MC rows) and many columns: its columns are shared out
     * between the threads, each running the whole depth alone (conv1d's products have this shape).
     * Also with B transposed, whose full panels are packed by gathers, and with fewer rows than a tile.
     */
    @Test
    void fewRowsManyColumnsShareColumnsAndMatchSimple() {
        Random r = new Random(8);
        for (DType dtype : DType.values()) {
            checkMatmul(random(dtype, r, 1, 100, 300), random(dtype, r, 1, 300, 1000));
            assertEquals("matmul MATMUL " + dtype.name().toLowerCase() + " [1, 100, 1000] packed-simd threads=2",
                    FastBackend.lastTrace().toString());
            checkMatmul(random(dtype, r, 1, 50, 300), random(dtype, r, 1, 1030, 300).permute(0, 2, 1));
            checkMatmul(random(dtype, r, 1, 7, 300), random(dtype, r, 1, 300, 1000)); // one partial row panel
            assertEquals("matmul MATMUL " + dtype.name().toLowerCase() + " [1, 7, 1000] packed-simd threads=2",
                    FastBackend.lastTrace().toString());
        }
    }

    @Test
    void matmulRejectsMismatchedShapesNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> fast.matmul(TensorData.zeros(DType.FLOAT64, 1, 2, 3),
                TensorData.zeros(DType.FLOAT64, 1, 4, 5), TensorData.zeros(DType.FLOAT64, 1, 2, 5)));
        assertTrue(e.getMessage().contains("[1, 2, 3] and [1, 4, 5]"), e.getMessage());
    }

    @Test
    void traceLinesGoToStandardErrorWhenEnabled() {
        var saved = System.err;
        var buffer = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(buffer, true));
            FastBackend.setTrace(true);
            fast.map(UnaryOp.ID, TensorData.zeros(DType.FLOAT64, 10), TensorData.zeros(DType.FLOAT64, 10));
        } finally {
            FastBackend.setTrace(false);
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
                        DType dtype = round % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
                        TensorData a = random(dtype, r, 190, 210);
                        TensorData b = random(dtype, r, 210);
                        checkZip(BinaryOp.ADD, a, b);
                        checkMap(UnaryOp.SIGMOID, a.permute(1, 0));
                        checkReduce(ReduceOp.SUM, a, round % 2);
                        checkMatmul(random(dtype, r, 2, 64 + round, 150), random(dtype, r, 1, 150, 90 + round));
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
        TensorData out = TensorData.zeros(a.dtype(), shape), expected = TensorData.zeros(a.dtype(), shape);
        fast.zip(op, a, b, out);
        SimpleBackend.INSTANCE.zip(op, a, b, expected);
        assertSame(expected, out);
    }

    private void checkMap(UnaryOp op, TensorData a) {
        TensorData out = TensorData.zeros(a.dtype(), a.shape()), expected = TensorData.zeros(a.dtype(), a.shape());
        fast.map(op, a, out);
        SimpleBackend.INSTANCE.map(op, a, expected);
        assertSame(expected, out);
    }

    private void checkReduce(ReduceOp op, TensorData a, int dim) {
        int[] shape = a.shape();
        shape[dim] = 1;
        TensorData out = TensorData.zeros(a.dtype(), shape), expected = TensorData.zeros(a.dtype(), shape);
        fast.reduce(op, a, dim, out);
        SimpleBackend.INSTANCE.reduce(op, a, dim, expected);
        assertSame(expected, out);
    }

    private void checkMatmul(TensorData a, TensorData b) {
        int[] shape = {a.shape(0), a.shape(1), b.shape(2)};
        TensorData out = TensorData.zeros(a.dtype(), shape), expected = TensorData.zeros(a.dtype(), shape);
        fast.matmul(a, b, out);
        SimpleBackend.INSTANCE.matmul(a, b, expected);
        assertSame(expected, out);
    }

    private static void assertSame(TensorData expected, TensorData actual) {
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        double tol = expected.dtype() == DType.FLOAT32 ? 1e-3 : 1e-9;
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > tol * Math.max(1, Math.abs(e[i]))) {
                throw new AssertionError("element " + i + ": expected " + e[i] + " but was " + a[i]);
            }
        }
    }
}
