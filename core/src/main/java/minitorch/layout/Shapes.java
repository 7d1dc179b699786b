package minitorch.layout;

import java.util.Arrays;

/**
 * The shape rules, each written once: NumPy broadcasting, "does this shape broadcast to that one",
 * the strides that read a view as if broadcast, a dimension in range, and the operands of reduce and
 * matmul. Every backend and the tensor layer call these, so one mistake raises one exception type,
 * {@link IndexingError}, with a message that names the operation and the offending values. Kernels
 * keep their own fast index arithmetic, never their own copy of a rule.
 */
public final class Shapes {
    private Shapes() {}

    /** NumPy broadcasting: right-align, pad with 1s, and let 1 stretch; anything else must be equal. */
    public static int[] broadcast(String operation, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IndexingError(operation + ": cannot broadcast shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** True when {@code shape} broadcasts to {@code target} unchanged: right-aligned, each size equal or 1. */
    public static boolean broadcastsTo(int[] shape, int[] target) {
        int offset = target.length - shape.length;
        if (offset < 0) {
            return false;
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1 && shape[d] != target[d + offset]) {
                return false;
            }
        }
        return true;
    }

    /** Throws unless {@code shape} broadcasts to {@code target} ({@link #broadcastsTo}). */
    public static void requireBroadcastsTo(String operation, int[] shape, int[] target) {
        if (!broadcastsTo(shape, target)) {
            throw new IndexingError(operation + ": shape " + Arrays.toString(shape) + " does not broadcast to "
                    + Arrays.toString(target));
        }
    }

    /**
     * Strides that read a view of {@code shape} and {@code strides} as if broadcast to {@code target}:
     * right-aligned, stride 0 for the missing leading dimensions and for each size-1 dimension.
     */
    public static int[] broadcastStrides(String operation, int[] shape, int[] strides, int[] target) {
        requireBroadcastsTo(operation, shape, target);
        int offset = target.length - shape.length;
        int[] out = new int[target.length];
        for (int d = 0; d < shape.length; d++) {
            out[d + offset] = shape[d] == 1 ? 0 : strides[d];
        }
        return out;
    }

    /** {@link #broadcastStrides(String, int[], int[], int[])} for a {@link TensorData}. */
    public static int[] broadcastStrides(String operation, TensorData view, int[] target) {
        return broadcastStrides(operation, view.shape(), view.strides(), target);
    }

    /** {@code dim} itself when it names a dimension of {@code shape} (0 to rank - 1), else an error. */
    public static int checkDim(String operation, int dim, int[] shape) {
        if (dim < 0 || dim >= shape.length) {
            throw new IndexingError(operation + ": dim " + dim + " out of range for shape " + Arrays.toString(shape)
                    + " (0 to " + (shape.length - 1) + ")");
        }
        return dim;
    }

    /** A reduction's operands: {@code dim} in range and {@code out} the input's shape with {@code dim} set to 1. */
    public static void checkReduce(String operation, int[] in, int dim, int[] out) {
        checkDim(operation, dim, in);
        int[] expected = in.clone();
        expected[dim] = 1;
        if (!Arrays.equals(expected, out)) {
            throw new IndexingError(operation + ": output shape " + Arrays.toString(out) + " must be "
                    + Arrays.toString(expected) + " to reduce shape " + Arrays.toString(in) + " along dim " + dim);
        }
    }

    /**
     * The shape of the product of a (..., n, k) and b (..., k, m), each of at least 2 dimensions: the
     * broadcast of their batch dimensions (all but the last two, right-aligned), then n and m.
     */
    public static int[] matmulShape(String operation, int[] a, int[] b) {
        if (a.length < 2 || b.length < 2 || a[a.length - 1] != b[b.length - 2]) {
            throw new IndexingError(operation + ": cannot multiply shapes " + Arrays.toString(a) + " and "
                    + Arrays.toString(b));
        }
        int[] batch;
        try {
            batch = broadcast(operation, Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
        } catch (IndexingError e) {
            throw new IndexingError(operation + ": cannot broadcast the batch dimensions of shapes "
                    + Arrays.toString(a) + " and " + Arrays.toString(b));
        }
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a[a.length - 2];
        out[batch.length + 1] = b[b.length - 1];
        return out;
    }

    /**
     * A matmul kernel's operands: a (..., n, k), b (..., k, m) and out (..., n, m) of one rank, at least
     * 2, whose batch dimensions (all but the last two) of a and b broadcast to out's.
     */
    public static void checkMatmul(String operation, int[] a, int[] b, int[] out) {
        int r = out.length;
        if (r < 2 || a.length != r || b.length != r) {
            throw new IndexingError(operation + ": a " + Arrays.toString(a) + ", b " + Arrays.toString(b)
                    + " and out " + Arrays.toString(out) + " must have the same number of dimensions, at least 2");
        }
        boolean ok = b[r - 2] == a[r - 1] && out[r - 2] == a[r - 2] && out[r - 1] == b[r - 1]
                && broadcastsTo(Arrays.copyOf(a, r - 2), Arrays.copyOf(out, r - 2))
                && broadcastsTo(Arrays.copyOf(b, r - 2), Arrays.copyOf(out, r - 2));
        if (!ok) {
            throw new IndexingError(operation + ": cannot multiply shapes " + Arrays.toString(a) + " and "
                    + Arrays.toString(b) + " into " + Arrays.toString(out));
        }
    }

    /**
     * A convolution's input (batch, in, ...) and weight (out, in, ...): {@code dims} dimensions each
     * (3 for conv1d, 4 for conv2d) and the same input channels.
     */
    public static void checkConvolution(String operation, int dims, int[] input, int[] weight) {
        String shapes = "input " + Arrays.toString(input) + " and weight " + Arrays.toString(weight);
        if (input.length != dims || weight.length != dims) {
            throw new IndexingError(operation + ": " + shapes + " must each have " + dims + " dimensions "
                    + (dims == 3 ? "(batch, channels, width) and (out, in, kernel width)"
                    : "(batch, channels, height, width) and (out, in, kernel height, kernel width)"));
        }
        if (input[1] != weight[1]) {
            throw new IndexingError(operation + ": " + shapes + " disagree on input channels (" + input[1] + " vs "
                    + weight[1] + ")");
        }
    }

    /** A convolution kernel's operands: as {@link #checkConvolution(String, int, int[], int[])}, and out (batch, out, ...). */
    public static void checkConvolution(String operation, int dims, int[] input, int[] weight, int[] out) {
        checkConvolution(operation, dims, input, weight);
        if (out.length != dims || out[0] != input[0] || out[1] != weight[0]) {
            throw new IndexingError(operation + ": output " + Arrays.toString(out) + " must be (batch " + input[0]
                    + ", out channels " + weight[0] + ", ...) with " + dims + " dimensions for input "
                    + Arrays.toString(input) + " and weight " + Arrays.toString(weight));
        }
    }
}
