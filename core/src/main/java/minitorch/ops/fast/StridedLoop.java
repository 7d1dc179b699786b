package minitorch.ops.fast;

import minitorch.layout.TensorData;

/**
 * The iteration behind every elementwise kernel: walk the output's index space in row-major order,
 * keeping each operand's storage position up to date by adding strides (an odometer), so the
 * per-element work is never {@code toIndex} / {@code broadcastIndex} / {@code indexToPosition}
 * (the plain version in SimpleOps calls all three for every element).
 *
 * <p>Before walking, dimensions are <em>coalesced</em> as NumPy's iterator does: size-1 dimensions
 * are dropped and two neighbouring dimensions merge when every operand steps through them as one
 * (outer stride = inner stride × inner size). A contiguous tensor becomes a single row; a bias add
 * (N,M)+(M) becomes N rows of M with the bias's outer stride 0. What is left is visited row by row:
 * each row is a run of {@code count} elements along the innermost dimension, with one fixed stride
 * per operand — the shape the SIMD row kernels want.
 */
final class StridedLoop {
    /** Receives one row: operand start positions and the row length; strides are {@link #innerStride}. */
    @FunctionalInterface
    interface RowVisitor {
        void row(int p0, int p1, int p2, int count);
    }

    private final int[] outerShape;
    /** outerStrides[operand][dim] for the dimensions outside the innermost one. */
    private final int[][] outerStrides;
    private final int inner;
    private final int[] innerStride;
    private final int size;

    /**
     * @param shape   the iteration shape (the output's)
     * @param strides per operand, strides aligned to {@code shape} (0 where it broadcasts, as
     *                {@link minitorch.layout.Shapes#broadcastStrides} gives them); 1 to 3 operands
     */
    StridedLoop(int[] shape, int[]... strides) {
        int operands = strides.length;
        // Drop size-1 dimensions, then merge from the innermost dimension outwards.
        int[] dims = new int[shape.length];
        int[][] st = new int[operands][shape.length];
        int n = 0;
        int total = 1;
        for (int d = 0; d < shape.length; d++) {
            total *= shape[d];
            if (shape[d] == 1) {
                continue;
            }
            dims[n] = shape[d];
            for (int o = 0; o < operands; o++) {
                st[o][n] = strides[o][d];
            }
            n++;
        }
        this.size = total;
        int[] cDims = new int[Math.max(1, n)];
        int[][] cSt = new int[operands][Math.max(1, n)];
        int m = 0;
        if (n == 0 || total == 0) {
            cDims[0] = total == 0 ? 0 : 1;
            m = 1;
        } else {
            // walk outward; cDims is built innermost-first then reversed
            cDims[0] = dims[n - 1];
            for (int o = 0; o < operands; o++) {
                cSt[o][0] = st[o][n - 1];
            }
            m = 1;
            for (int d = n - 2; d >= 0; d--) {
                boolean mergeable = true;
                for (int o = 0; o < operands; o++) {
                    if (st[o][d] != cSt[o][m - 1] * cDims[m - 1]) {
                        mergeable = false;
                        break;
                    }
                }
                if (mergeable) {
                    cDims[m - 1] *= dims[d];
                } else {
                    cDims[m] = dims[d];
                    for (int o = 0; o < operands; o++) {
                        cSt[o][m] = st[o][d];
                    }
                    m++;
                }
            }
        }
        this.inner = cDims[0];
        this.innerStride = new int[3];
        for (int o = 0; o < operands; o++) {
            innerStride[o] = cSt[o][0];
        }
        this.outerShape = new int[m - 1];
        this.outerStrides = new int[operands][m - 1];
        for (int k = 1; k < m; k++) {
            outerShape[m - 1 - k] = cDims[k];
            for (int o = 0; o < operands; o++) {
                outerStrides[o][m - 1 - k] = cSt[o][k];
            }
        }
    }

    int size() { return size; }

    /** Length of a row (the innermost coalesced dimension). */
    int inner() { return inner; }

    /** Number of rows. */
    int rows() { return inner == 0 ? 0 : size / inner; }

    int innerStride(int operand) { return innerStride[operand]; }

    /** True when operand {@code o} never moves between rows (a broadcast row such as a bias). */
    boolean outerConstant(int o) {
        for (int s : outerStrides[o]) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Visits the elements {@code [start, end)} (row-major ordinals of the iteration shape) as rows;
     * the first and last row may be partial. One index buffer per call, none per element.
     */
    void forEachRow(int start, int end, RowVisitor visitor) {
        if (start >= end) {
            return;
        }
        int dims = outerShape.length;
        int[] index = new int[dims];
        int row = start / inner;
        int col = start % inner;
        TensorData.toIndex(row, outerShape, index);
        int operands = outerStrides.length;
        int b0 = 0, b1 = 0, b2 = 0;
        for (int d = 0; d < dims; d++) {
            b0 += index[d] * outerStrides[0][d];
            if (operands > 1) {
                b1 += index[d] * outerStrides[1][d];
            }
            if (operands > 2) {
                b2 += index[d] * outerStrides[2][d];
            }
        }
        int[] s0 = outerStrides[0];
        int[] s1 = operands > 1 ? outerStrides[1] : new int[dims];
        int[] s2 = operands > 2 ? outerStrides[2] : new int[dims];
        int remaining = end - start;
        while (true) {
            int count = Math.min(inner - col, remaining);
            visitor.row(b0 + col * innerStride[0], b1 + col * innerStride[1], b2 + col * innerStride[2], count);
            remaining -= count;
            if (remaining == 0) {
                return;
            }
            col = 0;
            // advance the odometer by one row, updating the base positions incrementally
            for (int d = dims - 1; d >= 0; d--) {
                index[d]++;
                b0 += s0[d];
                b1 += s1[d];
                b2 += s2[d];
                if (index[d] < outerShape[d]) {
                    break;
                }
                b0 -= s0[d] * outerShape[d];
                b1 -= s1[d] * outerShape[d];
                b2 -= s2[d] * outerShape[d];
                index[d] = 0;
            }
        }
    }
}
