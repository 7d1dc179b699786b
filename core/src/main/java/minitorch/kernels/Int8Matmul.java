package minitorch.kernels;

import java.util.stream.IntStream;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The integer core of quantized matmul: int8 inputs, products summed in int32 (an int8 product needs
 * 15 bits, and a 32-bit sum holds 2^17 of them without overflow), the float scales applied only once
 * per output by the caller.
 *
 * <p>{@link #plain} is the triple loop. {@link #simd} takes B transposed (each output is then a dot
 * product of two contiguous byte rows), widens 8 bytes at a time to 8 ints ({@code B2I}), multiplies
 * and adds them in int lanes, for four columns of B at once so that each widened chunk of A is used
 * four times, and runs rows on the common ForkJoin pool. Without AVX-512 VNNI (one instruction for
 * a 4-way int8 dot product per lane) int8 does not get more multiplies per instruction than float32:
 * a float FMA does 8 multiply-adds, the int path needs a widen, a multiply and an add for 8.
 */
public final class Int8Matmul {
    private Int8Matmul() {}

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.vectorBitSize() / 4));
    private static final int L = INTS.length();

    /** C (n×m, int32) = A (n×k) · B (k×m), int8 row-major: the plain version. */
    public static int[] plain(byte[] a, byte[] b, int n, int k, int m) {
        int[] c = new int[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * m + j];
                }
                c[i * m + j] = sum;
            }
        }
        return c;
    }

    /** B (k×m) row-major as Bᵀ (m×k): each column of B becomes a contiguous row. */
    public static byte[] transpose(byte[] b, int k, int m) {
        byte[] t = new byte[b.length];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < m; j++) {
                t[j * k + p] = b[p * m + j];
            }
        }
        return t;
    }

    /** C (n×m, int32) = A (n×k) · B, with B given transposed ({@code bt}, m×k): SIMD and parallel over rows. */
    public static int[] simd(byte[] a, byte[] bt, int n, int k, int m) {
        int[] c = new int[n * m];
        IntStream.range(0, n).parallel().forEach(i -> row(a, i * k, bt, k, m, c, i * m));
        return c;
    }

    private static void row(byte[] a, int ai, byte[] bt, int k, int m, int[] c, int ci) {
        int j = 0;
        int bound = BYTES.loopBound(k);
        for (; j + 4 <= m; j += 4) {
            int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
            IntVector s0 = IntVector.zero(INTS), s1 = s0, s2 = s0, s3 = s0;
            int p = 0;
            for (; p < bound; p += L) {
                IntVector x = widen(a, ai + p);
                s0 = s0.add(x.mul(widen(bt, b0 + p)));
                s1 = s1.add(x.mul(widen(bt, b1 + p)));
                s2 = s2.add(x.mul(widen(bt, b2 + p)));
                s3 = s3.add(x.mul(widen(bt, b3 + p)));
            }
            int r0 = s0.reduceLanes(VectorOperators.ADD), r1 = s1.reduceLanes(VectorOperators.ADD);
            int r2 = s2.reduceLanes(VectorOperators.ADD), r3 = s3.reduceLanes(VectorOperators.ADD);
            for (; p < k; p++) {
                int x = a[ai + p];
                r0 += x * bt[b0 + p];
                r1 += x * bt[b1 + p];
                r2 += x * bt[b2 + p];
                r3 += x * bt[b3 + p];
            }
            c[ci + j] = r0;
            c[ci + j + 1] = r1;
            c[ci + j + 2] = r2;
            c[ci + j + 3] = r3;
        }
        for (; j < m; j++) {
            int sum = 0;
            for (int p = 0; p < k; p++) {
                sum += a[ai + p] * bt[j * k + p];
            }
            c[ci + j] = sum;
        }
    }

    private static IntVector widen(byte[] x, int at) {
        return (IntVector) ByteVector.fromArray(BYTES, x, at).convertShape(VectorOperators.B2I, INTS, 0);
    }
}
