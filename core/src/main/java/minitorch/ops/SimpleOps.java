package minitorch.ops;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import minitorch.layout.ElementType;
import minitorch.layout.Shapes;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * The readable reference backend (Module 2), in the order of the course: map, zip, reduce,
 * matmul, then convolution (Module 4). Every kernel is one plain loop over the output's elements.
 * For each output ordinal it computes the multidimensional index ({@link TensorData#toIndex}), maps it to each input's index ({@link TensorData#broadcastIndex}),
 * and turns indices into storage positions ({@link TensorData#indexToPosition}); the convolutions
 * read through {@link TensorData#position}, which does the same. So any strides
 * work (permuted, broadcast with stride 0), and both dtypes go through {@link Storage#get} and
 * {@link Storage#set} on one generic path.
 *
 * <p>Every other backend is tested against this one; it favours clarity over speed.
 */
public final class SimpleOps implements TensorOps {
    public static final SimpleOps INSTANCE = new SimpleOps();

    private SimpleOps() {}

    @Override
    public String name() { return "simple"; }

    @Override
    public Storage allocate(ElementType dtype, int size) { return dtype.allocateHost(size); }

    /** Host storage is used as is; device storage is copied element by element into a new host storage. */
    @Override
    public Storage adopt(Storage source) {
        if (source.isHost()) {
            return source;
        }
        double[] values = source.toDoubleArray();
        Storage host = allocate(source.elementType(), values.length);
        for (int i = 0; i < values.length; i++) {
            host.set(i, values[i]);
        }
        return host;
    }

    @Override
    public void map(UnaryOp op, TensorData in, TensorData out) { mapFunction(op::apply, in, out); }

    /** The plain loop behind {@link #map}, for any function. */
    @Override
    public void mapFunction(DoubleUnaryOperator f, TensorData in, TensorData out) {
        Shapes.requireBroadcastsTo("map", in.shape(), out.shape());
        int[] outShape = out.shape();
        int[] outStrides = out.strides();
        int[] inShape = in.shape();
        int[] inStrides = in.strides();
        int[] outIndex = new int[outShape.length];
        int[] inIndex = new int[inShape.length];
        for (int ordinal = 0; ordinal < out.size(); ordinal++) {
            TensorData.toIndex(ordinal, outShape, outIndex);
            TensorData.broadcastIndex(outIndex, outShape, inShape, inIndex);
            double x = in.storage().get(TensorData.indexToPosition(inIndex, inStrides));
            out.storage().set(TensorData.indexToPosition(outIndex, outStrides), f.applyAsDouble(x));
        }
    }

    @Override
    public void zip(BinaryOp op, TensorData a, TensorData b, TensorData out) { zipFunction(op::apply, a, b, out); }

    /** The plain loop behind {@link #zip}, for any function. */
    @Override
    public void zipFunction(DoubleBinaryOperator f, TensorData a, TensorData b, TensorData out) {
        Shapes.requireBroadcastsTo("zip", a.shape(), out.shape());
        Shapes.requireBroadcastsTo("zip", b.shape(), out.shape());
        int[] outShape = out.shape();
        int[] outStrides = out.strides();
        int[] aShape = a.shape();
        int[] aStrides = a.strides();
        int[] bShape = b.shape();
        int[] bStrides = b.strides();
        int[] outIndex = new int[outShape.length];
        int[] aIndex = new int[aShape.length];
        int[] bIndex = new int[bShape.length];
        for (int ordinal = 0; ordinal < out.size(); ordinal++) {
            TensorData.toIndex(ordinal, outShape, outIndex);
            TensorData.broadcastIndex(outIndex, outShape, aShape, aIndex);
            TensorData.broadcastIndex(outIndex, outShape, bShape, bIndex);
            double x = a.storage().get(TensorData.indexToPosition(aIndex, aStrides));
            double y = b.storage().get(TensorData.indexToPosition(bIndex, bStrides));
            out.storage().set(TensorData.indexToPosition(outIndex, outStrides), f.applyAsDouble(x, y));
        }
    }

    @Override
    public void reduce(ReduceOp op, TensorData in, int dim, TensorData out) {
        int[] inShape = in.shape();
        Shapes.checkReduce("reduce", inShape, dim, out.shape());
        int[] outShape = out.shape();
        int[] outStrides = out.strides();
        int[] inStrides = in.strides();
        int[] outIndex = new int[outShape.length];
        int[] inIndex = new int[inShape.length];
        for (int ordinal = 0; ordinal < out.size(); ordinal++) {
            TensorData.toIndex(ordinal, outShape, outIndex);
            // The input index equals the output index except along dim, which the inner loop walks.
            System.arraycopy(outIndex, 0, inIndex, 0, inIndex.length);
            double acc = op.start;
            for (int j = 0; j < inShape[dim]; j++) {
                inIndex[dim] = j;
                acc = op.combine.apply(acc, in.storage().get(TensorData.indexToPosition(inIndex, inStrides)));
            }
            out.storage().set(TensorData.indexToPosition(outIndex, outStrides), acc);
        }
    }

    @Override
    public void matmul(TensorData a, TensorData b, TensorData out) {
        Shapes.checkMatmul("matmul", a.shape(), b.shape(), out.shape());
        int dims = out.dims();
        int k = a.shape(dims - 1);
        int[] outShape = out.shape();
        int[] outStrides = out.strides();
        int[] aShape = a.shape();
        int[] aStrides = a.strides();
        int[] bShape = b.shape();
        int[] bStrides = b.strides();
        int[] outIndex = new int[dims];
        int[] aIndex = new int[dims];
        int[] bIndex = new int[dims];
        for (int ordinal = 0; ordinal < out.size(); ordinal++) {
            TensorData.toIndex(ordinal, outShape, outIndex);
            // Batch dimensions broadcast like zip; the row of a and the column of b come from out's index,
            // and the inner loop walks a's last dimension together with b's second-to-last.
            TensorData.broadcastIndex(outIndex, outShape, aShape, aIndex);
            TensorData.broadcastIndex(outIndex, outShape, bShape, bIndex);
            aIndex[dims - 2] = outIndex[dims - 2];
            bIndex[dims - 1] = outIndex[dims - 1];
            double acc = 0.0;
            for (int j = 0; j < k; j++) {
                aIndex[dims - 1] = j;
                bIndex[dims - 2] = j;
                acc += a.storage().get(TensorData.indexToPosition(aIndex, aStrides))
                        * b.storage().get(TensorData.indexToPosition(bIndex, bStrides));
            }
            out.storage().set(TensorData.indexToPosition(outIndex, outStrides), acc);
        }
    }

    /**
     * Convolution with the window anchored at the left (top-left in 2-D), reading zeros past the
     * input's edge (reference §1.13):
     * <pre>
     *   forward:  out[b,o,t] = sum_c sum_k in[b,c,t+k] * w[o,c,k]    (zero where t+k >= width)
     *   reverse:  out[b,o,t] = sum_c sum_k in[b,c,t-k] * w[o,c,k]    (zero where t-k < 0)
     * </pre>
     * The reverse form is the backward of the forward one. The output's width may differ from the
     * input's (the weight gradient uses a width-K output and a width-W "kernel"), so the loops run
     * over the output's shape and read zeros wherever the input has no element. Shapes: input
     * (batch, in, width), weight (out, in, kw), out (batch, out, outWidth).
     */
    @Override
    public void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        Shapes.checkConvolution("conv1d", 3, input.shape(), weight.shape(), out.shape());
        int batch = out.shape(0), outChannels = out.shape(1), width = out.shape(2);
        int inChannels = input.shape(1), inWidth = input.shape(2), kw = weight.shape(2);
        Storage in = input.storage(), w = weight.storage(), o = out.storage();
        for (int b = 0; b < batch; b++) {
            for (int oc = 0; oc < outChannels; oc++) {
                for (int t = 0; t < width; t++) {
                    double sum = 0;
                    for (int c = 0; c < inChannels; c++) {
                        for (int k = 0; k < kw; k++) {
                            int x = reverse ? t - k : t + k;
                            if (x >= 0 && x < inWidth) {
                                sum += in.get(input.position(b, c, x)) * w.get(weight.position(oc, c, k));
                            }
                        }
                    }
                    o.set(out.position(b, oc, t), sum);
                }
            }
        }
    }

    /** input (batch, in, height, width), weight (out, in, kh, kw), out (batch, out, outHeight, outWidth). */
    @Override
    public void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        Shapes.checkConvolution("conv2d", 4, input.shape(), weight.shape(), out.shape());
        int batch = out.shape(0), outChannels = out.shape(1), height = out.shape(2), width = out.shape(3);
        int inChannels = input.shape(1), inHeight = input.shape(2), inWidth = input.shape(3);
        int kh = weight.shape(2), kw = weight.shape(3);
        Storage in = input.storage(), w = weight.storage(), o = out.storage();
        for (int b = 0; b < batch; b++) {
            for (int oc = 0; oc < outChannels; oc++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double sum = 0;
                        for (int c = 0; c < inChannels; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int yy = reverse ? y - i : y + i;
                                    int xx = reverse ? x - j : x + j;
                                    if (yy >= 0 && yy < inHeight && xx >= 0 && xx < inWidth) {
                                        sum += in.get(input.position(b, c, yy, xx)) * w.get(weight.position(oc, c, i, j));
                                    }
                                }
                            }
                        }
                        o.set(out.position(b, oc, y, x), sum);
                    }
                }
            }
        }
    }
}
