package minitorch.ops;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * The kernels a backend provides: map, zip, reduce and matmul (and convolution) over
 * {@link TensorData}. Backends write into an output the caller allocated with {@link #allocate};
 * they know nothing of gradients. The tensor layer above chooses output shapes, this layer fills them.
 *
 * <p>Every implementation must give the same results as {@link SimpleOps} for any strides
 * (permuted, broadcast with stride 0) and for both dtypes; the backend test suite checks that.
 */
public interface TensorOps {

    /** A short name for messages and diagnostics ("simple", "fast", "cuda"). */
    String name();

    /** Zeroed storage of {@code size} elements that this backend's kernels can read and write. */
    Storage allocate(ElementType dtype, int size);

    /** Storage holding the same elements as {@code source}, living where this backend computes (no copy if it already does). */
    Storage adopt(Storage source);

    /**
     * {@code out[i] = op(in[broadcast(i)])} for every index of {@code out}. The input's shape must
     * broadcast to the output's, so a map can also expand a tensor.
     */
    void map(UnaryOp op, TensorData in, TensorData out);

    /** {@code out[i] = op(a[broadcast(i)], b[broadcast(i)])}; out has the broadcast shape of a and b. */
    void zip(BinaryOp op, TensorData a, TensorData b, TensorData out);

    /**
     * {@code out[i] = f(in[broadcast(i)])} for any Java function (the original's {@code tensor_map(fn)}):
     * what {@link #map} does for a {@link UnaryOp}, for a function no backend knows in advance. The
     * default runs {@link SimpleOps}'s plain loop on a host copy and copies the result into
     * {@code out}, so every backend has it (a GPU backend cannot run a Java function on the device).
     */
    default void mapFunction(DoubleUnaryOperator f, TensorData in, TensorData out) {
        TensorData hostOut = TensorData.contiguous(SimpleOps.INSTANCE.allocate(out.elementType(), out.size()), out.shape());
        SimpleOps.INSTANCE.mapFunction(f, onHost(in), hostOut);
        map(UnaryOp.ID, TensorData.contiguous(adopt(hostOut.storage()), out.shape()), out);
    }

    /** {@code out[i] = f(a[broadcast(i)], b[broadcast(i)])} for any Java function; the default as for {@link #mapFunction}. */
    default void zipFunction(DoubleBinaryOperator f, TensorData a, TensorData b, TensorData out) {
        TensorData hostOut = TensorData.contiguous(SimpleOps.INSTANCE.allocate(out.elementType(), out.size()), out.shape());
        SimpleOps.INSTANCE.zipFunction(f, onHost(a), onHost(b), hostOut);
        map(UnaryOp.ID, TensorData.contiguous(adopt(hostOut.storage()), out.shape()), out);
    }

    /** The same layout over a host copy of the storage (the storage itself when it is on the host). */
    private static TensorData onHost(TensorData t) {
        return new TensorData(SimpleOps.INSTANCE.adopt(t.storage()), t.shape(), t.strides());
    }

    /**
     * Folds {@code in} along {@code dim} from {@code op.start}: out has in's shape with dimension
     * {@code dim} set to 1. Whatever out held before is overwritten.
     */
    void reduce(ReduceOp op, TensorData in, int dim, TensorData out);

    /**
     * Batched matrix product. a, b and out have the same number of dimensions, at least 3: a is
     * (..., n, k), b is (..., k, m), out is (..., n, m); the leading batch dimensions of a and b
     * broadcast to out's (a size-1 batch dimension is reused).
     */
    void matmul(TensorData a, TensorData b, TensorData out);

    /**
     * 1-D convolution with the original's semantics. input (batch, inChannels, width), weight
     * (outChannels, inChannels, kernelWidth), out (batch, outChannels, width). Forward
     * ({@code reverse} false): {@code out[b,o,t] = sum_c sum_k in[b,c,t+k] * w[o,c,k]}, anchored
     * left, zero past the right edge. Reverse: {@code in[b,c,t-k]}, zero before the left edge.
     * The default runs the plain reference loops through {@link minitorch.layout.Storage#get}.
     */
    default void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        ReferenceConvolution.conv1d(input, weight, out, reverse);
    }

    /**
     * 2-D convolution: input (batch, inChannels, height, width), weight (outChannels, inChannels,
     * kh, kw), out (batch, outChannels, height, width); anchored top-left forward, bottom-right
     * reverse, zero outside the input.
     */
    default void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse) {
        ReferenceConvolution.conv2d(input, weight, out, reverse);
    }

    /**
     * One Adam step in place: {@code param}, {@code m} and {@code v} are overwritten as
     * {@link AdamUpdate} says, from {@code grad}. All four have the same shape (any strides). The
     * default is written with map and zip alone, so every backend has it (about a dozen passes over
     * the data); a backend may fuse it into one pass.
     */
    default void adam(TensorData param, TensorData grad, TensorData m, TensorData v, AdamUpdate u) {
        ElementType dtype = param.elementType();
        int[] shape = param.shape();
        TensorData g = TensorData.contiguous(allocate(dtype, param.size()), shape);
        TensorData t = TensorData.contiguous(allocate(dtype, param.size()), shape);
        map(UnaryOp.ID, grad, g);
        // m ← beta1·m + (1 − beta1)·g
        zip(BinaryOp.MUL, m, constant(dtype, u.beta1()), m);
        zip(BinaryOp.MUL, g, constant(dtype, 1 - u.beta1()), t);
        zip(BinaryOp.ADD, m, t, m);
        // v ← beta2·v + (1 − beta2)·g²
        zip(BinaryOp.MUL, v, constant(dtype, u.beta2()), v);
        zip(BinaryOp.MUL, g, g, t);
        zip(BinaryOp.MUL, t, constant(dtype, 1 - u.beta2()), t);
        zip(BinaryOp.ADD, v, t, v);
        // t ← 1 / (√(v / correction2) + eps), the square root as exp(log(x) / 2) (log 0 = -inf gives 0)
        zip(BinaryOp.MUL, v, constant(dtype, 1 / u.correction2()), t);
        map(UnaryOp.LOG, t, t);
        zip(BinaryOp.MUL, t, constant(dtype, 0.5), t);
        map(UnaryOp.EXP, t, t);
        zip(BinaryOp.ADD, t, constant(dtype, u.eps()), t);
        map(UnaryOp.INV, t, t);
        // p ← p − stepSize · m · t
        zip(BinaryOp.MUL, t, m, t);
        zip(BinaryOp.MUL, t, constant(dtype, -u.stepSize()), t);
        zip(BinaryOp.ADD, param, t, param);
    }

    /** A one-element tensor of {@code value} on this backend, broadcast by zip against any shape. */
    private TensorData constant(ElementType dtype, double value) {
        Storage s = allocate(dtype, 1);
        s.set(0, value);
        return TensorData.contiguous(s, 1);
    }
}
