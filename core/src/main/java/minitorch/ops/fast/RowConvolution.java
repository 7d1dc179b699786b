package minitorch.ops.fast;

import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * A convolution whose kernel is one row high (every conv1d) as one matrix product over an
 * overlapping view of the input, so that nothing is unrolled: im2col without the copy.
 *
 * <p>The idea: lay the input out channels-last and zero-padded, {@code P[s][x][c]} for each sequence
 * s = (b, y), position x and channel c. The taps of output position x, (j, c) for j &lt; kw, are then
 * the {@code kw*C} consecutive elements that start at {@code P[s][x][0]}; the next position's taps
 * start C elements later. So the unrolled matrix is a view of P whose rows start C apart and overlap,
 * and the matrix product reads it directly (its packing step copies each block once anyway).
 * Sequences follow each other in P, so one product covers the whole batch; the few positions that
 * straddle two sequences are computed and dropped.
 *
 * <p>Two forms, like {@link FastConvolution}'s kernels:
 * <ul>
 *   <li><b>positions form</b> (kernel no wider than the output: forward and input gradient):
 *       {@code out^T (O x S*wp) = W (O x kw*C) @ V (kw*C x S*wp)} with V the view above, transposed.</li>
 *   <li><b>taps form</b> (kernel wider than the output: the weight gradient, whose "kernel" is a whole
 *       sentence and whose output is kw wide): the sum runs over (c, j), long, and the output
 *       positions (x, n) are few. With Q laid out as {@code Q[c][x][n]}, batch innermost, the element
 *       for tap (c, j) and position (x, n) sits at {@code (c*wp + j)*N + x*N + n}: again a view with
 *       overlapping rows, N apart. Rows j &ge; kw of each channel get zero weights.</li>
 * </ul>
 */
final class RowConvolution {
    private RowConvolution() {}

    /** True where this formulation applies: a kernel one row high, and for the taps form one row of output. */
    static boolean supports(FastConvolution.Geometry g) {
        return g.kh == 1 && (!g.dotForm || g.height == 1 && g.inHeight == 1);
    }

    /**
     * True when the product has enough to block on: at least 16 output channels (its rows) and 16 taps
     * (its depth). With fewer, the direct SIMD loops win even over long rows (measured by the bench's
     * ConvolutionChoice: 2 in, 4 out channels over 1,024 positions run 2-4x faster direct).
     */
    static boolean pays(FastConvolution.Geometry g) {
        return g.outChannels >= 16 && g.inChannels * g.kw >= 16;
    }

    static void conv(TensorData input, TensorData weight, TensorData out, FastConvolution.Geometry g) {
        if (g.dotForm) {
            tapsForm(input, weight, out, g);
        } else {
            positionsForm(input, weight, out, g);
        }
    }

    private static void positionsForm(TensorData input, TensorData weight, TensorData out, FastConvolution.Geometry g) {
        ElementType dtype = out.elementType();
        int c = g.inChannels, o = g.outChannels, sequences = g.batch * g.height, positions = sequences * g.wp;
        int taps = g.kw * c;
        // P[s][x][c], plus kw-1 zero positions so the last rows of the view stay inside
        Storage p = dtype.allocateHost((positions + g.kw - 1) * c);
        int cols = Math.min(g.inWidth, g.wp - g.padLeft);
        int s0 = input.stride(0), s1 = input.stride(1), s2 = input.stride(2), s3 = input.stride(3);
        Parallel.forEach(sequences, (long) cols * c, s -> {
            int b = s / g.height, y = s % g.height;
            if (y >= g.inHeight) {
                return; // past the input's last row: zeros
            }
            int dst = (s * g.wp + g.padLeft) * c;
            if (s1 <= s3) { // channels are the closer axis in memory: copy position by position
                for (int x = 0; x < cols; x++) StridedCopy.copy(input.storage(), b * s0 + y * s2 + x * s3, s1, p, dst + x * c, 1, c);
            } else {
                for (int ch = 0; ch < c; ch++) StridedCopy.copy(input.storage(), b * s0 + ch * s1 + y * s2, s3, p, dst + ch, c, cols);
            }
        });
        // W[o][j*C + c] = weight[o, c, 0, j] (j flipped for the reverse convolution)
        Storage w = dtype.allocateHost(o * taps);
        for (int oc = 0; oc < o; oc++) {
            for (int j = 0; j < g.kw; j++) {
                int sj = g.reverse ? g.kw - 1 - j : j;
                StridedCopy.copy(weight.storage(), oc * weight.stride(0) + sj * weight.stride(3), weight.stride(1), w, oc * taps + j * c, 1, c);
            }
        }
        TensorData product = TensorData.zeros(dtype, o, positions);
        FastMatmul.matmul(TensorData.contiguous(w, o, taps),
                new TensorData(p, new int[] {taps, positions}, new int[] {1, c}), product);
        // out[b, o, y, x] = product[o, s*wp + x] for the x < width that are real positions
        int o0 = out.stride(0), o1 = out.stride(1), o2 = out.stride(2), o3 = out.stride(3);
        Parallel.forEach(o * sequences, g.width, task -> {
            int oc = task / sequences, s = task % sequences, b = s / g.height, y = s % g.height;
            StridedCopy.copy(product.storage(), oc * positions + s * g.wp, 1, out.storage(), b * o0 + oc * o1 + y * o2, o3, g.width);
        });
    }

    private static void tapsForm(TensorData input, TensorData weight, TensorData out, FastConvolution.Geometry g) {
        ElementType dtype = out.elementType();
        int n = g.batch, c = g.inChannels, o = g.outChannels, rows = c * g.wp, columns = g.width * n;
        // Q[c][x][n], plus width-1 zero positions so the last rows of the view stay inside
        Storage q = dtype.allocateHost((rows + g.width - 1) * n);
        int cols = Math.min(g.inWidth, g.wp - g.padLeft);
        int s0 = input.stride(0), s1 = input.stride(1), s3 = input.stride(3);
        Parallel.forEach(c, (long) cols * n, ch -> {
            for (int x = 0; x < cols; x++) StridedCopy.copy(input.storage(), ch * s1 + x * s3, s0, q, (ch * g.wp + g.padLeft + x) * n, 1, n);
        });
        // W[o][c*wp + j] = weight[o, c, 0, j] for j < kw (flipped for the reverse convolution), zero beyond
        Storage w = dtype.allocateHost(o * rows);
        int w0 = weight.stride(0), w1 = weight.stride(1), w3 = weight.stride(3);
        Parallel.forEach(o * c, g.kw, task -> {
            int oc = task / c, ch = task % c, from = oc * w0 + ch * w1;
            if (g.reverse) {
                StridedCopy.copy(weight.storage(), from + (g.kw - 1) * w3, -w3, w, oc * rows + ch * g.wp, 1, g.kw);
            } else {
                StridedCopy.copy(weight.storage(), from, w3, w, oc * rows + ch * g.wp, 1, g.kw);
            }
        });
        TensorData product = TensorData.zeros(dtype, o, columns);
        FastMatmul.matmul(TensorData.contiguous(w, o, rows),
                new TensorData(q, new int[] {rows, columns}, new int[] {n, 1}), product);
        // out[n, o, 0, x] = product[o, x*N + n]
        int o0 = out.stride(0), o1 = out.stride(1), o3 = out.stride(3);
        Parallel.forEach(o * g.width, n, task -> {
            int oc = task / g.width, x = task % g.width;
            StridedCopy.copy(product.storage(), oc * columns + x * n, 1, out.storage(), oc * o1 + x * o3, o0, n);
        });
    }
}
