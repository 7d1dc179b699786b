package minitorch.ops.fast;

import java.util.Arrays;
import minitorch.layout.DoubleStorage;
import minitorch.layout.ElementType;
import minitorch.layout.FloatStorage;
import minitorch.layout.Shapes;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * The batched matmul driver, independent of element type: checks shapes, resolves broadcast batch
 * dimensions ({@code (D,A,B) @ (1,B,C)}: a size-1 batch dimension has stride 0) and shares the
 * work out: whole products over the threads when there are at least as many batches as threads,
 * else each product on all threads (see {@link FloatMatmul#tile}; {@link DoubleMatmul#tile} is its
 * generated twin).
 */
final class FastMatmul {
    private FastMatmul() {}

    /**
     * Multiply-adds below which one thread does the whole product: a hand-off costs tens of
     * microseconds, in which the packed kernel does about 10^6 multiply-adds.
     */
    static volatile long grain = 1L << 20;
    /** Products smaller than this many multiply-adds skip packing and run the plain triple loop. */
    static final long PLAIN_BELOW = 1L << 11;

    record Result(String path, int threads) {}

    static Result matmul(TensorData a, TensorData b, TensorData out, boolean sameHostDtype) {
        Shapes.checkMatmul("matmul", a.shape(), b.shape(), out.shape());
        int r = out.dims();
        int n = a.shape(r - 2), k = a.shape(r - 1), m = b.shape(r - 1);
        int[] batchShape = Arrays.copyOf(out.shape(), r - 2);
        int batches = TensorData.checkedSize(batchShape, "matmul");
        // per batch: base positions of a, b, out (an odometer would do; batches are few, so toIndex is fine)
        int[] aBase = new int[batches], bBase = new int[batches], cBase = new int[batches];
        int[] index = new int[r - 2];
        for (int q = 0; q < batches; q++) {
            TensorData.toIndex(q, batchShape, index);
            for (int d = 0; d < r - 2; d++) {
                aBase[q] += a.shape(d) == 1 ? 0 : index[d] * a.stride(d);
                bBase[q] += b.shape(d) == 1 ? 0 : index[d] * b.stride(d);
                cBase[q] += index[d] * out.stride(d);
            }
        }
        int asr = a.stride(r - 2), asc = a.stride(r - 1);
        int bsr = b.stride(r - 2), bsc = b.stride(r - 1);
        int csr = out.stride(r - 2), csc = out.stride(r - 1);
        if (out.size() == 0) {
            return new Result("empty", 1);
        }
        long work = (long) batches * n * m * k;

        if (!sameHostDtype) {
            // operands of different element types (rare): the plain loop through Storage.get
            Storage sa = a.storage(), sb = b.storage(), sc = out.storage();
            for (int q = 0; q < batches; q++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        double acc = 0;
                        for (int p = 0; p < k; p++) {
                            acc += sa.get(aBase[q] + i * asr + p * asc) * sb.get(bBase[q] + p * bsr + j * bsc);
                        }
                        sc.set(cBase[q] + i * csr + j * csc, acc);
                    }
                }
            }
            return new Result("mixed-dtype", 1);
        }
        boolean f32 = out.elementType() == ElementType.FLOAT32;
        Object xa = array(a), xb = array(b), xc = array(out);
        boolean plain = (long) n * m * k < PLAIN_BELOW;

        int tasks = Parallel.tasksFor(work, grain);
        int used;
        if (plain || batches >= tasks) {
            // whole products, batches shared out over the threads (one thread when small)
            used = Parallel.forRange(batches, tasks, 1, (s, e) -> {
                for (int q = s; q < e; q++) {
                    if (f32) {
                        float[] fa = (float[]) xa, fb = (float[]) xb, fc = (float[]) xc;
                        if (plain) {
                            FloatMatmul.plain(fa, aBase[q], asr, asc, fb, bBase[q], bsr, bsc, fc, cBase[q], csr, csc, k, 0, n, 0, m);
                        } else {
                            FloatMatmul.tile(fa, aBase[q], asr, asc, fb, bBase[q], bsr, bsc, fc, cBase[q], csr, csc, k, 0, n, 0, m, 1);
                        }
                    } else {
                        double[] da = (double[]) xa, db = (double[]) xb, dc = (double[]) xc;
                        if (plain) {
                            DoubleMatmul.plain(da, aBase[q], asr, asc, db, bBase[q], bsr, bsc, dc, cBase[q], csr, csc, k, 0, n, 0, m);
                        } else {
                            DoubleMatmul.tile(da, aBase[q], asr, asc, db, bBase[q], bsr, bsc, dc, cBase[q], csr, csc, k, 0, n, 0, m, 1);
                        }
                    }
                }
            });
        } else if (n <= FloatMatmul.MC && m >= 2 * FloatMatmul.NR) {
            // few rows (one row block), many columns: each thread takes its own column range and runs the
            // whole product over it alone, packing A itself (small), so threads meet once per product
            // instead of twice per depth block
            int panels = (m + FloatMatmul.NR - 1) / FloatMatmul.NR, parts = Math.min(tasks, panels);
            used = 1;
            for (int q = 0; q < batches; q++) {
                int qa = aBase[q], qb = bBase[q], qc = cBase[q];
                used = Math.max(used, Parallel.forRange(parts, parts, 1, (s, e) -> {
                    for (int part = s; part < e; part++) {
                        int c0 = Math.min(m, part * panels / parts * FloatMatmul.NR);
                        int c1 = Math.min(m, (part + 1) * panels / parts * FloatMatmul.NR);
                        if (f32) {
                            FloatMatmul.tile((float[]) xa, qa, asr, asc, (float[]) xb, qb, bsr, bsc, (float[]) xc, qc, csr, csc, k, 0, n, c0, c1, 1);
                        } else {
                            DoubleMatmul.tile((double[]) xa, qa, asr, asc, (double[]) xb, qb, bsr, bsc, (double[]) xc, qc, csr, csc, k, 0, n, c0, c1, 1);
                        }
                    }
                }));
            }
        } else {
            // fewer batches than threads: each product uses all threads inside (shared packed B, row blocks)
            used = 1;
            for (int q = 0; q < batches; q++) {
                used = Math.max(used, f32
                        ? FloatMatmul.tile((float[]) xa, aBase[q], asr, asc, (float[]) xb, bBase[q], bsr, bsc,
                                (float[]) xc, cBase[q], csr, csc, k, 0, n, 0, m, tasks)
                        : DoubleMatmul.tile((double[]) xa, aBase[q], asr, asc, (double[]) xb, bBase[q], bsr, bsc,
                                (double[]) xc, cBase[q], csr, csc, k, 0, n, 0, m, tasks));
            }
        }
        return new Result(plain ? "plain" : "packed-simd", used);
    }

    private static Object array(TensorData t) {
        return t.storage() instanceof FloatStorage f ? f.array() : ((DoubleStorage) t.storage()).array();
    }
}
