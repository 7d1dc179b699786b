package minitorch.backend.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import minitorch.backend.BinaryOp;
import minitorch.backend.ReduceOp;
import minitorch.backend.UnaryOp;

// GENERATED from FloatElementwise.java by KernelGenerator: edit the template, not this file.
/**
 * Row kernels for map, zip and reduce over one element type. {@link StridedLoop} hands each kernel a
 * row: a start position and a fixed stride per operand. A row whose strides are all 1 runs on SIMD
 * vectors with no indexing at all; a row where one operand has stride 0 (broadcast) holds that
 * operand in a register; any other row falls back to a plain strided scalar loop.
 *
 * <p>The plain version of each loop is the scalar tail at its end: the SIMD body computes exactly
 * that, {@code S.length()} lanes at a time.
 *
 * <p>Why each element type has its own class: the Vector API only compiles to SIMD instructions
 * when the JIT sees one concrete vector class at each call site; one generic kernel shared by two
 * species falls back to boxed vectors (tens of times slower). So the 32-bit class is the template
 * and its 64-bit twin is generated from it by a word swap, never edited by hand.
 */
final class DoubleElementwise {
    private DoubleElementwise() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    // ---- the ops as vector functions (each mirrors the Operators function it is named after) ----

    static DoubleVector unary(UnaryOp op, DoubleVector x) {
        return switch (op) {
            case ID -> x;
            case NEG -> x.neg();
            case INV -> DoubleVector.broadcast(S, 1).div(x);
            case LOG -> x.lanewise(VectorOperators.LOG);
            case EXP -> x.lanewise(VectorOperators.EXP);
            case SIGMOID -> sigmoid(x);
            // x > 0 ? x : 0 (so NaN and -0.0 give +0.0, as Operators.relu does)
            case RELU -> DoubleVector.zero(S).blend(x, x.compare(VectorOperators.GT, 0));
        };
    }

