package minitorch.ops.fast;

import java.util.Arrays;
import minitorch.layout.DoubleStorage;
import minitorch.layout.FloatStorage;
import minitorch.layout.Shapes;
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

    /** The kernels a product can take, in the order they are tried; each element type's class says which fits. */
    enum Path {
        PLAIN("plain"), DIRECT("direct-simd"), DOT("dot-simd"), FEW_ROWS("few-rows-simd"), TILE("packed-simd");

        final String label;

        Path(String label) {
            this.label = label;
        }

        /** Plain below {@link #PLAIN_BELOW} multiply-adds, else the first of the SIMD paths whose rule holds. */
        static Path choose(long multiplyAdds, boolean direct, boolean dot, boolean fewRows) {
            return multiplyAdds < PLAIN_BELOW ? PLAIN : direct ? DIRECT : dot ? DOT : fewRows ? FEW_ROWS : TILE;
        }
    }

    static Result matmul(TensorData a, TensorData b, TensorData out) {
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

        Product product = product(a, b, out, asr, asc, bsr, bsc, csr, csc, k, n);
        Path path = product.path(m);
        boolean plain = path == Path.PLAIN, direct = path == Path.DIRECT, dot = path == Path.DOT, few = path == Path.FEW_ROWS;

        int tasks = Parallel.tasksFor(work, grain);
        int used;
        if (plain || batches >= tasks) {
            // whole products, batches shared out over the threads (one thread when small)
            used = Parallel.forRange(batches, tasks, 1, (s, e) -> {
                for (int q = s; q < e; q++) {
                    if (plain) {
                        product.plain(aBase[q], bBase[q], cBase[q], 0, n, 0, m);
                    } else if (dot) {
                        product.dot(aBase[q], bBase[q], cBase[q], 0, m);
                    } else if (few) {
                        product.fewRows(aBase[q], bBase[q], cBase[q], 0, m);
                    } else if (direct) {
                        product.direct(aBase[q], bBase[q], cBase[q], 0, n, 0, m);
                    } else {
                        product.tile(aBase[q], bBase[q], cBase[q], 0, n, 0, m, 1);
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
                        if (dot) {
                            product.dot(qa, qb, qc, c0, c1);
                        } else if (few) {
                            product.fewRows(qa, qb, qc, c0, c1);
                        } else if (direct) {
                            product.direct(qa, qb, qc, 0, n, c0, c1);
                        } else {
                            product.tile(qa, qb, qc, 0, n, c0, c1, 1);
                        }
                    }
                }));
            }
        } else {
            // fewer batches than threads: each product uses all threads inside (shared packed B, row blocks)
            used = 1;
            int groups = (n + FloatMatmul.STRIDED_ROWS - 1) / FloatMatmul.STRIDED_ROWS;
            for (int q = 0; q < batches; q++) {
                int qa = aBase[q], qb = bBase[q], qc = cBase[q];
                used = Math.max(used, direct
                        ? Parallel.forRange(groups, tasks, 1, (s, e) -> product.direct(qa, qb, qc,
                                s * FloatMatmul.STRIDED_ROWS, Math.min(n, e * FloatMatmul.STRIDED_ROWS), 0, m))
                        : product.tile(qa, qb, qc, 0, n, 0, m, tasks));
            }
        }
        return new Result(path.label, used);
    }

    /**
     * One product's two kernels bound to its typed arrays and strides, so the driver above is written once
     * for both element types: FloatMatmul's or its generated twin DoubleMatmul's. Each call computes
     * rows [r0, r1) and columns [c0, c1) of the product whose operands start at the given positions.
     */
    private interface Product {
        /** The path this product takes, by its element type's own rules (they count its lanes); m: columns of B. */
        Path path(int m);

        /** The plain triple loop (tiny products). */
        void plain(int qa, int qb, int qc, int r0, int r1, int c0, int c1);

        /** The packed, blocked SIMD kernel; returns the threads it used. */
        int tile(int qa, int qb, int qc, int r0, int r1, int c0, int c1, int threads);

        /** Few rows of A: Cᵀ = Bᵀ·Aᵀ with B read in place (FloatMatmul.fewRows), columns [c0, c1). */
        void fewRows(int qa, int qb, int qc, int c0, int c1);

        /** Few rows of A against a transposed B, as dot products (FloatMatmul.dotRows), columns [c0, c1). */
        void dot(int qa, int qb, int qc, int c0, int c1);

        /** Shallow products, nothing packed (FloatMatmul.direct): rows [r0, r1), columns [c0, c1). */
        void direct(int qa, int qb, int qc, int r0, int r1, int c0, int c1);
    }

    private static Product product(TensorData a, TensorData b, TensorData out,
                                   int asr, int asc, int bsr, int bsc, int csr, int csc, int k, int n) {
        if (a.storage() instanceof FloatStorage fa && b.storage() instanceof FloatStorage fb
                && out.storage() instanceof FloatStorage fc) {
            float[] x = fa.array(), y = fb.array(), z = fc.array();
            return new Product() {
                public Path path(int m) {
                    return Path.choose((long) n * m * k, FloatMatmul.takesDirect(n, m, k, bsc, csc),
                            FloatMatmul.takesDot(n, m, k, asc, bsr), FloatMatmul.takesFewRows(n, m, k));
                }

                public void plain(int qa, int qb, int qc, int r0, int r1, int c0, int c1) {
                    FloatMatmul.plain(x, qa, asr, asc, y, qb, bsr, bsc, z, qc, csr, csc, k, r0, r1, c0, c1);
                }

                public int tile(int qa, int qb, int qc, int r0, int r1, int c0, int c1, int threads) {
                    return FloatMatmul.tile(x, qa, asr, asc, y, qb, bsr, bsc, z, qc, csr, csc, k, r0, r1, c0, c1, threads);
                }

                public void fewRows(int qa, int qb, int qc, int c0, int c1) {
                    FloatMatmul.fewRows(x, qa, asr, asc, y, qb, bsr, bsc, z, qc, csr, csc, k, n, c0, c1);
                }

                public void dot(int qa, int qb, int qc, int c0, int c1) {
                    FloatMatmul.dotRows(x, qa, asr, y, qb, bsc, z, qc, csr, csc, k, n, c0, c1);
                }

                public void direct(int qa, int qb, int qc, int r0, int r1, int c0, int c1) {
                    FloatMatmul.direct(x, qa, asr, asc, y, qb, bsr, z, qc, csr, k, r0, r1, c0, c1);
                }
            };
        }
        if (a.storage() instanceof DoubleStorage da && b.storage() instanceof DoubleStorage db
                && out.storage() instanceof DoubleStorage dc) {
            double[] x = da.array(), y = db.array(), z = dc.array();
            return new Product() {
                public Path path(int m) {
                    return Path.choose((long) n * m * k, DoubleMatmul.takesDirect(n, m, k, bsc, csc),
                            DoubleMatmul.takesDot(n, m, k, asc, bsr), DoubleMatmul.takesFewRows(n, m, k));
                }

                public void plain(int qa, int qb, int qc, int r0, int r1, int c0, int c1) {
                    DoubleMatmul.plain(x, qa, asr, asc, y, qb, bsr, bsc, z, qc, csr, csc, k, r0, r1, c0, c1);
                }

                public int tile(int qa, int qb, int qc, int r0, int r1, int c0, int c1, int threads) {
                    return DoubleMatmul.tile(x, qa, asr, asc, y, qb, bsr, bsc, z, qc, csr, csc, k, r0, r1, c0, c1, threads);
                }

                public void fewRows(int qa, int qb, int qc, int c0, int c1) {
                    DoubleMatmul.fewRows(x, qa, asr, asc, y, qb, bsr, bsc, z, qc, csr, csc, k, n, c0, c1);
                }

                public void dot(int qa, int qb, int qc, int c0, int c1) {
                    DoubleMatmul.dotRows(x, qa, asr, y, qb, bsc, z, qc, csr, csc, k, n, c0, c1);
                }

                public void direct(int qa, int qb, int qc, int r0, int r1, int c0, int c1) {
                    DoubleMatmul.direct(x, qa, asr, asc, y, qb, bsr, z, qc, csr, k, r0, r1, c0, c1);
                }
            };
        }
        // the dispatcher (tensor.TensorBackend) promotes and adopts operands first: only a direct call gets here
        throw new IllegalArgumentException("fast matmul: operands must be host arrays of one element type, got "
                + describe(a) + ", " + describe(b) + ", " + describe(out));
    }

    private static String describe(TensorData t) {
        return t.elementType() + " " + t.storage().getClass().getSimpleName() + Arrays.toString(t.shape());
    }
}
