package minitorch.ops;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import minitorch.layout.ElementType;
import minitorch.layout.IndexingError;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * The readable reference backend (Module 2): every kernel is one plain loop over the output's
 * elements. For each output ordinal it computes the multidimensional index
 * ({@link TensorData#toIndex}), maps it to each input's index ({@link TensorData#broadcastIndex}),
 * and turns indices into storage positions ({@link TensorData#indexToPosition}). So any strides
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
        requireBroadcastsTo("map", in, out);
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
        requireBroadcastsTo("zip", a, out);
        requireBroadcastsTo("zip", b, out);
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
        if (dim < 0 || dim >= inShape.length) {
            throw new IndexingError("reduce: dim " + dim + " out of range for shape " + Arrays.toString(inShape));
        }
        int[] expected = inShape.clone();
        expected[dim] = 1;
        if (!Arrays.equals(expected, out.shape())) {
            throw new IndexingError("reduce: output shape " + Arrays.toString(out.shape()) + " must be "
                    + Arrays.toString(expected) + " to reduce shape " + Arrays.toString(inShape) + " along dim " + dim);
        }
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
        int dims = out.dims();
        if (dims < 3 || a.dims() != dims || b.dims() != dims) {
            throw new IndexingError("matmul: a " + Arrays.toString(a.shape()) + ", b " + Arrays.toString(b.shape())
                    + " and out " + Arrays.toString(out.shape()) + " must have the same number of dimensions, at least 3");
        }
        int n = a.shape(dims - 2);
        int k = a.shape(dims - 1);
        int m = b.shape(dims - 1);
        if (b.shape(dims - 2) != k || out.shape(dims - 2) != n || out.shape(dims - 1) != m) {
            throw new IndexingError("matmul: cannot multiply " + Arrays.toString(a.shape()) + " by "
                    + Arrays.toString(b.shape()) + " into " + Arrays.toString(out.shape()));
        }
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

    /** The kernels index an input through broadcastIndex, which is only meaningful if its shape broadcasts to out's. */
    private static void requireBroadcastsTo(String operation, TensorData in, TensorData out) {
        int[] inShape = in.shape();
        int[] outShape = out.shape();
        boolean ok = inShape.length <= outShape.length;
        for (int i = 0; ok && i < inShape.length; i++) {
            int o = outShape[i + outShape.length - inShape.length];
            ok = inShape[i] == o || inShape[i] == 1;
        }
        if (!ok) {
            throw new IndexingError(operation + ": input shape " + Arrays.toString(inShape)
                    + " does not broadcast to output shape " + Arrays.toString(outShape));
        }
    }
}
