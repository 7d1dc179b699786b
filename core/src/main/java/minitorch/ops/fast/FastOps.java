package minitorch.ops.fast;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import minitorch.layout.DoubleStorage;
import minitorch.layout.ElementType;
import minitorch.layout.FloatStorage;
import minitorch.layout.Shapes;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;
import minitorch.ops.AdamUpdate;
import minitorch.ops.BinaryOp;
import minitorch.ops.ComposedAdam;
import minitorch.ops.ComposedSgd;
import minitorch.ops.FusedAdam;
import minitorch.ops.FusedSgd;
import minitorch.ops.ReduceOp;
import minitorch.ops.TensorOps;
import minitorch.ops.UnaryOp;

/**
 * The parallel SIMD CPU backend (Module 3, Tasks 3.1–3.2, in Java terms).
 *
 * <ul>
 *   <li><b>map / zip / reduce</b>: the outer loop runs in parallel on {@link Parallel}'s pool; dense
 *       operands in the same layout take one flat SIMD loop with no indexing; everything else walks
 *       the output with {@link StridedLoop} (coalesced dimensions, one index buffer per chunk, positions
 *       updated by adding strides) and runs a SIMD or scalar row kernel per row. The reduce inner
 *       loops call no function (see {@link FloatElementwise#fold}). Tensors under {@code grain}
 *       elements stay on the calling thread.</li>
 *   <li><b>matmul</b>: {@link FastMatmul}, a packed, cache-blocked FMA micro-kernel, parallel over
 *       batches and output tiles.</li>
 *   <li><b>conv1d / conv2d</b>: {@link FastConvolution}, direct SIMD over a zero-padded copy of the
 *       input, parallel over batch and out channel; rows too short for the vector loops go through a
 *       matrix product instead (see its header).</li>
 *   <li><b>adam</b> and <b>sgd</b> ({@link FusedAdam}, {@link FusedSgd}: capabilities beyond the kernel
 *       interface): one parallel SIMD pass that updates the parameter (and Adam's moments) in place.</li>
 *   <li><b>diagnostics</b>: every map, zip, reduce, matmul, adam and sgd call records a {@link FastTrace}
 *       ({@link #lastTrace()} on the calling thread; convolutions record none); with
 *       {@code -Dminitorch.fast.trace=true} (or {@link #setTrace}) each is also printed to standard
 *       error.</li>
 * </ul>
 * The plain versions of every loop are SimpleOps's; each kernel's scalar tail is its plain
 * version too.
 */
public final class FastOps implements TensorOps, FusedAdam, FusedSgd {
    private static final FastOps INSTANCE = new FastOps();

    /**
     * Elements per thread below which an elementwise op stays on one thread: handing work to a
     * parked pool worker costs microseconds, which a few thousand elements of a cheap op (~0.5 ns
     * each) do not repay. Chosen by measurement with {@code FastTuning} (core/src/test, see
     * docs/FAST.md); settable there to measure both sides of it.
     */
    static volatile int grain = 1 << 15;

    private static volatile boolean trace = Boolean.getBoolean("minitorch.fast.trace");
    private static final ThreadLocal<FastTrace> LAST = new ThreadLocal<>();

    public static FastOps instance() { return INSTANCE; }

    private FastOps() {}

    // ---- public settings and diagnostics ---------------------------------------------------------

    /** Threads the kernels may use (the caller's plus pool workers). */
    public static int threads() { return Parallel.threads(); }

    /** Sets how many threads the kernels may use, from 1 (everything on the caller) upwards. */
    public static void setThreads(int n) { Parallel.setThreads(n); }

    /** Turns printing of a {@link FastTrace} line per call to standard error on or off. */
    public static void setTrace(boolean on) { trace = on; }

    public static boolean isTracing() { return trace; }

    /** What the last FAST call made on this thread did, or null if it made none. */
    public static FastTrace lastTrace() { return LAST.get(); }

    private static void record(String kernel, Enum<?> op, ElementType dtype, int[] shape, String path, int threads) {
        FastTrace t = new FastTrace(kernel, op.name(), dtype == ElementType.FLOAT32 ? "float32" : "float64", shape, path, threads);
        LAST.set(t);
        if (trace) {
            System.err.println("[minitorch.fast] " + t);
        }
    }

    // ---- storage -------------------------------------------------------------------------------

    @Override public String name() { return "fast"; }

    @Override public Storage allocate(ElementType dtype, int size) { return dtype.allocateHost(size); }

