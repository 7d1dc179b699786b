package minitorch.ops.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.UnaryOp;

// TEMPLATE: DoubleElementwise.java is generated from this file by KernelGenerator (core/src/test/java/minitorch/ops/fast).
/**
 * Row kernels for map, zip and reduce over one element type. {@link StridedLoop} hands each kernel a
 * row: a start position and a fixed stride per operand. A row whose strides are all 1 runs on SIMD
 * vectors with no indexing at all; a row where one operand has stride 0 (broadcast) holds that
 * operand in a register; any other row is gathered in chunks into a dense scratch row, computed
 * there with the same SIMD loop, and scattered back.
 *
 * <p>The plain version of each loop is the scalar tail at its end: the SIMD body computes exactly
 * that, {@code S.length()} lanes at a time.
 *
 * <p>Why each element type has its own class: the Vector API only compiles to SIMD instructions
 * when the JIT sees one concrete vector class at each call site; one generic kernel shared by two
 * species falls back to boxed vectors (tens of times slower). So the 32-bit class is the template
 * and its 64-bit twin is generated from it by a word swap, never edited by hand.
 */
final class FloatElementwise {
    private FloatElementwise() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    // ---- map ---------------------------------------------------------------------------------

    /** out[po + i] = op(in[pi + i]) for i < n: op's SIMD loop (generated, below), then the scalar tail. */
    static void mapDense(UnaryOp op, float[] in, int pi, float[] out, int po, int n) {
        int i = mapLoop(op, in, pi, out, po, n);
        for (; i < n; i++) {
            out[po + i] = (float) op.apply(in[pi + i]);
        }
    }

    /**
     * Stable sigmoid (as Operators.sigmoid): exp is only taken of -|x|; 1/(1+e) for x >= 0, e/(1+e)
     * below. Small enough that the JIT always inlines it. Used by {@link UnaryOp#SIGMOID}'s expression.
     */
    private static FloatVector sigmoid(FloatVector x, FloatVector one) {
        FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector r = one.div(e.add(one));
        return e.mul(r).blend(r, x.compare(VectorOperators.GE, 0));
    }

    /** out[po + i*os] = op(in[pi + i*is]) for i < n, any strides. */
    static void mapRow(UnaryOp op, float[] in, int pi, int is, float[] out, int po, int os, int n) {
        if (is == 1 && os == 1) {
            mapDense(op, in, pi, out, po, n);
        } else if (is == 0) {
            // one broadcast input value: compute it once and fill
            float v = (float) op.apply(in[pi]);
            for (int i = 0; i < n; i++) {
                out[po + i * os] = v;
            }
        } else {
            // strided: gather a chunk into a dense scratch row, run the SIMD loop there, scatter it back
            float[][] scratch = SCRATCH.get();
            float[] t = scratch[0];
            for (int start = 0; start < n; start += CHUNK) {
                int len = Math.min(CHUNK, n - start);
                for (int i = 0, p = pi + start * is; i < len; i++, p += is) {
                    t[i] = in[p];
                }
                mapDense(op, t, 0, t, 0, len);
                for (int i = 0, p = po + start * os; i < len; i++, p += os) {
                    out[p] = t[i];
                }
            }
        }
    }

