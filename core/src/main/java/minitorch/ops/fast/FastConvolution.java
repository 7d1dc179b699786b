package minitorch.ops.fast;

import minitorch.layout.DoubleStorage;
import minitorch.layout.ElementType;
import minitorch.layout.FloatStorage;
import minitorch.layout.Shapes;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * The convolutions of {@link minitorch.ops.SimpleOps#conv2d}, fast: parallel over (batch, out
 * channel) and SIMD inside. Same results for any strides and both dtypes (the tests check it).
 *
 * <p>How: copy the input once into a zero-padded contiguous buffer whose rows are
 * {@code Wp = outWidth + kw - 1} wide, so the window never leaves the buffer and the kernels need no
 * edge tests. The reverse convolution is the forward one with the weight flipped and the padding
 * moved to the top-left. On that buffer a whole output plane is one long vector loop:
 * <ul>
 *   <li><b>axpy form</b> (small kernel, the forward and input-gradient case): for each weight tap
 *       (c, i, j), {@code acc[y*Wp+x] += w[c,i,j] * in[c, (y+i)*Wp + x + j]} over the flattened
 *       plane; the Wp - outWidth spare columns per row are computed and dropped.</li>
 *   <li><b>dot form</b> (kernel wider than the output, the weight-gradient case, where the "kernel"
 *       is the 28x28 output gradient and the output is 3x3): each output element is a dot product
 *       of the padded kernel with the buffer at that offset.</li>
 * </ul>
 * Chosen over im2col + matmul by measurement (see docs/NETWORKS.md): the unrolled matrix of LeNet's
 * second layer is 36x784 per image, and copying it costs about as much as the whole direct
 * convolution, which needs one copy of the input only.
 *
 * <p>A kernel one row high (conv1d) with enough channels for a matrix product to block on goes to
 * {@link RowConvolution}'s product over an overlapping view of the input, with nothing unrolled.
 * Other rows too short for the vector loops go to im2col, which unrolls the input into a matrix
 * first. The bench's ConvolutionChoice measured all three on LeNet's and the sentiment CNN's calls.
 */
public final class FastConvolution {

    /** Vectorised loops shorter than this many elements go through a matrix product instead (measured, docs/NETWORKS.md). */
    static final int SHORT_ROW = 64;

    private FastConvolution() {}

