package minitorch.kernels;

import java.util.Arrays;
import minitorch.layout.IndexingError;
import minitorch.tensor.Tensor;

/**
 * Matrix multiplication two ways (TinyTorch's kernels steps 1 and 3), on row-major {@code double[]}:
 *
 * <ul>
 *   <li>{@link #baseline}: the textbook triple loop, i-j-k. The inner loop walks a row of A (next
 *       element, same cache line) and a column of B (a jump of m elements each time): for a large B
 *       nearly every step of k touches a new cache line.</li>
 *   <li>{@link #blocked}: the same sums, visited in {@code block × block} tiles of i, j and k. A tile
 *       of A, B and C (3 × 32 × 32 × 8 bytes = 24 KiB for block 32 in float64) stays in the 32 KiB L1
 *       cache while it is reused {@code block} times, so memory traffic drops by about that factor.
 *       Within a tile the loops run i-k-j, so the innermost loop streams along rows of B and C.</li>
 * </ul>
 * The library's own fast matmul (FAST backend) adds packing, SIMD and threads on top of blocking.
 */
public final class MatmulKernels {
    private MatmulKernels() {}

    /** A 2-D {@code a @ b} by the triple loop; the result has a's backend and dtype. */
    public static Tensor baseline(Tensor a, Tensor b) {
        int[] s = checkShapes("baseline matmul", a, b);
        return Tensor.of(a.backend(), a.dtype(), baseline(a.toDoubleArray(), b.toDoubleArray(), s[0], s[1], s[2]), s[0], s[2]);
    }

    /** A 2-D {@code a @ b} computed tile by tile with {@code block}-sized tiles. */
    public static Tensor blocked(Tensor a, Tensor b, int block) {
        int[] s = checkShapes("blocked matmul", a, b);
        return Tensor.of(a.backend(), a.dtype(), blocked(a.toDoubleArray(), b.toDoubleArray(), s[0], s[1], s[2], block),
                s[0], s[2]);
    }

    /** C (n×m) = A (n×k) · B (k×m), all row-major: the plain version. */
    public static double[] baseline(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * m + j];
                }
                c[i * m + j] = sum;
            }
        }
        return c;
    }

    /** The same product, tile by tile (edge tiles are smaller). */
    public static double[] blocked(double[] a, double[] b, int n, int k, int m, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("blocked matmul: block size must be at least 1, got " + block);
        }
        double[] c = new double[n * m];
        for (int i0 = 0; i0 < n; i0 += block) {
            int i1 = Math.min(i0 + block, n);
            for (int j0 = 0; j0 < m; j0 += block) {
                int j1 = Math.min(j0 + block, m);
                for (int p0 = 0; p0 < k; p0 += block) {
                    int p1 = Math.min(p0 + block, k);
                    // one tile: C[i0:i1, j0:j1] += A[i0:i1, p0:p1] · B[p0:p1, j0:j1]
                    for (int i = i0; i < i1; i++) {
                        for (int p = p0; p < p1; p++) {
                            double aip = a[i * k + p];
                            for (int j = j0; j < j1; j++) {
                                c[i * m + j] += aip * b[p * m + j];
                            }
                        }
                    }
                }
            }
        }
        return c;
    }

    /** {n, k, m} for 2-D a (n×k) and b (k×m). */
    static int[] checkShapes(String operation, Tensor a, Tensor b) {
        if (a.dims() != 2 || b.dims() != 2 || a.shape(1) != b.shape(0)) {
            throw new IndexingError(operation + ": cannot multiply shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " (need 2-D (n, k) and (k, m))");
        }
        return new int[] {a.shape(0), a.shape(1), b.shape(1)};
    }
}
