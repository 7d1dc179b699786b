package minitorch.ops.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import minitorch.ops.ReduceOp;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import org.junit.jupiter.api.Test;

/**
 * FAST's float32 sums are pairwise, so their error grows like log₂(n)·ε (as NumPy's pairwise and
 * PyTorch's cascade sums), not n·ε as a sequential sum's does. Each case sums the same float32 values
 * in float64 (exact to ~1e-16 here) and bounds the float32 result's error by
 * {@code 2 · (BLOCK/(4·L) + log₂ n) · ε · Σ|x|}: a pairwise tree with sequential leaves of
 * BLOCK/(4·L) values. A sequential float32 sum of the same values is shown beside it: it misses the
 * bound by far, so the test tells the two apart.
 */
class FastSumAccuracyTest {
    private static final double EPS = Math.ulp(1.0f);

    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1f + r.nextFloat() * 1e-3f; // all positive and alike: a sequential sum's rounding errors add up
        }
        return x;
    }

    private static double bound(long n, double absSum, int sequentialLeaf) {
        return 2 * (sequentialLeaf + Math.log(n) / Math.log(2)) * EPS * absSum;
    }

    @Test
    void sumOfTenMillionFloat32ValuesIsPairwise() {
        int n = 10_000_000;
        float[] x = values(n, 1);
        double exact = 0;
        float sequential = 0;
        for (float v : x) {
            exact += v;
            sequential += v;
        }
        TensorData in = TensorData.contiguous(new minitorch.layout.FloatStorage(x), n);
        TensorData out = TensorData.zeros(ElementType.FLOAT32, 1);
        int saved = FastOps.threads();
        for (int threads : new int[] {1, 2}) {
            FastOps.setThreads(threads);
            try {
                FastOps.instance().reduce(ReduceOp.SUM, in, 0, out);
            } finally {
                FastOps.setThreads(saved);
            }
            double error = Math.abs(out.storage().get(0) - exact);
            double bound = bound(n, exact, FloatElementwise.BLOCK / (4 * FloatElementwise.S.length()));
            assertTrue(error <= bound, "threads " + threads + ": |fast - exact| = " + error + " > bound " + bound
                    + " (sequential float32 sum's error: " + Math.abs(sequential - exact) + ")");
        }
        assertTrue(Math.abs(sequential - exact) > bound(n, exact, FloatElementwise.BLOCK / (4 * FloatElementwise.S.length())),
                "the data must tell a sequential sum from a pairwise one");
    }

    @Test
    void columnSumsOverManyRowsArePairwise() {
        int rows = 200_000, cols = 13;
        float[] x = values(rows * cols, 2);
        TensorData in = TensorData.contiguous(new minitorch.layout.FloatStorage(x), rows, cols);
        TensorData out = TensorData.zeros(ElementType.FLOAT32, 1, cols);
        FastOps.instance().reduce(ReduceOp.SUM, in, 0, out);
        double worst = 0, worstSequential = 0, bound = 0;
        for (int c = 0; c < cols; c++) {
            double exact = 0;
            float sequential = 0;
            for (int r = 0; r < rows; r++) {
                exact += x[r * cols + c];
                sequential += x[r * cols + c];
            }
            bound = bound(rows, exact, FloatElementwise.ROW_BLOCK);
            worst = Math.max(worst, Math.abs(out.storage().get(c) - exact) / bound);
            worstSequential = Math.max(worstSequential, Math.abs(sequential - exact) / bound);
        }
        assertTrue(worst <= 1, "worst column error is " + worst + " of the bound");
        assertTrue(worstSequential > 1, "the data must tell a sequential sum from a pairwise one: " + worstSequential);
    }

    @Test
    void stridedSumsArePairwise() {
        int rows = 50_000;
        float[] x = values(rows * 2, 3);
        // the transpose of (2, rows) read along its rows: stride 2
        TensorData in = TensorData.contiguous(new minitorch.layout.FloatStorage(x), rows, 2).permute(1, 0);
        TensorData out = TensorData.zeros(ElementType.FLOAT32, 2, 1);
        FastOps.instance().reduce(ReduceOp.SUM, in, 1, out);
        for (int c = 0; c < 2; c++) {
            double exact = 0;
            for (int r = 0; r < rows; r++) {
                exact += x[r * 2 + c];
            }
            double error = Math.abs(out.storage().get(c) - exact), bound = bound(rows, exact, 32);
            assertTrue(error <= bound, "column " + c + ": error " + error + " > bound " + bound);
        }
    }

    @Test
    void fourRowsAtATimeGiveTheBitsOfOneRowAtATime() {
        // the row-sum path takes rows four at a time for speed; each row must still be added in sum()'s order
        Random r = new Random(7);
        for (int k : new int[] {1, 7, 31, 32, 33, 1023, 1024, 1025, 3162, 5000}) {
            int is = k + 4;
            float[] f = new float[3 + 4 * is];
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) r.nextGaussian();
                d[i] = r.nextGaussian();
            }
            float[] fo = new float[9];
            double[] dout = new double[9];
            FloatElementwise.sumFourRows(f, 3, is, k, fo, 1, 2);
            DoubleElementwise.sumFourRows(d, 3, is, k, dout, 1, 2);
            for (int row = 0; row < 4; row++) {
                assertEquals(Float.floatToIntBits(FloatElementwise.sum(f, 3 + row * is, k)), Float.floatToIntBits(fo[1 + 2 * row]),
                        "f32 row " + row + ", k=" + k);
                assertEquals(Double.doubleToLongBits(DoubleElementwise.sum(d, 3 + row * is, k)), Double.doubleToLongBits(dout[1 + 2 * row]),
                        "f64 row " + row + ", k=" + k);
            }
        }
    }
}