    /** Stable sigmoid: exp is only taken of -|x|, then 1/(1+e) for x >= 0 and e/(1+e) below. */
    private static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector e = x.abs().neg().lanewise(VectorOperators.EXP);
        DoubleVector r = DoubleVector.broadcast(S, 1).div(e.add(1));
        return e.mul(r).blend(r, x.compare(VectorOperators.GE, 0));
    }

    static DoubleVector binary(BinaryOp op, DoubleVector a, DoubleVector b) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1);
        return switch (op) {
            case ADD -> a.add(b);
            case MUL -> a.mul(b);
            case LT -> zero.blend(one, a.compare(VectorOperators.LT, b));
            case EQ -> zero.blend(one, a.compare(VectorOperators.EQ, b));
            case IS_CLOSE -> zero.blend(one, a.sub(b).abs().compare(VectorOperators.LT, (double) 1e-2));
            case MAX -> b.blend(a, a.compare(VectorOperators.GT, b));
            case RELU_BACK -> zero.blend(b, a.compare(VectorOperators.GT, 0));
            case LOG_BACK -> b.div(a);
            case INV_BACK -> b.neg().div(a.mul(a));
            case SIGMOID_BACK -> {
                DoubleVector s = sigmoid(a);
                yield b.mul(s).mul(one.sub(s));
            }
        };
    }

    // ---- map ---------------------------------------------------------------------------------

    /** out[po + i*os] = op(in[pi + i*is]) for i < n. */
    static void mapRow(UnaryOp op, double[] in, int pi, int is, double[] out, int po, int os, int n) {
        int i = 0;
        if (is == 1 && os == 1) {
            for (int bound = S.loopBound(n); i < bound; i += L) {
                unary(op, DoubleVector.fromArray(S, in, pi + i)).intoArray(out, po + i);
            }
        } else if (is == 0 && os == 1) {
            // the input is one broadcast value: compute it once and fill
            double v = (double) op.apply(in[pi]);
            java.util.Arrays.fill(out, po, po + n, v);
            return;
        }
        for (; i < n; i++) {
            out[po + i * os] = (double) op.apply(in[pi + i * is]);
        }
    }

    // ---- zip ---------------------------------------------------------------------------------

    /** out[po + i*os] = op(a[pa + i*as], b[pb + i*bs]) for i < n. */
    static void zipRow(BinaryOp op, double[] a, int pa, int as, double[] b, int pb, int bs,
                       double[] out, int po, int os, int n) {
        int i = 0;
        if (os == 1) {
            int bound = S.loopBound(n);
            if (as == 1 && bs == 1) {
                for (; i < bound; i += L) {
                    binary(op, DoubleVector.fromArray(S, a, pa + i), DoubleVector.fromArray(S, b, pb + i))
                            .intoArray(out, po + i);
                }
            } else if (as == 1 && bs == 0) {
                DoubleVector vb = DoubleVector.broadcast(S, b[pb]);
                for (; i < bound; i += L) {
                    binary(op, DoubleVector.fromArray(S, a, pa + i), vb).intoArray(out, po + i);
                }
            } else if (as == 0 && bs == 1) {
                DoubleVector va = DoubleVector.broadcast(S, a[pa]);
                for (; i < bound; i += L) {
                    binary(op, va, DoubleVector.fromArray(S, b, pb + i)).intoArray(out, po + i);
                }
            }
        }
        for (; i < n; i++) {
            out[po + i * os] = (double) op.apply(a[pa + i * as], b[pb + i * bs]);
        }
    }

    // ---- reduce ------------------------------------------------------------------------------

    private static VectorOperators.Associative lanes(ReduceOp op) {
        return switch (op) {
            case SUM -> VectorOperators.ADD;
            case PROD -> VectorOperators.MUL;
            case MAX -> VectorOperators.MAX;
        };
    }

    /**
     * Fold of {@code k} elements {@code in[p + j*stride]}. Plain version: {@code acc = start; for j:
     * acc = combine(acc, x)}. The inner loops call no function: the op is chosen once, outside.
     * A unit stride folds four vectors at a time (independent accumulators hide the FMA/add latency).
     */
    static double fold(ReduceOp op, double[] in, int p, int stride, int k) {
        double acc = (double) op.start;
        int j = 0;
        if (stride == 1 && k >= L) {
            DoubleVector v0 = DoubleVector.broadcast(S, acc), v1 = v0, v2 = v0, v3 = v0;
            int bound4 = k - k % (4 * L);
            switch (op) {
                case SUM -> {
                    for (; j < bound4; j += 4 * L) {
                        v0 = v0.add(DoubleVector.fromArray(S, in, p + j));
                        v1 = v1.add(DoubleVector.fromArray(S, in, p + j + L));
                        v2 = v2.add(DoubleVector.fromArray(S, in, p + j + 2 * L));
                        v3 = v3.add(DoubleVector.fromArray(S, in, p + j + 3 * L));
                    }
                    for (int bound = S.loopBound(k); j < bound; j += L) {
                        v0 = v0.add(DoubleVector.fromArray(S, in, p + j));
                    }
                }
                case PROD -> {
                    for (; j < bound4; j += 4 * L) {
                        v0 = v0.mul(DoubleVector.fromArray(S, in, p + j));
                        v1 = v1.mul(DoubleVector.fromArray(S, in, p + j + L));
                        v2 = v2.mul(DoubleVector.fromArray(S, in, p + j + 2 * L));
                        v3 = v3.mul(DoubleVector.fromArray(S, in, p + j + 3 * L));
                    }
                    for (int bound = S.loopBound(k); j < bound; j += L) {
                        v0 = v0.mul(DoubleVector.fromArray(S, in, p + j));
                    }
                }
                case MAX -> {
                    for (; j < bound4; j += 4 * L) {
                        v0 = v0.max(DoubleVector.fromArray(S, in, p + j));
                        v1 = v1.max(DoubleVector.fromArray(S, in, p + j + L));
                        v2 = v2.max(DoubleVector.fromArray(S, in, p + j + 2 * L));
                        v3 = v3.max(DoubleVector.fromArray(S, in, p + j + 3 * L));
                    }
                    for (int bound = S.loopBound(k); j < bound; j += L) {
                        v0 = v0.max(DoubleVector.fromArray(S, in, p + j));
                    }
                }
            }
            VectorOperators.Associative lane = lanes(op);
            acc = v0.lanewise(lane, v1).lanewise(lane, v2.lanewise(lane, v3)).reduceLanes(lane);
        }
        switch (op) {
            case SUM -> {
                for (; j < k; j++) {
                    acc += in[p + j * stride];
                }
            }
            case PROD -> {
                for (; j < k; j++) {
                    acc *= in[p + j * stride];
                }
            }
            case MAX -> {
                for (; j < k; j++) {
                    double x = in[p + j * stride];
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
    static void foldRows(ReduceOp op, double[] in, int pi, int stride, int k, double[] out, int po, int n) {
        if (k == 0) {
            java.util.Arrays.fill(out, po, po + n, (double) op.start);
            return;
        }
        System.arraycopy(in, pi, out, po, n);
        VectorOperators.Associative lane = lanes(op);
        int bound = S.loopBound(n);
        for (int j = 1; j < k; j++) {
            int row = pi + j * stride;
            int i = 0;
            for (; i < bound; i += L) {
                DoubleVector.fromArray(S, out, po + i)
                        .lanewise(lane, DoubleVector.fromArray(S, in, row + i))
                        .intoArray(out, po + i);
            }
            switch (op) {
                case SUM -> {
                    for (; i < n; i++) {
                        out[po + i] += in[row + i];
                    }
                }
                case PROD -> {
                    for (; i < n; i++) {
                        out[po + i] *= in[row + i];
                    }
                }
                case MAX -> {
                    for (; i < n; i++) {
                        double x = in[row + i];
                        out[po + i] = out[po + i] > x ? out[po + i] : x;
                    }
                }
            }
        }
    }
}
