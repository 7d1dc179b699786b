package minitorch.backend.fast;

import minitorch.backend.ReferenceConvolution;
import minitorch.tensor.DType;
import minitorch.tensor.DoubleStorage;
import minitorch.tensor.FloatStorage;
import minitorch.tensor.Storage;
import minitorch.tensor.TensorData;

/**
 * The convolutions of {@link ReferenceConvolution}, fast: parallel over (batch, out channel) and
 * SIMD inside. Same results for any strides and both dtypes (the tests check it).
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
        ReferenceConvolution.checkShapes("conv1d", 3, input, weight, out);
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
        ReferenceConvolution.checkShapes("conv2d", 4, input, weight, out);
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
        if (out.dtype() == DType.FLOAT32) {
            float[] in = new float[g.batch * g.inChannels * g.planeSize + g.wp];
            packInput(input, g, (pos, v) -> in[pos] = (float) v, in);
            float[] w = ((FloatStorage) packWeight(weight, g, DType.FLOAT32, g.weightRow)).array();
            Parallel.forEach(g.batch * g.outChannels, (long) g.inChannels * g.kh * g.kw * g.span(), task -> {
                float[] acc = g.dotForm ? FloatConvolution.dot(in, w, g, task) : FloatConvolution.axpy(in, w, g, task);
                writePlane(acc, out, g, task);
            });
        } else {
            double[] in = new double[g.batch * g.inChannels * g.planeSize + g.wp];
            packInput(input, g, (pos, v) -> in[pos] = v, in);
            double[] w = ((DoubleStorage) packWeight(weight, g, DType.FLOAT64, g.weightRow)).array();
            Parallel.forEach(g.batch * g.outChannels, (long) g.inChannels * g.kh * g.kw * g.span(), task -> {
                double[] acc = g.dotForm ? DoubleConvolution.dot(in, w, g, task) : DoubleConvolution.axpy(in, w, g, task);
                writePlane(acc, out, g, task);
            });
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

    private interface Sink { void put(int position, double value); }

    /** Copies input into the zero-padded buffer [batch][in][hp][wp], in parallel over planes. */
    private static void packInput(TensorData input, Geometry g, Sink generic, Object buffer) {
        int rows = Math.min(g.inHeight, g.hp - g.padTop);
        int cols = Math.min(g.inWidth, g.wp - g.padLeft);
        Storage s = input.storage();
        int s0 = input.stride(0), s1 = input.stride(1), s2 = input.stride(2), s3 = input.stride(3);
        Parallel.forEach(g.batch * g.inChannels, g.planeSize, plane -> {
            int b = plane / g.inChannels, c = plane % g.inChannels;
            int dstPlane = plane * g.planeSize;
            for (int y = 0; y < rows; y++) {
                int src = b * s0 + c * s1 + y * s2;
                int dst = dstPlane + (y + g.padTop) * g.wp + g.padLeft;
                if (buffer instanceof float[] f && s instanceof FloatStorage(float[] a)) {
                    for (int x = 0; x < cols; x++) { f[dst + x] = a[src + x * s3]; }
                } else if (buffer instanceof double[] d && s instanceof DoubleStorage(double[] a)) {
                    for (int x = 0; x < cols; x++) { d[dst + x] = a[src + x * s3]; }
                } else {
                    for (int x = 0; x < cols; x++) { generic.put(dst + x, s.get(src + x * s3)); }
                }
            }
        });
    }

    /** The weight as [out][in][kh][weightRow], flipped in both spatial axes for the reverse convolution. */
    private static Storage packWeight(TensorData weight, Geometry g, DType dtype, int rowWidth) {
        Storage packed = dtype.allocateHost(g.outChannels * g.inChannels * g.kh * rowWidth);
        Storage s = weight.storage();
        for (int o = 0; o < g.outChannels; o++) {
            for (int c = 0; c < g.inChannels; c++) {
                for (int i = 0; i < g.kh; i++) {
                    for (int j = 0; j < g.kw; j++) {
                        int si = g.reverse ? g.kh - 1 - i : i, sj = g.reverse ? g.kw - 1 - j : j;
                        double v = s.get(o * weight.stride(0) + c * weight.stride(1) + si * weight.stride(2)
                                + sj * weight.stride(3));
                        packed.set(((o * g.inChannels + c) * g.kh + i) * rowWidth + j, v);
                    }
                }
            }
        }
        return packed;
    }

    /**
     * The convolution as one matrix product (im2col): the unrolled input, one row per output
     * position (b, y, x) and one column per tap (c, i, j), read from the same zero-padded buffer as
     * the direct kernels, times the weight as (taps, out). One tall product keeps FastBackend's
     * packed matmul kernel busy even when each sentence is short.
     */
    private static void im2col(TensorData input, TensorData weight, TensorData out, Geometry g) {
        DType dtype = out.dtype();
        int taps = g.inChannels * g.kh * g.kw, positions = g.height * g.width;
        Storage cols = dtype.allocateHost(g.batch * positions * taps);
        Object padded = dtype == DType.FLOAT32 ? new float[g.batch * g.inChannels * g.planeSize + g.wp]
                : new double[g.batch * g.inChannels * g.planeSize + g.wp];
        if (padded instanceof float[] f) {
            packInput(input, g, (pos, v) -> f[pos] = (float) v, f);
        } else {
            double[] d = (double[]) padded;
            packInput(input, g, (pos, v) -> d[pos] = v, d);
        }
        Object colsArray = cols instanceof FloatStorage(float[] f) ? f : ((DoubleStorage) cols).array();
        Parallel.forEach(g.batch * g.height, (long) g.width * g.inChannels * g.kh * g.kw, by -> {
            int b = by / g.height, y = by % g.height;
            for (int x = 0; x < g.width; x++) {
                int row = ((b * g.height + y) * g.width + x) * taps;
                for (int c = 0; c < g.inChannels; c++) {
                    int plane = (b * g.inChannels + c) * g.planeSize;
                    for (int i = 0; i < g.kh; i++) {
                        // the kw taps of one kernel row are adjacent in the buffer and in the unrolled row
                        System.arraycopy(padded, plane + (y + i) * g.wp + x, colsArray, row + (c * g.kh + i) * g.kw, g.kw);
                    }
                }
            }
        });
        TensorData w = TensorData.contiguous(packWeight(weight, g, dtype, g.kw), 1, g.outChannels, taps).permute(0, 2, 1);
        TensorData unrolled = TensorData.contiguous(cols, 1, g.batch * positions, taps);
        TensorData product = TensorData.zeros(dtype, 1, g.batch * positions, g.outChannels);
        FastBackend.instance().matmul(unrolled, w, product);
        // product[(b, y, x), o] to out[b, o, y, x]
        Storage p = product.storage(), o = out.storage();
        int s0 = out.stride(0), s1 = out.stride(1), s2 = out.stride(2), s3 = out.stride(3);
        Parallel.forEach(g.batch * g.outChannels, (long) g.height * g.width, task -> {
            int b = task / g.outChannels, oc = task % g.outChannels;
            for (int y = 0; y < g.height; y++) {
                for (int x = 0; x < g.width; x++) {
                    int src = ((b * g.height + y) * g.width + x) * g.outChannels + oc;
                    int dst = b * s0 + oc * s1 + y * s2 + x * s3;
                    if (p instanceof FloatStorage(float[] pf) && o instanceof FloatStorage(float[] of)) {
                        of[dst] = pf[src];
                    } else {
                        o.set(dst, p.get(src));
                    }
                }
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

    /** Copies the useful columns of a computed plane into out[b, o] through out's strides. */
    private static void writePlane(Object acc, TensorData out, Geometry g, int task) {
        writePlane(acc, 0, g.wp, out, g, task);
    }

    /** Rows of the computed plane start {@code rowStride} apart from {@code offset}. */
    private static void writePlane(Object acc, int offset, int rowStride, TensorData out, Geometry g, int task) {
        int b = task / g.outChannels, o = task % g.outChannels;
        int s2 = out.stride(2), s3 = out.stride(3);
        int start = b * out.stride(0) + o * out.stride(1);
        Storage s = out.storage();
        for (int y = 0; y < g.height; y++) {
            int dst = start + y * s2, src = offset + y * rowStride;
            if (acc instanceof float[] a && s instanceof FloatStorage(float[] f)) {
                for (int x = 0; x < g.width; x++) { f[dst + x * s3] = a[src + x]; }
            } else if (acc instanceof double[] a && s instanceof DoubleStorage(double[] d)) {
                for (int x = 0; x < g.width; x++) { d[dst + x * s3] = a[src + x]; }
            } else if (acc instanceof float[] a) {
                for (int x = 0; x < g.width; x++) { s.set(dst + x * s3, a[src + x]); }
            } else {
                double[] a = (double[]) acc;
                for (int x = 0; x < g.width; x++) { s.set(dst + x * s3, a[src + x]); }
            }
        }
    }
}