    /** Length of the scratch rows the strided paths gather into. */
    private static final int CHUNK = 512;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][CHUNK]);

    // ---- zip ---------------------------------------------------------------------------------

    /**
     * out[po + i] = op(a[pa + i*as], b[pb + i*bs]) for i < n, with {@code as} and {@code bs} each 0
     * (a broadcast value, held in a register) or 1 (dense): op's SIMD loop, then the scalar tail.
     */
    static void zipDense(BinaryOp op, float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        int i = zipLoop(op, a, pa, as, b, pb, bs, out, po, n);
        for (; i < n; i++) {
            out[po + i] = (float) op.apply(a[pa + i * as], b[pb + i * bs]);
        }
    }

    /** b · s · (1 - s) with s = sigmoid(a), as Operators.sigmoidBack. */
    private static FloatVector sigmoidBack(FloatVector x, FloatVector y, FloatVector one) {
        FloatVector s = sigmoid(x, one);
        return y.mul(s).mul(one.sub(s));
    }

    /** out[po + i*os] = op(a[pa + i*as], b[pb + i*bs]) for i < n, any strides. */
    static void zipRow(BinaryOp op, float[] a, int pa, int as, float[] b, int pb, int bs,
                       float[] out, int po, int os, int n) {
        if (os == 1 && (as == 0 || as == 1) && (bs == 0 || bs == 1)) {
            zipDense(op, a, pa, as, b, pb, bs, out, po, n);
            return;
        }
        // strided: gather chunks of both inputs into dense scratch rows, SIMD there, scatter the result
        float[][] scratch = SCRATCH.get();
        float[] ta = scratch[0], tb = scratch[1], to = scratch[2];
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            for (int i = 0, p = pa + start * as; i < len; i++, p += as) {
                ta[i] = a[p];
            }
            for (int i = 0, p = pb + start * bs; i < len; i++, p += bs) {
                tb[i] = b[p];
            }
            zipDense(op, ta, 0, 1, tb, 0, 1, to, 0, len);
            for (int i = 0, p = po + start * os; i < len; i++, p += os) {
                out[p] = to[i];
            }
        }
    }

    // ---- the per-op SIMD loops --------------------------------------------------------------
    // One small method per op, its vector expression (UnaryOp.simd, BinaryOp.simd) inline. Each is
    // compiled on its own: one loop shared by all ops (a switch or a lambda inside) runs on boxed
    // vectors, or is recompiled each time a new op reaches a branch C2 had pruned.

    // GENERATED per-op loops: KernelGenerator writes from here to the END line, from UnaryOp.simd and BinaryOp.simd.

    /** The SIMD part of mapDense: runs op's loop over whole vectors, returns where the scalar tail starts. */
    private static int mapLoop(UnaryOp op, float[] in, int pi, float[] out, int po, int n) {
        return switch (op) {
            case ID -> idLoop(in, pi, out, po, n);
            case NEG -> negLoop(in, pi, out, po, n);
            case INV -> invLoop(in, pi, out, po, n);
            case LOG -> logLoop(in, pi, out, po, n);
            case EXP -> expLoop(in, pi, out, po, n);
            case SIGMOID -> sigmoidLoop(in, pi, out, po, n);
            case RELU -> reluLoop(in, pi, out, po, n);
            case SQRT -> sqrtLoop(in, pi, out, po, n);
        };
    }

    private static int idLoop(float[] in, int pi, float[] out, int po, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = x;
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int negLoop(float[] in, int pi, float[] out, int po, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = x.neg();
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int invLoop(float[] in, int pi, float[] out, int po, int n) {
        FloatVector one = FloatVector.broadcast(S, 1);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = one.div(x);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int logLoop(float[] in, int pi, float[] out, int po, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = x.lanewise(VectorOperators.LOG);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int expLoop(float[] in, int pi, float[] out, int po, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = x.lanewise(VectorOperators.EXP);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int sigmoidLoop(float[] in, int pi, float[] out, int po, int n) {
        FloatVector one = FloatVector.broadcast(S, 1);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = sigmoid(x, one);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int reluLoop(float[] in, int pi, float[] out, int po, int n) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = zero.blend(x, x.compare(VectorOperators.GT, 0));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int sqrtLoop(float[] in, int pi, float[] out, int po, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, in, pi + i);
            FloatVector r = x.lanewise(VectorOperators.SQRT);
            r.intoArray(out, po + i);
        }
        return i;
    }

    /** The SIMD part of zipDense: runs op's loop over whole vectors, returns where the scalar tail starts. */
    private static int zipLoop(BinaryOp op, float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        return switch (op) {
            case ADD -> addLoop(a, pa, as, b, pb, bs, out, po, n);
            case MUL -> mulLoop(a, pa, as, b, pb, bs, out, po, n);
            case LT -> ltLoop(a, pa, as, b, pb, bs, out, po, n);
            case EQ -> eqLoop(a, pa, as, b, pb, bs, out, po, n);
            case IS_CLOSE -> isCloseLoop(a, pa, as, b, pb, bs, out, po, n);
            case MAX -> maxLoop(a, pa, as, b, pb, bs, out, po, n);
            case RELU_BACK -> reluBackLoop(a, pa, as, b, pb, bs, out, po, n);
            case LOG_BACK -> logBackLoop(a, pa, as, b, pb, bs, out, po, n);
            case INV_BACK -> invBackLoop(a, pa, as, b, pb, bs, out, po, n);
            case SIGMOID_BACK -> sigmoidBackLoop(a, pa, as, b, pb, bs, out, po, n);
            case SQRT_BACK -> sqrtBackLoop(a, pa, as, b, pb, bs, out, po, n);
            case POW -> powLoop(a, pa, as, b, pb, bs, out, po, n);
        };
    }

    private static int addLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = x.add(y);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int mulLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = x.mul(y);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int ltLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1);
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = zero.blend(one, x.compare(VectorOperators.LT, y));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int eqLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1);
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = zero.blend(one, x.compare(VectorOperators.EQ, y));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int isCloseLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1);
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = zero.blend(one, x.sub(y).abs().compare(VectorOperators.LT, (float) 1e-2));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int maxLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = y.blend(x, x.compare(VectorOperators.GT, y));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int reluBackLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = zero.blend(y, x.compare(VectorOperators.GT, 0));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int logBackLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = y.div(x);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int invBackLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = y.neg().div(x.mul(x));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int sigmoidBackLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector one = FloatVector.broadcast(S, 1);
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = sigmoidBack(x, y, one);
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int sqrtBackLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector two = FloatVector.broadcast(S, 2);
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = y.div(x.lanewise(VectorOperators.SQRT).mul(two));
            r.intoArray(out, po + i);
        }
        return i;
    }

    private static int powLoop(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {
        FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
            FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
            FloatVector r = x.lanewise(VectorOperators.POW, y);
            r.intoArray(out, po + i);
        }
        return i;
    }

    // END of the generated per-op loops.

    // ---- reduce ------------------------------------------------------------------------------

    /**
     * The folds of {@code count} outputs of a reduce, {@code out[po + i*os]} = fold of
     * {@code in[pi + i*is + j*d]} over j < k: across rows as whole rows ({@link #foldRows}) when the
     * outputs and inputs are adjacent, row sums four rows at a time ({@link #sumFourRows}), else one
     * {@link #fold} each.
     */
    static void foldGroup(ReduceOp op, float[] in, int pi, int is, int d, int k, float[] out, int po, int os, int count) {
        if (d != 1 && os == 1 && is == 1 && count > 1) {
            foldRows(op, in, pi, d, k, out, po, count);
            return;
        }
        int i = 0;
        if (op == ReduceOp.SUM && d == 1) {
            for (; i + 3 < count; i += 4) {
                sumFourRows(in, pi + i * is, is, k, out, po + i * os, os);
            }
        }
        for (; i < count; i++) {
            out[po + i * os] = fold(op, in, pi + i * is, d, k);
        }
    }

    /**
     * Fold of {@code k} elements {@code in[p + j*stride]}. Plain version: {@code acc = start; for j:
     * acc = combine(acc, x)}. The inner loops call no function: the op is chosen once, outside.
     * A unit stride folds four vectors at a time (independent accumulators hide the FMA/add latency).
     * A sum is pairwise ({@link #sum}, {@link #sumStrided}), as NumPy's and PyTorch's are: a sequential
     * float32 sum of n values drifts by up to n·ε, a pairwise one by about log₂(n)·ε.
     */
    static float fold(ReduceOp op, float[] in, int p, int stride, int k) {
        if (op == ReduceOp.SUM) {
            return stride == 1 ? sum(in, p, k) : sumStrided(in, p, stride, k);
        }
        float acc = (float) op.start;
        int j = 0;
        if (stride == 1 && k >= L) {
            FloatVector v0 = FloatVector.broadcast(S, acc), v1 = v0, v2 = v0, v3 = v0;
            int bound4 = k - k % (4 * L);
            switch (op) {
                case PROD -> {
                    for (; j < bound4; j += 4 * L) {
                        v0 = v0.mul(FloatVector.fromArray(S, in, p + j));
                        v1 = v1.mul(FloatVector.fromArray(S, in, p + j + L));
                        v2 = v2.mul(FloatVector.fromArray(S, in, p + j + 2 * L));
                        v3 = v3.mul(FloatVector.fromArray(S, in, p + j + 3 * L));
                    }
                    for (int bound = S.loopBound(k); j < bound; j += L) {
                        v0 = v0.mul(FloatVector.fromArray(S, in, p + j));
                    }
                }
                case MAX -> {
                    for (; j < bound4; j += 4 * L) {
                        v0 = v0.max(FloatVector.fromArray(S, in, p + j));
                        v1 = v1.max(FloatVector.fromArray(S, in, p + j + L));
                        v2 = v2.max(FloatVector.fromArray(S, in, p + j + 2 * L));
                        v3 = v3.max(FloatVector.fromArray(S, in, p + j + 3 * L));
                    }
                    for (int bound = S.loopBound(k); j < bound; j += L) {
                        v0 = v0.max(FloatVector.fromArray(S, in, p + j));
                    }
                }
            }
            // the lane operator must be a constant for the JIT to emit SIMD, hence one line per op
            acc = switch (op) {
                case SUM -> throw new AssertionError("sums are pairwise, above");
                case PROD -> v0.mul(v1).mul(v2.mul(v3)).reduceLanes(VectorOperators.MUL);
                case MAX -> v0.max(v1).max(v2.max(v3)).reduceLanes(VectorOperators.MAX);
            };
        }
        switch (op) {
            case PROD -> {
                for (; j < k; j++) {
                    acc *= in[p + j * stride];
                }
            }
            case MAX -> {
                for (; j < k; j++) {
                    float x = in[p + j * stride];
                    acc = acc > x ? acc : x;
                }
            }
        }
        return acc;
    }

    /**
     * The "vertical" reduce: n neighbouring outputs out[po..po+n) each fold k inputs that also sit
     * side by side, the j-th of them starting at pi + j*stride. Plain version: n calls of
     * {@link #fold}; here each step combines a whole vector of outputs with one load (e.g. sum(0) of
     * a row-major matrix).
     */
    static void foldRows(ReduceOp op, float[] in, int pi, int stride, int k, float[] out, int po, int n) {
        if (op == ReduceOp.SUM && k > 0) {
            sumRows(in, pi, stride, k, out, po, n);
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(out, po, po + n, (float) op.start);
            return;
        }
        System.arraycopy(in, pi, out, po, n);
        int bound = S.loopBound(n);
        for (int j = 1; j < k; j++) {
            int row = pi + j * stride;
            int i = 0;
            switch (op) { // sums took sumRows, above
                case PROD -> {
                    for (; i < bound; i += L) {
                        FloatVector.fromArray(S, out, po + i).mul(FloatVector.fromArray(S, in, row + i)).intoArray(out, po + i);
                    }
                    for (; i < n; i++) {
                        out[po + i] *= in[row + i];
                    }
                }
                case MAX -> {
                    for (; i < bound; i += L) {
                        FloatVector.fromArray(S, out, po + i).max(FloatVector.fromArray(S, in, row + i)).intoArray(out, po + i);
                    }
                    for (; i < n; i++) {
                        float x = in[row + i];
                        out[po + i] = out[po + i] > x ? out[po + i] : x;
                    }
                }
            }
        }
    }

    // ---- pairwise sums -------------------------------------------------------------------------

    /**
     * Elements summed into one set of accumulators before the block's sum joins the pairwise tree:
     * each lane adds BLOCK / (4·L) values in sequence (32 for float32 on AVX2).
     */
    static final int BLOCK = 1024;
    /** Rows summed in order (four at a time) into a partial row before it joins the pairwise tree. */
    static final int ROW_BLOCK = 64;

    /** Scratch for the partial sums waiting in the pairwise tree (one slot per level). */
    private static final ThreadLocal<float[][]> PARTIALS = ThreadLocal.withInitial(() -> new float[1][0]);

    private static float[] partials(int size) {
        float[][] holder = PARTIALS.get();
        if (holder[0].length < size) {
            holder[0] = new float[Math.max(size, 2 * holder[0].length)];
        }
        return holder[0];
    }

    /**
     * Sum of {@code in[p .. p+k)}, pairwise over blocks: each block of {@link #BLOCK} elements is summed
     * by {@link #blockSum}, and the blocks' sums are combined pairwise ({@link #pairwise}). Plain
     * version: the sum of each half, added (NumPy's pairwise_sum); the error bound grows with
     * BLOCK / (4·L) + log₂(k / BLOCK) instead of k.
     */
    static float sum(float[] in, int p, int k) {
        if (k <= BLOCK) {
            return blockSum(in, p, k);
        }
        int blocks = (k + BLOCK - 1) / BLOCK;
        return pairwise(blocks, 1, (b, dst, q) -> dst[q] = blockSum(in, p + b * BLOCK, Math.min(BLOCK, k - b * BLOCK)))[0];
    }

    /** Sum of {@code in[p .. p+k)} by four vector accumulators (independent, to hide the add latency), then the lanes, then the tail. */
    private static float blockSum(float[] in, int p, int k) {
        FloatVector v0 = FloatVector.zero(S), v1 = v0, v2 = v0, v3 = v0;
        int j = 0;
        for (int bound = k - k % (4 * L); j < bound; j += 4 * L) {
            v0 = v0.add(FloatVector.fromArray(S, in, p + j));
            v1 = v1.add(FloatVector.fromArray(S, in, p + j + L));
            v2 = v2.add(FloatVector.fromArray(S, in, p + j + 2 * L));
            v3 = v3.add(FloatVector.fromArray(S, in, p + j + 3 * L));
        }
        for (int bound = S.loopBound(k); j < bound; j += L) {
            v0 = v0.add(FloatVector.fromArray(S, in, p + j));
        }
        float acc = v0.add(v1).add(v2.add(v3)).reduceLanes(VectorOperators.ADD);
        for (; j < k; j++) {
            acc += in[p + j];
        }
        return acc;
    }

    /**
     * The sums of four rows at once, {@code in[p + r*is .. +k)} into {@code out[o + r*os]} for r < 4, each added
     * in exactly the order {@link #sum} adds it (same blocks, same four accumulators, same pairwise tree), so
     * the results are the same bits as one row at a time. Why four: a row sum is bound by memory, and rows read
     * side by side keep that many streams of loads in flight (sum over dim 1 of 3162×3162, one thread, AVX2
     * EPYC, {@code minitorch bench --suite reduce --dtypes f32,f64 --threads 1,2}: one row at a time 0.54 ns
     * per element f32, two 0.42 (4a34c42); four 0.28 where two took 0.35, and 0.66 against 0.70 in float64,
     * docs/performance-log.md). Sixteen accumulators: all of AVX2's registers, the loads folded into the adds.
     */
    static void sumFourRows(float[] in, int p, int is, int k, float[] out, int o, int os) {
        if (k <= BLOCK) {
            blockSumFour(in, p, is, k, out, o, os);
            return;
        }
        int blocks = (k + BLOCK - 1) / BLOCK;
        float[] total = pairwise(blocks, 4, (b, dst, at) ->
                blockSumFour(in, p + b * BLOCK, is, Math.min(BLOCK, k - b * BLOCK), dst, at, 1));
        for (int r = 0; r < 4; r++) {
            out[o + r * os] = total[r];
        }
    }

    /** {@link #blockSum} of four rows {@code is} apart in one loop. */
    private static void blockSumFour(float[] in, int p, int is, int k, float[] out, int o, int os) {
        int q = p + is, r = q + is, s = r + is;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, d0 = a0, d1 = a0, d2 = a0, d3 = a0;
        int j = 0;
        for (int bound = k - k % (4 * L); j < bound; j += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, in, p + j));
            b0 = b0.add(FloatVector.fromArray(S, in, q + j));
            c0 = c0.add(FloatVector.fromArray(S, in, r + j));
            d0 = d0.add(FloatVector.fromArray(S, in, s + j));
            a1 = a1.add(FloatVector.fromArray(S, in, p + j + L));
            b1 = b1.add(FloatVector.fromArray(S, in, q + j + L));
            c1 = c1.add(FloatVector.fromArray(S, in, r + j + L));
            d1 = d1.add(FloatVector.fromArray(S, in, s + j + L));
            a2 = a2.add(FloatVector.fromArray(S, in, p + j + 2 * L));
            b2 = b2.add(FloatVector.fromArray(S, in, q + j + 2 * L));
            c2 = c2.add(FloatVector.fromArray(S, in, r + j + 2 * L));
            d2 = d2.add(FloatVector.fromArray(S, in, s + j + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, in, p + j + 3 * L));
            b3 = b3.add(FloatVector.fromArray(S, in, q + j + 3 * L));
            c3 = c3.add(FloatVector.fromArray(S, in, r + j + 3 * L));
            d3 = d3.add(FloatVector.fromArray(S, in, s + j + 3 * L));
        }
        for (int bound = S.loopBound(k); j < bound; j += L) {
            a0 = a0.add(FloatVector.fromArray(S, in, p + j));
            b0 = b0.add(FloatVector.fromArray(S, in, q + j));
            c0 = c0.add(FloatVector.fromArray(S, in, r + j));
            d0 = d0.add(FloatVector.fromArray(S, in, s + j));
        }
        float w = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        float x = b0.add(b1).add(b2.add(b3)).reduceLanes(VectorOperators.ADD);
        float y = c0.add(c1).add(c2.add(c3)).reduceLanes(VectorOperators.ADD);
        float z = d0.add(d1).add(d2.add(d3)).reduceLanes(VectorOperators.ADD);
        for (; j < k; j++) {
            w += in[p + j];
            x += in[q + j];
            y += in[r + j];
            z += in[s + j];
        }
        out[o] = w;
        out[o + os] = x;
        out[o + 2 * os] = y;
        out[o + 3 * os] = z;
    }

    /** Writes the partial sum (width values) of leaf {@code index} to dst[q .. q+width). */
    @FunctionalInterface
    private interface Leaf {
        void sum(int index, float[] dst, int q);
    }

    /**
     * The sum of {@code count} leaves' partial sums, pairwise: like a binary counter, leaf b is added
     * to the waiting partial of equal size while b's low bits are set, so at most log₂(count) + 1
     * partials wait at once. Returns an array whose first {@code width} values are the total
     * (this thread's scratch: read it before the next sum). No vector crosses a call, so none is
     * boxed when the JIT does not inline one.
     */
    private static float[] pairwise(int count, int width, Leaf leaf) {
        float[] stack = partials((34 - Integer.numberOfLeadingZeros(count)) * width);
        int depth = 0;
        for (int b = 0; b < count; b++) {
            leaf.sum(b, stack, depth * width);
            for (int c = b; (c & 1) == 1; c >>>= 1) {
                addInto(stack, (depth - 1) * width, stack, depth * width, width);
                depth--;
            }
            depth++;
        }
        for (int d = depth - 1; d > 0; d--) {
            addInto(stack, (d - 1) * width, stack, d * width, width);
        }
        return stack;
    }

    /** Sum of {@code k} elements {@code in[p + j*stride]}, pairwise (the halves' sums, added) down to 32. */
    static float sumStrided(float[] in, int p, int stride, int k) {
        if (k <= 32) {
            float acc = 0;
            for (int j = 0; j < k; j++) {
                acc += in[p + j * stride];
            }
            return acc;
        }
        int half = k / 2;
        return sumStrided(in, p, stride, half) + sumStrided(in, p + half * stride, stride, k - half);
    }

    /**
     * out[po + i] = sum over j < k of in[pi + j*stride + i], for i < n (e.g. sum(0) of a row-major
     * matrix): blocks of {@link #ROW_BLOCK} rows are summed row by row into a partial row, and the
     * blocks' partial rows are combined pairwise as in {@link #sum}. Plain version: {@link #sumStrided}
     * per column.
     */
    static void sumRows(float[] in, int pi, int stride, int k, float[] out, int po, int n) {
        float[] total = pairwise((k + ROW_BLOCK - 1) / ROW_BLOCK, n, (b, dst, q) ->
                stripSum(in, pi + b * ROW_BLOCK * stride, stride, Math.min(ROW_BLOCK, k - b * ROW_BLOCK), dst, q, n));
        System.arraycopy(total, 0, out, po, n);
    }

    /**
     * dst[q + i] = sum over r < rows of in[p + r*stride + i], i < n. Rows are read whole and in order
     * (what the hardware prefetcher streams best), four at a time: dst += (r0 + r1) + (r2 + r3), so
     * the partial row in dst (in L1) is loaded and stored once per four input rows.
     */
    private static void stripSum(float[] in, int p, int stride, int rows, float[] dst, int q, int n) {
        System.arraycopy(in, p, dst, q, n);
        int bound = S.loopBound(n);
        int r = 1;
        for (; r + 3 < rows; r += 4) {
            int r0 = p + r * stride, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector a = FloatVector.fromArray(S, in, r0 + i).add(FloatVector.fromArray(S, in, r1 + i));
                FloatVector b = FloatVector.fromArray(S, in, r2 + i).add(FloatVector.fromArray(S, in, r3 + i));
                FloatVector.fromArray(S, dst, q + i).add(a.add(b)).intoArray(dst, q + i);
            }
            for (; i < n; i++) {
                dst[q + i] += (in[r0 + i] + in[r1 + i]) + (in[r2 + i] + in[r3 + i]);
            }
        }
        for (; r < rows; r++) {
            addInto(dst, q, in, p + r * stride, n);
        }
    }

    /** a[pa + i] += b[pb + i] for i < n. */
    private static void addInto(float[] a, int pa, float[] b, int pb, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, pa + i).add(FloatVector.fromArray(S, b, pb + i)).intoArray(a, pa + i);
        }
        for (; i < n; i++) {
            a[pa + i] += b[pb + i];
        }
    }

    // ---- optimizer ---------------------------------------------------------------------------

    /**
     * One SGD step on [from, to): {@code p[i] + g[i]·negRate}, the product rounded before the sum, as the
     * composed MUL and ADD round it (a vector mul then add, never an FMA), so both give the same bits.
     */
    static void sgd(float[] p, float[] g, int from, int to, float negRate) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector.fromArray(S, p, i).add(FloatVector.fromArray(S, g, i).mul(negRate)).intoArray(p, i);
        }
        for (; i < to; i++) {
            p[i] = p[i] + g[i] * negRate;
        }
    }

    /**
     * One Adam step over elements [from, to) of four dense arrays, in one pass (see
     * {@link minitorch.ops.AdamUpdate}): each element of p, g, m and v is read once and p, m, v
     * written once, where the composed version makes about a dozen passes.
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, int from, int to,
                     float beta1, float beta2, float eps, float stepSize, float correction2) {
        float keep1 = 1 - beta1, keep2 = 1 - beta2, scale2 = 1 / correction2;
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector gv = FloatVector.fromArray(S, g, i);
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gv.mul(keep1));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gv.mul(gv).mul(keep2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denominator = vv.mul(scale2).lanewise(VectorOperators.SQRT).add(eps);
            FloatVector.fromArray(S, p, i).sub(mv.mul(stepSize).div(denominator)).intoArray(p, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            m[i] = beta1 * m[i] + keep1 * gi;
            v[i] = beta2 * v[i] + keep2 * gi * gi;
            p[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i] * scale2) + eps);
        }
    }
}
