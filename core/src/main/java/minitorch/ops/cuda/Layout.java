package minitorch.ops.cuda;

import java.util.Arrays;

/**
 * The view a kernel iterates: one shape and, per operand, the strides that walk it. Built on the
 * host before a launch so kernels stay simple: a broadcast operand gets stride 0 where it repeats
 * ({@link minitorch.layout.Shapes#broadcastStrides}), and {@link #coalesce} removes size-1 dimensions and merges dimensions that are contiguous for every
 * operand, so most launches need only 1 or 2 dimensions of index arithmetic (CuPy's
 * {@code reduce_dims}).
 *
 * @param shape   sizes of the iterated dimensions (at least one)
 * @param strides {@code strides[operand][dim]}
 */
public record Layout(int[] shape, int[][] strides) {

    /** Number of iterated dimensions. */
    public int dims() { return shape.length; }

    /** Number of elements iterated. */
    public int size() {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return size;
    }

    /** True when one flat loop {@code out[i] = f(a[i], ...)} covers it: one dimension, every stride 1. */
    public boolean isFlat() {
        if (shape.length != 1) {
            return false;
        }
        for (int[] s : strides) {
            if (s[0] != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same iteration (the same positions, in the same row-major order) over as few dimensions as
     * possible: size-1 dimensions dropped, and neighbours {@code d, d+1} merged wherever every
     * operand has {@code strides[d] == strides[d+1] * shape[d+1]}. A scalar becomes shape {@code [1]}.
     */
    public static Layout coalesce(int[] shape, int[]... strides) {
        int n = shape.length;
        int[] outShape = new int[Math.max(n, 1)];
        int[][] outStrides = new int[strides.length][Math.max(n, 1)];
        int dims = 0;
        for (int d = 0; d < n; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (dims > 0 && mergeable(outShape, outStrides, dims - 1, shape[d], strides, d)) {
                // The previous kept dimension steps over exactly one run of this one: fold them together.
                outShape[dims - 1] *= shape[d];
                for (int o = 0; o < strides.length; o++) {
                    outStrides[o][dims - 1] = strides[o][d];
                }
            } else {
                outShape[dims] = shape[d];
                for (int o = 0; o < strides.length; o++) {
                    outStrides[o][dims] = strides[o][d];
                }
                dims++;
            }
        }
        if (dims == 0) {
            return new Layout(new int[] {1}, new int[strides.length][1]);
        }
        int[][] trimmed = new int[strides.length][];
        for (int o = 0; o < strides.length; o++) {
            trimmed[o] = Arrays.copyOf(outStrides[o], dims);
        }
        return new Layout(Arrays.copyOf(outShape, dims), trimmed);
    }

    private static boolean mergeable(int[] keptShape, int[][] keptStrides, int kept, int size, int[][] strides, int d) {
        for (int o = 0; o < strides.length; o++) {
            if ((long) keptStrides[o][kept] != (long) strides[o][d] * size) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Layout" + Arrays.toString(shape) + Arrays.deepToString(strides);
    }
}
