package minitorch.nn;

import minitorch.autodiff.Context;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorBackend;
import minitorch.tensor.TensorFunction;

/**
 * The maximum along one dimension (kept as size 1). Its derivative flows to the argmax: the 1-hot
 * of the maximum (as in the original, tied maxima each receive the full derivative).
 */
final class Max extends TensorFunction {
    private final int dim;

    Max(int dim) { this.dim = dim; }

    @Override
    protected Tensor forward(Context ctx, Tensor... in) {
        Tensor max = TensorBackend.reduce(ReduceOp.MAX, in[0], dim);
        ctx.saveForBackward(in[0], max);
        return max;
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor grad) {
        Tensor input = ctx.saved(0);
        Tensor max = ctx.saved(1);
        Tensor oneHot = TensorBackend.zip(BinaryOp.EQ, input, max);
        return new Tensor[] {TensorBackend.zip(BinaryOp.MUL, oneHot, grad)};
    }
}