    /** 1-D convolution: the 2-D one on a height-1 view (stride 0 for the new dimension). */
    public static void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        conv1d(input, weight, out, reverse, Strategy.AUTO);
    }

    public static void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse, Strategy strategy) {
        Shapes.checkConvolution("conv1d", 3, input.shape(), weight.shape(), out.shape());
        conv2d(addHeight(input), addHeight(weight), addHeight(out), reverse, strategy);
    }

    private static TensorData addHeight(TensorData t) {
        return new TensorData(t.storage(), new int[] {t.shape(0), t.shape(1), 1, t.shape(2)},
                new int[] {t.stride(0), t.stride(1), 0, t.stride(2)});
    }

    /**
     * How to compute: chosen by row length ({@link #AUTO}), or forced (for benchmarks and tests).
     * {@link #ROWS} ({@link RowConvolution}) needs a kernel one row high; elsewhere it runs as {@link #IM2COL}.
     */
    public enum Strategy { AUTO, DIRECT, IM2COL, ROWS }

    /** input (batch, in, h, w), weight (out, in, kh, kw), out (batch, out, outH, outW). */
    public static void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        conv2d(input, weight, out, reverse, Strategy.AUTO);
    }

    /** {@link #conv2d(TensorData, TensorData, TensorData, boolean)} with the strategy given. */
    public static void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse, Strategy strategy) {
        Shapes.checkConvolution("conv2d", 4, input.shape(), weight.shape(), out.shape());
        Geometry g = new Geometry(input, weight, out, reverse);
        if (g.batch * g.outChannels * g.height * g.width == 0) {
            return;
        }
        if (strategy == Strategy.AUTO && RowConvolution.supports(g) && RowConvolution.pays(g)) {
            RowConvolution.conv(input, weight, out, g);
            return;
        }
        if (strategy == Strategy.IM2COL || strategy == Strategy.ROWS || strategy == Strategy.AUTO && g.shortRows()) {
            if (strategy != Strategy.IM2COL && RowConvolution.supports(g)) {
                RowConvolution.conv(input, weight, out, g);
            } else {
                im2col(input, weight, out, g);
            }
            return;
        }
        Storage in = out.elementType().allocateHost(g.batch * g.inChannels * g.planeSize + g.wp);
        packInput(input, g, in);
        Storage w = packWeight(weight, g, out.elementType(), g.weightRow);
        long work = (long) g.inChannels * g.kh * g.kw * g.span();
        if (in instanceof FloatStorage(float[] fin) && w instanceof FloatStorage(float[] fw)) {
            Parallel.forEach(g.batch * g.outChannels, work, task -> writePlane(new FloatStorage(
                    g.dotForm ? FloatConvolution.dot(fin, fw, g, task) : FloatConvolution.axpy(fin, fw, g, task)), out, g, task));
        } else {
            double[] din = ((DoubleStorage) in).array(), dw = ((DoubleStorage) w).array();
            Parallel.forEach(g.batch * g.outChannels, work, task -> writePlane(new DoubleStorage(
                    g.dotForm ? DoubleConvolution.dot(din, dw, g, task) : DoubleConvolution.axpy(din, dw, g, task)), out, g, task));
        }
    }

    /** Sizes of one call, and the padded buffer's layout. */
    static final class Geometry {
        final int batch, inChannels, outChannels, height, width, inHeight, inWidth, kh, kw;
        final int hp, wp, planeSize, padTop, padLeft;
        final boolean reverse, dotForm;
        /** Weight row width in the packed weight: kw for the axpy form, wp for the dot form. */
        final int weightRow;

        Geometry(TensorData input, TensorData weight, TensorData out, boolean reverse) {
            batch = out.shape(0);
            outChannels = out.shape(1);
            height = out.shape(2);
            width = out.shape(3);
            inChannels = input.shape(1);
            inHeight = input.shape(2);
            inWidth = input.shape(3);
            kh = weight.shape(2);
            kw = weight.shape(3);
            hp = height + kh - 1;
            wp = width + kw - 1;
            planeSize = hp * wp;
            padTop = reverse ? kh - 1 : 0;
            padLeft = reverse ? kw - 1 : 0;
            this.reverse = reverse;
            // axpy costs ~ kh*kw*height*wp per plane, dot ~ height*width*kh*wp: loop over the smaller.
            dotForm = kw > width;
            weightRow = dotForm ? wp : kw;
        }

        /**
         * True when the vectorised loop would be shorter than a few SIMD registers (sentences of a
         * few dozen words rather than 28x28 images): then a matrix product is faster.
         */
        boolean shortRows() {
            int loop = dotForm ? (kh - 1) * wp + kw : span();
            return loop < SHORT_ROW;
        }

        /** Length of the flattened output plane the kernels compute (spare columns included). */
        int span() { return (height - 1) * wp + width; }
    }

    /** Copies input into the zero-padded buffer [batch][in][hp][wp], in parallel over planes. */
    private static void packInput(TensorData input, Geometry g, Storage buffer) {
        int rows = Math.min(g.inHeight, g.hp - g.padTop);
        int cols = Math.min(g.inWidth, g.wp - g.padLeft);
        int s0 = input.stride(0), s1 = input.stride(1), s2 = input.stride(2), s3 = input.stride(3);
        Parallel.forEach(g.batch * g.inChannels, g.planeSize, plane -> {
            int b = plane / g.inChannels, c = plane % g.inChannels;
            for (int y = 0; y < rows; y++) {
                StridedCopy.copy(input.storage(), b * s0 + c * s1 + y * s2, s3,
                        buffer, (plane * g.hp + y + g.padTop) * g.wp + g.padLeft, 1, cols);
            }
        });
    }

    /** The weight as [out][in][kh][weightRow], flipped in both spatial axes for the reverse convolution. */
    private static Storage packWeight(TensorData weight, Geometry g, ElementType dtype, int rowWidth) {
        Storage packed = dtype.allocateHost(g.outChannels * g.inChannels * g.kh * rowWidth);
        int w2 = weight.stride(2), w3 = weight.stride(3);
        Parallel.forEach(g.outChannels * g.inChannels, (long) g.kh * g.kw, oc -> {
            int o = oc / g.inChannels, c = oc % g.inChannels;
            int base = o * weight.stride(0) + c * weight.stride(1);
            for (int i = 0; i < g.kh; i++) {
                int from = g.reverse ? base + (g.kh - 1 - i) * w2 + (g.kw - 1) * w3 : base + i * w2;
                StridedCopy.copy(weight.storage(), from, g.reverse ? -w3 : w3, packed, (oc * g.kh + i) * rowWidth, 1, g.kw);
            }
        });
        return packed;
    }

    /**
     * The convolution as one matrix product (im2col): the unrolled input, one row per output
     * position (b, y, x) and one column per tap (c, i, j), read from the same zero-padded buffer as
     * the direct kernels, times the weight as (taps, out). One tall product keeps FastOps's
     * packed matmul kernel busy even when each sentence is short.
     */
    private static void im2col(TensorData input, TensorData weight, TensorData out, Geometry g) {
        ElementType dtype = out.elementType();
        int taps = g.inChannels * g.kh * g.kw, positions = g.height * g.width;
        Storage cols = dtype.allocateHost(g.batch * positions * taps);
        Storage padded = dtype.allocateHost(g.batch * g.inChannels * g.planeSize + g.wp);
        packInput(input, g, padded);
        Parallel.forEach(g.batch * g.height, (long) g.width * g.inChannels * g.kh * g.kw, by -> {
            int b = by / g.height, y = by % g.height;
            for (int x = 0; x < g.width; x++) {
                int row = ((b * g.height + y) * g.width + x) * taps;
                for (int c = 0; c < g.inChannels; c++) {
                    int plane = (b * g.inChannels + c) * g.planeSize;
                    for (int i = 0; i < g.kh; i++) {
                        // the kw taps of one kernel row are adjacent in the buffer and in the unrolled row
                        StridedCopy.copy(padded, plane + (y + i) * g.wp + x, 1, cols, row + (c * g.kh + i) * g.kw, 1, g.kw);
                    }
                }
            }
        });
        TensorData w = TensorData.contiguous(packWeight(weight, g, dtype, g.kw), 1, g.outChannels, taps).permute(0, 2, 1);
        TensorData unrolled = TensorData.contiguous(cols, 1, g.batch * positions, taps);
        TensorData product = TensorData.zeros(dtype, 1, g.batch * positions, g.outChannels);
        FastOps.instance().matmul(unrolled, w, product);
        // product[(b, y, x), o] to out[b, o, y, x]: each output row gathers one column of the product
        int s0 = out.stride(0), s1 = out.stride(1), s2 = out.stride(2), s3 = out.stride(3);
        Parallel.forEach(g.batch * g.outChannels, (long) g.height * g.width, task -> {
            int b = task / g.outChannels, oc = task % g.outChannels;
            for (int y = 0; y < g.height; y++) {
                StridedCopy.copy(product.storage(), ((b * g.height + y) * g.width) * g.outChannels + oc, g.outChannels,
                        out.storage(), b * s0 + oc * s1 + y * s2, s3, g.width);
            }
        });
    }

    // ---- the kernels: one plane of output, task = b * outChannels + o ---------------------------

    /** Where each tap (c, i, j) of batch item b starts in the padded buffer, in packed-weight order. */
    static int[] tapOffsets(Geometry g, int b) {
        int[] offsets = new int[g.inChannels * g.kh * g.kw];
        int t = 0;
        for (int c = 0; c < g.inChannels; c++) {
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++) {
                    offsets[t++] = (b * g.inChannels + c) * g.planeSize + i * g.wp + j;
                }
            }
        }
        return offsets;
    }

    /** Copies the useful columns of a computed plane (rows wp apart) into out[b, o] through out's strides. */
    private static void writePlane(Storage acc, TensorData out, Geometry g, int task) {
        int b = task / g.outChannels, o = task % g.outChannels;
        int start = b * out.stride(0) + o * out.stride(1);
        for (int y = 0; y < g.height; y++) {
            StridedCopy.copy(acc, y * g.wp, 1, out.storage(), start + y * out.stride(2), out.stride(3), g.width);
        }
    }
}
