package minitorch.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import minitorch.layout.IndexingError;
import minitorch.tensor.Tensor;

/**
 * Vectorized elementwise kernels (TinyTorch's kernels step 2) on {@code float[]}, each beside its
 * plain loop. A SIMD register holds {@code LANES} floats (8 with AVX2, 16 with AVX-512), and one
 * instruction works on all of them: the vector loop does {@code LANES} elements per step, then the
 * plain loop finishes the few that are left (the "tail").
 *
 * <p>The Tensor overloads copy to float32 and back; they exist for the lab's test cases. The library's
 * own tensors get the same treatment inside the FAST backend.
 */
public final class VectorKernels {
    private VectorKernels() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats per SIMD register on this machine. */
    public static final int LANES = S.length();

    // ---- relu --------------------------------------------------------------------------------

    /** max(x, 0) element by element: the plain version. */
    public static float[] reluPlain(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] > 0 ? x[i] : 0f;
        }
        return out;
    }

    /** max(x, 0), {@link #LANES} at a time. */
    public static float[] relu(float[] x) {
        float[] out = new float[x.length];
        reluInto(x, 0, x.length, out);
        return out;
    }

    /** relu of x[from, to) into out[from, to): the loop {@link ParallelKernels} hands each worker. */
    static void reluInto(float[] x, int from, int to, float[] out) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += LANES) {
            FloatVector.fromArray(S, x, i).max(0f).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = x[i] > 0 ? x[i] : 0f;
        }
    }

    public static Tensor relu(Tensor x) { return like(x, relu(floats(x))); }

    // ---- the elementwise set (TinyTorch's vectorized_operations) -----------------------------

    /** x · y element by element. */
    public static float[] multiply(float[] x, float[] y) {
        check("multiply", x, y);
        float[] out = new float[x.length];
        int i = 0;
        for (int bound = S.loopBound(x.length); i < bound; i += LANES) {
            FloatVector.fromArray(S, x, i).mul(FloatVector.fromArray(S, y, i)).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = x[i] * y[i];
        }
        return out;
    }

    /** x + y element by element. */
    public static float[] add(float[] x, float[] y) {
        check("add", x, y);
        float[] out = new float[x.length];
        int i = 0;
        for (int bound = S.loopBound(x.length); i < bound; i += LANES) {
            FloatVector.fromArray(S, x, i).add(FloatVector.fromArray(S, y, i)).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = x[i] + y[i];
        }
        return out;
    }

    /** (x - y)² element by element. */
    public static float[] squaredDifference(float[] x, float[] y) {
        check("squared difference", x, y);
        float[] out = new float[x.length];
        int i = 0;
        for (int bound = S.loopBound(x.length); i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(S, x, i).sub(FloatVector.fromArray(S, y, i));
            d.mul(d).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            float d = x[i] - y[i];
            out[i] = d * d;
        }
        return out;
    }

    /** √Σ(x - y)²: the squared differences summed in a vector accumulator, lanes added once at the end. */
    public static double euclideanDistance(float[] x, float[] y) {
        check("euclidean distance", x, y);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(x.length); i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(S, x, i).sub(FloatVector.fromArray(S, y, i));
            acc = d.fma(d, acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            double d = x[i] - y[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Σ x·y: the plain version. */
    public static double dotPlain(float[] x, float[] y) {
        check("dot", x, y);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /** Σ x·y with fused multiply-adds into {@link #LANES} partial sums. */
    public static double dot(float[] x, float[] y) {
        check("dot", x, y);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(x.length); i < bound; i += LANES) {
            acc = FloatVector.fromArray(S, x, i).fma(FloatVector.fromArray(S, y, i), acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /** What TinyTorch's {@code vectorized_operations(x, y)} returns, by name. */
    public record Operations(Tensor multiply, Tensor add, Tensor squaredDifference, double euclideanDistance,
                             double dot) {}

    /** The whole elementwise set on two tensors of one shape. */
    public static Operations operations(Tensor x, Tensor y) {
        if (!Arrays.equals(x.shape(), y.shape())) {
            throw new IndexingError("vectorized operations: shapes " + Arrays.toString(x.shape()) + " and "
                    + Arrays.toString(y.shape()) + " must match");
        }
        float[] a = floats(x), b = floats(y);
        return new Operations(like(x, multiply(a, b)), like(x, add(a, b)), like(x, squaredDifference(a, b)),
                euclideanDistance(a, b), dot(a, b));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void check(String operation, float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IndexingError(operation + ": lengths " + x.length + " and " + y.length + " must match");
        }
    }

    /** The tensor's elements in row-major order as float32. */
    static float[] floats(Tensor t) {
        double[] d = t.toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Values shaped like {@code t}, on its backend with its dtype. */
    static Tensor like(Tensor t, float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return Tensor.of(t.backend(), t.dtype(), d, t.shape());
    }

}
