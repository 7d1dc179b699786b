package minitorch.ops.fast;

import static minitorch.testing.RandomTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.SimpleOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packed matmul at the edges of its register tiles (MR rows × NR columns) and cache blocks
 * (KC depth, MC rows, NC columns), against SimpleOps; and each hand-written micro-kernel
 * against its plain version, whichever tile this machine's register file selects.
 */
class FastMatmulEdgesTest {
    /** Sizes on both sides of the tile edges (MR = 4 or 6; NR = 8, 16 or 32) and of KC = 256. */
    private static final int[] SIZES = {1, 5, 7, 13, 17, 65, 257};

    private final FastOps fast = FastOps.instance();
    private int savedThreads;

    @BeforeEach
    void saveThreads() { savedThreads = FastOps.threads(); }

    @AfterEach
    void restoreThreads() { FastOps.setThreads(savedThreads); }


    /** Every pair of edge sizes in two of (rows, depth, columns) with the third at 257 (past KC, so packed). */
    @Test
    void sizesStraddlingTileEdgesMatchSimple() {
        Random r = new Random(15);
        for (ElementType dtype : ElementType.values()) {
            for (int threads : new int[] {1, 2}) {
                FastOps.setThreads(threads);
                for (int x : SIZES) {
                    for (int y : SIZES) {
                        check(uniform(dtype, r, 1, 257, x), uniform(dtype, r, 1, x, y));
                        check(uniform(dtype, r, 1, x, 257), uniform(dtype, r, 1, 257, y));
                        check(uniform(dtype, r, 1, x, y), uniform(dtype, r, 1, y, 257));
                    }
                }
            }
        }
    }

    /** Transposed operands (packed through their other loops) at edge sizes, and batches broadcast against one B. */
    @Test
    void transposedAndBroadcastOperandsAtEdgeSizesMatchSimple() {
        Random r = new Random(16);
        FastOps.setThreads(2);
        for (ElementType dtype : ElementType.values()) {
            for (int x : SIZES) {
                check(uniform(dtype, r, 1, 65, x).permute(0, 2, 1), uniform(dtype, r, 1, 65, 17));
                check(uniform(dtype, r, 1, 13, 65), uniform(dtype, r, 1, x, 65).permute(0, 2, 1));
                check(uniform(dtype, r, 3, x, 65), uniform(dtype, r, 1, 65, 17));
            }
        }
    }

    /**
     * One past each cache block: MC + 1 rows, NC + 1 columns, 2·KC + 1 depth with B wider than two
     * panels, and 4·KC + 1 depth with a narrow B (which takes depth blocks of 4·KC), each type's own KC and NR.
     */
    @Test
    void sizesStraddlingCacheBlocksMatchSimple() {
        Random r = new Random(17);
        for (ElementType dtype : ElementType.values()) {
            for (int threads : new int[] {1, 2}) {
                FastOps.setThreads(threads);
                check(uniform(dtype, r, 1, FloatMatmul.MC + 1, 40), uniform(dtype, r, 1, 40, 33));
                check(uniform(dtype, r, 1, 9, 20), uniform(dtype, r, 1, 20, FloatMatmul.NC + 1));
                boolean floats = dtype == ElementType.FLOAT32;
                int wide = 2 * (floats ? FloatMatmul.NR : DoubleMatmul.NR) + 1, kc = floats ? FloatMatmul.KC : DoubleMatmul.KC;
                check(uniform(dtype, r, 1, 11, 2 * kc + 1), uniform(dtype, r, 1, 2 * kc + 1, wide));
                check(uniform(dtype, r, 1, 11, 4 * kc + 1), uniform(dtype, r, 1, 4 * kc + 1, 10));
            }
        }
    }

    /** Both tile kernels (whichever this machine runs) equal the plain loop over the same packed panels. */
    @Test
    void microKernelsMatchTheirPlainVersion() {
        Random r = new Random(18);
        int l32 = FloatMatmul.S.length(), l64 = DoubleMatmul.S.length();
        for (int kc : new int[] {1, 7, 256}) {
            // tile shapes {rows, vectors}: 6×2 for 16 registers, 6×4 for 32; both add to C's random values
            for (int[] tile : new int[][] {{6, 2}, {6, 4}}) {
                int mr = tile[0], nr32 = tile[1] * l32, nr64 = tile[1] * l64;
                float[] af = floats(r, FloatMatmul.AS * kc), bf = floats(r, nr32 * kc), cf = floats(r, mr * nr32 + 3);
                float[] expectedF = cf.clone();
                FloatMatmul.plainKernel(kc, mr, nr32, af, 0, bf, 0, expectedF, 3, nr32);
                if (tile[1] == 2) {
                    FloatMatmul.kernel6x2(kc, af, 0, bf, 0, cf, 3, nr32);
                } else {
                    FloatMatmul.kernel6x4(kc, af, 0, bf, 0, cf, 3, nr32);
                }
                for (int i = 0; i < cf.length; i++) {
                    assertEquals(expectedF[i], cf[i], 1e-4 * Math.max(1, Math.abs(expectedF[i])),
                            "float " + mr + "x" + tile[1] + " kc=" + kc + " element " + i);
                }
                double[] ad = doubles(r, DoubleMatmul.AS * kc), bd = doubles(r, nr64 * kc), cd = doubles(r, mr * nr64 + 3);
                double[] expectedD = cd.clone();
                DoubleMatmul.plainKernel(kc, mr, nr64, ad, 0, bd, 0, expectedD, 3, nr64);
                if (tile[1] == 2) {
                    DoubleMatmul.kernel6x2(kc, ad, 0, bd, 0, cd, 3, nr64);
                } else {
                    DoubleMatmul.kernel6x4(kc, ad, 0, bd, 0, cd, 3, nr64);
                }
                for (int i = 0; i < cd.length; i++) {
                    assertEquals(expectedD[i], cd[i], 1e-12 * Math.max(1, Math.abs(expectedD[i])),
                            "double " + mr + "x" + tile[1] + " kc=" + kc + " element " + i);
                }
            }
        }
    }

    private static float[] floats(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static double[] doubles(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 2 - 1;
        }
        return x;
    }

    private void check(TensorData a, TensorData b) {
        int[] shape = {Math.max(a.shape(0), b.shape(0)), a.shape(1), b.shape(2)};
        TensorData out = TensorData.zeros(a.elementType(), shape), expected = TensorData.zeros(a.elementType(), shape);
        for (int i = 0; i < out.size(); i++) {
            out.storage().set(i, Double.NaN); // the product overwrites whatever the output held (the kernel accumulates into a zeroed tile)
        }
        fast.matmul(a, b, out);
        SimpleOps.INSTANCE.matmul(a, b, expected);
        double[] e = expected.toDoubleArray(), o = out.toDoubleArray();
        double tol = a.elementType() == ElementType.FLOAT32 ? 1e-3 : 1e-9;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - o[i]) <= tol * Math.max(1, Math.abs(e[i])))) { // a NaN fails too
                throw new AssertionError(a.elementType() + " " + java.util.Arrays.toString(a.shape()) + " @ "
                        + java.util.Arrays.toString(b.shape()) + " element " + i + ": expected " + e[i] + " but was " + o[i]);
            }
        }
    }
}
