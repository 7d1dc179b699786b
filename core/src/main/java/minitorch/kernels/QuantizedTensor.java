package minitorch.kernels;

import java.util.Arrays;
import minitorch.backend.Backend;
import minitorch.layout.IndexingError;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * A tensor stored as int8 values with float scales (TinyTorch's kernels step 6): element
 * {@code w ≈ q · scale}. Symmetric quantization: {@code scale = max|w| / 127}, {@code q = round(w / scale)}
 * clamped to [-127, 127], so 0 stays exactly 0 and each value takes one byte instead of four.
 *
 * <p>One scale for the whole tensor ({@link #quantize(Tensor)}), or one per channel along an axis
 * ({@link #quantizePerChannel}): a layer's weight rows differ in range, and a scale per output
 * channel keeps small rows from being rounded to a handful of levels.
 */
public final class QuantizedTensor {
    /** The largest magnitude an int8 value takes here (symmetric range). */
    public static final int LEVELS = 127;

    private final byte[] values;
    private final int[] shape;
    private final float[] scales;
    private final int axis;

    private QuantizedTensor(byte[] values, int[] shape, float[] scales, int axis) {
        this.values = values;
        this.shape = shape;
        this.scales = scales;
        this.axis = axis;
    }

    /** Per-tensor symmetric quantization: scale = max|w| / 127 (1 for an all-zero tensor). */
    public static QuantizedTensor quantize(Tensor t) {
        double[] w = t.toDoubleArray();
        return quantize(t, scaleFor(w));
    }

    /** Quantization with a given scale; values beyond ±127·scale are clamped. */
    public static QuantizedTensor quantize(Tensor t, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("quantize: scale must be positive and finite, got " + scale);
        }
        double[] w = t.toDoubleArray();
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = round(w[i] / scale);
        }
        return new QuantizedTensor(q, t.shape(), new float[] {(float) scale}, -1);
    }

    /** One scale per index of {@code axis} (e.g. axis 0 of a (out, in) weight: one per output channel). */
    public static QuantizedTensor quantizePerChannel(Tensor t, int axis) {
        int[] shape = t.shape();
        if (axis < 0 || axis >= shape.length) {
            throw new IndexingError("quantizePerChannel: axis " + axis + " out of range for shape " + Arrays.toString(shape));
        }
        double[] w = t.toDoubleArray();
        int channels = shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        // row-major: element i belongs to channel (i / inner) % channels
        double[] max = new double[channels];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            max[c] = Math.max(max[c], Math.abs(w[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = (float) (max[c] == 0 ? 1 : max[c] / LEVELS);
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = round(w[i] / scales[(i / inner) % channels]);
        }
        return new QuantizedTensor(q, shape, scales, axis);
    }

    private static double scaleFor(double[] w) {
        double max = 0;
        for (int i = 0; i < w.length; i++) {
            max = Math.max(max, Math.abs(w[i]));
        }
        return max == 0 ? 1 : max / LEVELS;
    }

    static byte round(double x) {
        return (byte) Math.max(-LEVELS, Math.min(LEVELS, Math.round(x)));
    }

    public int[] shape() { return shape.clone(); }

    /** The int8 values in row-major order (a copy). */
    public byte[] values() { return values.clone(); }

    /** The scales: one, or one per index of {@link #axis()}. */
    public float[] scales() { return scales.clone(); }

    /** The axis with one scale per index, or -1 for one scale for the whole tensor. */
    public int axis() { return axis; }

    /** Memory held: one byte per value plus four per scale. */
    public long bytes() { return values.length + 4L * scales.length; }

    /** The scale of row-major element {@code i}. */
    private float scaleOf(int i) {
        if (axis < 0) {
            return scales[0];
        }
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return scales[(i / inner) % shape[axis]];
    }

    /** q · scale as a float32 tensor on {@code backend}. */
    public Tensor dequantize(Backend backend) {
        double[] w = new double[values.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = values[i] * (double) scaleOf(i);
        }
        return Tensor.of(backend, DType.FLOAT32, w, shape);
    }

    /** q · scale as a float32 tensor on the default backend. */
    public Tensor dequantize() { return dequantize(Tensor.defaultBackend()); }

    /** max(q, 0) with the same scales: relu commutes with a positive scale, so it runs on the int8 values. */
    public QuantizedTensor relu() {
        byte[] q = new byte[values.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = values[i] > 0 ? values[i] : 0;
        }
        return new QuantizedTensor(q, shape, scales, axis);
    }

    /**
     * this (n×k) @ other (k×m) as a float32 tensor on {@code backend}: int8 products summed in int32
     * ({@link Int8Matmul}), then each sum multiplied by its row's and column's scale. The scales must
     * factor out of the sum over k, so this may have one scale or one per row (axis 0), and other one
     * scale or one per column (axis 1).
     */
    public Tensor matmul(QuantizedTensor other, Backend backend) {
        if (shape.length != 2 || other.shape.length != 2 || shape[1] != other.shape[0]) {
            throw new IndexingError("quantized matmul: cannot multiply shapes " + Arrays.toString(shape) + " and "
                    + Arrays.toString(other.shape) + " (need 2-D (n, k) and (k, m))");
        }
        if (axis == 1 || other.axis == 0) {
            throw new IllegalArgumentException("quantized matmul: scales along the summed dimension do not factor out"
                    + " (left axis " + axis + ", right axis " + other.axis + "; use per-tensor, per-row left, per-column right)");
        }
        int n = shape[0], k = shape[1], m = other.shape[1];
        int[] acc = Int8Matmul.simd(values, Int8Matmul.transpose(other.values, k, m), n, k, m);
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            double rowScale = axis < 0 ? scales[0] : scales[i];
            for (int j = 0; j < m; j++) {
                out[i * m + j] = acc[i * m + j] * rowScale * (other.axis < 0 ? other.scales[0] : other.scales[j]);
            }
        }
        return Tensor.of(backend, DType.FLOAT32, out, n, m);
    }

    public Tensor matmul(QuantizedTensor other) { return matmul(other, Tensor.defaultBackend()); }

    @Override
    public String toString() {
        return "QuantizedTensor" + Arrays.toString(shape) + " int8, " + (axis < 0 ? "scale " + scales[0]
                : scales.length + " scales along axis " + axis);
    }
}
