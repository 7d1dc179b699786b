package minitorch.ops;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import minitorch.layout.ElementType;
import minitorch.layout.Storage;
import minitorch.layout.TensorData;

/**
 * The kernels a backend provides: map, zip, reduce, matmul and convolution over
 * {@link TensorData}, in the order {@link SimpleOps} writes them out. Optional capabilities (a fused
 * optimizer step, {@link FusedAdam}) are separate interfaces a backend may also implement. Backends write into an output the caller allocated with {@link #allocate};
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
     * Batched matrix product. a, b and out have the same number of dimensions, at least 2: a is
     * (..., n, k), b is (..., k, m), out is (..., n, m); the leading batch dimensions of a and b
     * broadcast to out's (a size-1 batch dimension is reused).
     */
    void matmul(TensorData a, TensorData b, TensorData out);

    /**
     * 1-D convolution with the original's semantics. input (batch, inChannels, width), weight
     * (outChannels, inChannels, kernelWidth), out (batch, outChannels, width). Forward
     * ({@code reverse} false): {@code out[b,o,t] = sum_c sum_k in[b,c,t+k] * w[o,c,k]}, anchored
     * left, zero past the right edge. Reverse: {@code in[b,c,t-k]}, zero before the left edge.
     * {@link SimpleOps#conv1d} is the plain-loop definition.
     */
    void conv1d(TensorData input, TensorData weight, TensorData out, boolean reverse);

    /**
     * 2-D convolution: input (batch, inChannels, height, width), weight (outChannels, inChannels,
     * kh, kw), out (batch, outChannels, height, width); anchored top-left forward, bottom-right
     * reverse, zero outside the input.
     */
    void conv2d(TensorData input, TensorData weight, TensorData out, boolean reverse);
}