    @Override
    public Storage adopt(Storage source) {
        if (source instanceof DoubleStorage || source instanceof FloatStorage) {
            return source;
        }
        Storage host = source.elementType().allocateHost(source.size());
        double[] values = source.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            host.set(i, values[i]);
        }
        return host;
    }

    private static float[] floats(TensorData t) { return ((FloatStorage) t.storage()).array(); }

    private static double[] doubles(TensorData t) { return ((DoubleStorage) t.storage()).array(); }

    private static boolean hostArrays(TensorData... ts) {
        for (TensorData t : ts) {
            if (!(t.storage() instanceof DoubleStorage || t.storage() instanceof FloatStorage)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameDtype(TensorData... ts) {
        for (TensorData t : ts) {
            if (t.elementType() != ts[0].elementType()) {
                return false;
            }
        }
        return hostArrays(ts);
    }

    /**
     * The kernels read and write one primitive array type: the dispatcher (tensor.TensorBackend) promotes mixed operands to one
     * dtype (and adopts them onto this backend) before any kernel runs, so this only fails on a direct
     * call that skipped it.
     */
    private static void requireOneDtype(String kernel, Enum<?> op, TensorData... ts) {
        if (!sameDtype(ts)) {
            StringBuilder got = new StringBuilder();
            for (TensorData t : ts) {
                got.append(got.isEmpty() ? "" : ", ").append(t.elementType()).append(' ')
                        .append(t.storage().getClass().getSimpleName()).append(Arrays.toString(t.shape()));
            }
            throw new IllegalArgumentException("fast " + kernel + " " + op
                    + ": operands must be host arrays of one element type (the dispatcher promotes them first), got " + got);
        }
    }

    /** Dense in row-major order with the same shape: storage position == element ordinal for all. */
    private static boolean denseAlike(TensorData out, TensorData... ins) {
        if (!out.isContiguous()) {
            return false;
        }
        for (TensorData t : ins) {
            if (!t.isContiguous() || t.dims() != out.dims()) {
                return false;
            }
            for (int d = 0; d < out.dims(); d++) {
                if (t.shape(d) != out.shape(d)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The row path a strided loop will take (for the trace). Operand 0 is the output. */
    private static String pathOf(StridedLoop loop, int operands) {
        if (loop.innerStride(0) != 1) {
            return "strided";
        }
        int ones = 1, zeros = 0;
        for (int o = 1; o < operands; o++) {
            if (loop.innerStride(o) == 1) {
                ones++;
            } else if (loop.innerStride(o) == 0) {
                zeros++;
            }
        }
        if (ones == operands) {
            return loop.rows() <= 1 ? "contiguous-simd" : "rows-simd";
        }
        return ones + zeros == operands ? "broadcast-simd" : "strided";
    }

    // ---- map -----------------------------------------------------------------------------------

    @Override
    public void map(UnaryOp op, TensorData in, TensorData out) {
        int[] shape = out.shape();
        int n = out.size();
        int tasks = Parallel.tasksFor(n, grain);
        requireOneDtype("map", op, in, out);
        boolean f32 = out.elementType() == ElementType.FLOAT32;
        if (denseAlike(out, in)) {
            int used;
            if (f32) {
                float[] a = floats(in), o = floats(out);
                used = Parallel.forRange(n, tasks, 64, (s, e) -> FloatElementwise.mapRow(op, a, s, 1, o, s, 1, e - s));
            } else {
                double[] a = doubles(in), o = doubles(out);
                used = Parallel.forRange(n, tasks, 64, (s, e) -> DoubleElementwise.mapRow(op, a, s, 1, o, s, 1, e - s));
            }
            record("map", op, out.elementType(), shape, "contiguous-simd", used);
            return;
        }
        StridedLoop loop = new StridedLoop(shape, out.strides(), Shapes.broadcastStrides("map", in, shape));
        int os = loop.innerStride(0), is = loop.innerStride(1);
        int used;
        if (f32) {
            float[] a = floats(in), o = floats(out);
            used = Parallel.forRange(n, tasks, 64, (s, e) -> loop.forEachRow(s, e,
                    (po, pi, unused, count) -> FloatElementwise.mapRow(op, a, pi, is, o, po, os, count)));
        } else {
            double[] a = doubles(in), o = doubles(out);
            used = Parallel.forRange(n, tasks, 64, (s, e) -> loop.forEachRow(s, e,
                    (po, pi, unused, count) -> DoubleElementwise.mapRow(op, a, pi, is, o, po, os, count)));
        }
        record("map", op, out.elementType(), shape, pathOf(loop, 2), used);
    }

    // ---- zip -----------------------------------------------------------------------------------

    @Override
    public void zip(BinaryOp op, TensorData a, TensorData b, TensorData out) {
        int[] shape = out.shape();
        int n = out.size();
        int tasks = Parallel.tasksFor(n, grain);
        requireOneDtype("zip", op, a, b, out);
        boolean f32 = out.elementType() == ElementType.FLOAT32;
        if (denseAlike(out, a, b)) {
            int used;
            if (f32) {
                float[] x = floats(a), y = floats(b), o = floats(out);
                used = Parallel.forRange(n, tasks, 64,
                        (s, e) -> FloatElementwise.zipRow(op, x, s, 1, y, s, 1, o, s, 1, e - s));
            } else {
                double[] x = doubles(a), y = doubles(b), o = doubles(out);
                used = Parallel.forRange(n, tasks, 64,
                        (s, e) -> DoubleElementwise.zipRow(op, x, s, 1, y, s, 1, o, s, 1, e - s));
            }
            record("zip", op, out.elementType(), shape, "contiguous-simd", used);
            return;
        }
        StridedLoop loop = new StridedLoop(shape, out.strides(), Shapes.broadcastStrides("zip", a, shape),
                Shapes.broadcastStrides("zip", b, shape));
        int os = loop.innerStride(0), as = loop.innerStride(1), bs = loop.innerStride(2);
        int used;
        if (f32) {
            float[] x = floats(a), y = floats(b), o = floats(out);
            used = Parallel.forRange(n, tasks, 64, (s, e) -> loop.forEachRow(s, e,
                    (po, pa, pb, count) -> FloatElementwise.zipRow(op, x, pa, as, y, pb, bs, o, po, os, count)));
        } else {
            double[] x = doubles(a), y = doubles(b), o = doubles(out);
            used = Parallel.forRange(n, tasks, 64, (s, e) -> loop.forEachRow(s, e,
                    (po, pa, pb, count) -> DoubleElementwise.zipRow(op, x, pa, as, y, pb, bs, o, po, os, count)));
        }
        record("zip", op, out.elementType(), shape, pathOf(loop, 3), used);
    }

    // ---- user functions (Tensor.map / Tensor.zip with a Java function) ----------------------------

    /**
     * A Java function over any strides, parallel like {@link #map}: the JIT cannot turn an arbitrary
     * function into SIMD, so each row is a scalar loop, but the rows run on the pool.
     */
    @Override
    public void mapFunction(DoubleUnaryOperator f, TensorData in, TensorData out) {
        if (!sameDtype(in, out)) {
            TensorOps.super.mapFunction(f, in, out);
            return;
        }
        int[] shape = out.shape();
        int n = out.size();
        StridedLoop loop = new StridedLoop(shape, out.strides(), Shapes.broadcastStrides("map", in, shape));
        int os = loop.innerStride(0), is = loop.innerStride(1);
        int used;
        if (out.elementType() == ElementType.FLOAT32) {
            float[] a = floats(in), o = floats(out);
            used = Parallel.forRange(n, Parallel.tasksFor(n, grain), 64, (s, e) -> loop.forEachRow(s, e, (po, pi, unused, count) -> {
                for (int i = 0; i < count; i++) {
                    o[po + i * os] = (float) f.applyAsDouble(a[pi + i * is]);
                }
            }));
        } else {
            double[] a = doubles(in), o = doubles(out);
            used = Parallel.forRange(n, Parallel.tasksFor(n, grain), 64, (s, e) -> loop.forEachRow(s, e, (po, pi, unused, count) -> {
                for (int i = 0; i < count; i++) {
                    o[po + i * os] = f.applyAsDouble(a[pi + i * is]);
                }
            }));
        }
        record("map", Kernel.FUNCTION, out.elementType(), shape, "function", used);
    }

    /** A Java function of two broadcast operands, parallel like {@link #zip}; scalar rows as in {@link #mapFunction}. */
    @Override
    public void zipFunction(DoubleBinaryOperator f, TensorData a, TensorData b, TensorData out) {
        if (!sameDtype(a, b, out)) {
            TensorOps.super.zipFunction(f, a, b, out);
            return;
        }
        int[] shape = out.shape();
        int n = out.size();
        StridedLoop loop = new StridedLoop(shape, out.strides(), Shapes.broadcastStrides("zip", a, shape),
                Shapes.broadcastStrides("zip", b, shape));
        int os = loop.innerStride(0), as = loop.innerStride(1), bs = loop.innerStride(2);
        int used;
        if (out.elementType() == ElementType.FLOAT32) {
            float[] x = floats(a), y = floats(b), o = floats(out);
            used = Parallel.forRange(n, Parallel.tasksFor(n, grain), 64, (s, e) -> loop.forEachRow(s, e, (po, pa, pb, count) -> {
                for (int i = 0; i < count; i++) {
                    o[po + i * os] = (float) f.applyAsDouble(x[pa + i * as], y[pb + i * bs]);
                }
            }));
        } else {
            double[] x = doubles(a), y = doubles(b), o = doubles(out);
            used = Parallel.forRange(n, Parallel.tasksFor(n, grain), 64, (s, e) -> loop.forEachRow(s, e, (po, pa, pb, count) -> {
                for (int i = 0; i < count; i++) {
                    o[po + i * os] = f.applyAsDouble(x[pa + i * as], y[pb + i * bs]);
                }
            }));
        }
        record("zip", Kernel.FUNCTION, out.elementType(), shape, "function", used);
    }

    // ---- reduce --------------------------------------------------------------------------------

    @Override
    public void reduce(ReduceOp op, TensorData in, int dim, TensorData out) {
        Shapes.checkReduce("reduce", in.shape(), dim, out.shape());
        int[] shape = out.shape();
        int k = in.shape(dim);
        int d = in.stride(dim);
        int[] inStrides = in.strides();
        inStrides[dim] = 0;
        StridedLoop loop = new StridedLoop(shape, out.strides(), inStrides);
        int n = out.size();
        requireOneDtype("reduce", op, in, out);
        boolean f32 = out.elementType() == ElementType.FLOAT32;
        int tasks = Parallel.tasksFor((long) n * Math.max(k, 1), grain);
        int os = loop.innerStride(0), is = loop.innerStride(1);
        String path;
        int used;
        if (n == 1 && d == 1 && tasks > 1) {
            // one output and a long unit-stride fold: split the fold itself, then combine the partial results
            path = "split-simd";
            double[] partial = new double[tasks];
            int chunk = (k + tasks - 1) / tasks;
            int at = 0;
            if (f32) {
                float[] a = floats(in);
                used = Parallel.forRange(tasks, tasks, 1, (s, e) -> {
                    for (int t = s; t < e; t++) {
                        int from = t * chunk, len = Math.max(0, Math.min(k, from + chunk) - from);
                        partial[t] = FloatElementwise.fold(op, a, at + from, 1, len);
                    }
                });
            } else {
                double[] a = doubles(in);
                used = Parallel.forRange(tasks, tasks, 1, (s, e) -> {
                    for (int t = s; t < e; t++) {
                        int from = t * chunk, len = Math.max(0, Math.min(k, from + chunk) - from);
                        partial[t] = DoubleElementwise.fold(op, a, at + from, 1, len);
                    }
                });
            }
            double acc = op.start;
            for (double p : partial) {
                acc = op.combine.apply(acc, p);
            }
            out.storage().set(0, acc);
        } else {
            boolean vertical = d != 1 && os == 1 && is == 1 && loop.inner() > 1;
            if (op == ReduceOp.SUM && vertical && loop.rows() == 1 && tasks > 1 && k >= 4 * FloatElementwise.ROW_BLOCK) {
                record("reduce", op, out.elementType(), in.shape(), "split-rows-simd", sumRowsSplit(in, out, loop, k, d, tasks));
                return;
            }
            path = d == 1 ? "horizontal-simd" : vertical ? "vertical-simd" : "strided";
            // vertical: each thread streams its columns of every row, so its share of a row is at least 1 KiB
            int align = vertical ? 256 : 16;
            if (f32) {
                float[] a = floats(in), o = floats(out);
                used = Parallel.forRange(n, tasks, align, (s, e) -> loop.forEachRow(s, e,
                        (po, pi, unused, count) -> FloatElementwise.foldGroup(op, a, pi, is, d, k, o, po, os, count)));
            } else {
                double[] a = doubles(in), o = doubles(out);
                used = Parallel.forRange(n, tasks, align, (s, e) -> loop.forEachRow(s, e,
                        (po, pi, unused, count) -> DoubleElementwise.foldGroup(op, a, pi, is, d, k, o, po, os, count)));
            }
        }
        record("reduce", op, out.elementType(), in.shape(), path, used);
    }

    /**
     * A sum over rows of one output row, e.g. sum(0) of a big (k, n) matrix: each thread sums its own
     * band of whole rows (read in order, what memory streams fastest) into a partial row, and the
     * partial rows are summed as rows again. Returns the threads used.
     */
    private static int sumRowsSplit(TensorData in, TensorData out, StridedLoop loop, int k, int d, int tasks) {
        int n = loop.inner();
        int[] at = new int[2];
        loop.forEachRow(0, n, (po, pi, unused, count) -> {
            at[0] = po;
            at[1] = pi;
        });
        int block = FloatElementwise.ROW_BLOCK;
        int share = ((k + tasks - 1) / tasks + block - 1) / block * block;
        int parts = (k + share - 1) / share;
        int used;
        if (out.elementType() == ElementType.FLOAT32) {
            float[] a = floats(in), partial = new float[parts * n];
            used = Parallel.forRange(parts, parts, 1, (s, e) -> {
                for (int t = s; t < e; t++) {
                    FloatElementwise.sumRows(a, at[1] + t * share * d, d, Math.min(share, k - t * share), partial, t * n, n);
                }
            });
            FloatElementwise.sumRows(partial, 0, n, parts, floats(out), at[0], n);
        } else {
            double[] a = doubles(in), partial = new double[parts * n];
            used = Parallel.forRange(parts, parts, 1, (s, e) -> {
                for (int t = s; t < e; t++) {
                    DoubleElementwise.sumRows(a, at[1] + t * share * d, d, Math.min(share, k - t * share), partial, t * n, n);
                }
            });
            DoubleElementwise.sumRows(partial, 0, n, parts, doubles(out), at[0], n);
        }
        return used;
    }

    // ---- matmul --------------------------------------------------------------------------------

    @Override
    public void matmul(TensorData a, TensorData b, TensorData out) {
        FastMatmul.Result r = FastMatmul.matmul(a, b, out);
        record("matmul", Kernel.MATMUL, out.elementType(), out.shape(), r.path(), r.threads());
    }

    /** The op names matmul, the optimizers and the Java-function kernels trace under. */
    private enum Kernel { MATMUL, ADAM, SGD, FUNCTION }

    // ---- convolution (FastConvolution, issue 6) ---------------------------------------------------

    @Override
    public void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        FastConvolution.conv1d(input, weight, out, reverse);
    }

    @Override
    public void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        FastConvolution.conv2d(input, weight, out, reverse);
    }

    // ---- optimizer -------------------------------------------------------------------------------

    /** Adam fused into one parallel SIMD pass when all four are dense host arrays of one dtype; else composed from map and zip. */
    @Override
    public void adam(TensorData param, TensorData grad, TensorData m, TensorData v, AdamUpdate u) {
        if (!sameDtype(param, grad, m, v) || !denseAlike(param, m, v)) {
            ComposedAdam.step(this, param, grad, m, v, u);
            return;
        }
        // a gradient that is a view (a convolution's weight gradient is permuted) is made dense first
        TensorData dense = denseAlike(param, grad) ? grad : TensorData.contiguous(allocate(param.elementType(), param.size()), param.shape());
        if (dense != grad) {
            map(UnaryOp.ID, grad, dense);
        }
        int used = Parallel.forRange(param.size(), Parallel.tasksFor(param.size(), grain), 64, (from, to) -> {
            if (param.elementType() == ElementType.FLOAT32) {
                FloatElementwise.adam(floats(param), floats(dense), floats(m), floats(v), from, to, (float) u.beta1(),
                        (float) u.beta2(), (float) u.eps(), (float) u.stepSize(), (float) u.correction2());
            } else {
                DoubleElementwise.adam(doubles(param), doubles(dense), doubles(m), doubles(v), from, to, u.beta1(),
                        u.beta2(), u.eps(), u.stepSize(), u.correction2());
            }
        });
        record("adam", Kernel.ADAM, param.elementType(), param.shape(), "fused-simd", used);
    }

    /**
     * SGD in one parallel SIMD pass when parameter and gradient are dense host arrays of one dtype and layout
     * (a weight and its gradient always are); else composed from zip through a scratch tensor.
     */
    @Override
    public void sgd(TensorData param, TensorData grad, double rate) {
        if (!sameDtype(param, grad) || !denseAlike(param, grad)) {
            ComposedSgd.step(this, param, grad, rate, TensorData.contiguous(allocate(param.elementType(), param.size()), param.shape()));
            return;
        }
        int used = Parallel.forRange(param.size(), Parallel.tasksFor(param.size(), grain), 64, (from, to) -> {
            if (param.elementType() == ElementType.FLOAT32) {
                FloatElementwise.sgd(floats(param), floats(grad), from, to, (float) -rate);
            } else {
                DoubleElementwise.sgd(doubles(param), doubles(grad), from, to, -rate);
            }
        });
        record("sgd", Kernel.SGD, param.elementType(), param.shape(), "fused-simd", used);
    }
}
