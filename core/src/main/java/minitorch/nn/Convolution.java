package minitorch.nn;

import minitorch.autodiff.Context;
import minitorch.layout.Shapes;
import minitorch.ops.TensorOps;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorBackend;
import minitorch.tensor.TensorFunction;

/**
 * conv1d and conv2d as differentiable functions (reference §1.13). The backend computes a
 * convolution anchored left (top-left) with zeros past the edge; the backward pass is two more
 * convolutions of the same kind:
 * <pre>
 *   grad_input  = reverse convolution of grad_output with the weight's in/out channels swapped
 *   grad_weight = convolution of the input with grad_output, batch and channels swapped
 *                 (the "image" is input[c] over the batch, the "kernel" is grad_output[o])
 * </pre>
 */
final class Convolution extends TensorFunction {
    private final int spatialDims;

    /** {@code spatialDims} 1 for conv1d, 2 for conv2d. */
    Convolution(int spatialDims) { this.spatialDims = spatialDims; }

    @Override
    public String name() { return "conv" + spatialDims + "d"; }

    /** (0, 1, 2[, 3]) with the first two swapped. */
    private int[] swapFirstTwo() {
        int[] order = new int[spatialDims + 2];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[0] = 1;
        order[1] = 0;
        return order;
    }

    void check(Tensor input, Tensor weight) {
        Shapes.checkConvolution(name(), spatialDims + 2, input.shape(), weight.shape());
    }

    private void run(TensorOps ops, Tensor input, Tensor weight, Tensor out, boolean reverse) {
        if (spatialDims == 1) {
            ops.conv1d(input.data(), weight.data(), out.data(), reverse);
        } else {
            ops.conv2d(input.data(), weight.data(), out.data(), reverse);
        }
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... in) {
        DType dtype = DType.promote(in[0].dtype(), in[1].dtype());
        Tensor input = TensorBackend.cast(in[0], dtype);
        Tensor weight = TensorBackend.cast(in[1], dtype);
        ctx.saveForBackward(input, weight);
        int[] shape = input.shape();
        shape[1] = weight.shape(0);
        Tensor out = TensorBackend.zeros(input.backend(), dtype, shape);
        run(input.backend().ops(), input, weight, out, false);
        return out;
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor grad) {
        Tensor input = ctx.saved(0);
        Tensor weight = ctx.saved(1);
        grad = TensorBackend.cast(grad, input.dtype());
        TensorOps ops = input.backend().ops();
        int[] swap = swapFirstTwo();

        Tensor gradInput = TensorBackend.zeros(input.backend(), input.dtype(), input.shape());
        run(ops, grad, Tensor.fromData(weight.data().permute(swap), weight.backend()), gradInput, true);

        int[] swappedWeightShape = weight.shape();
        swappedWeightShape[0] = weight.shape(1);
        swappedWeightShape[1] = weight.shape(0);
        Tensor gradWeightSwapped = TensorBackend.zeros(input.backend(), input.dtype(), swappedWeightShape);
        run(ops, Tensor.fromData(input.data().permute(swap), input.backend()),
                Tensor.fromData(grad.data().permute(swap), grad.backend()), gradWeightSwapped, false);
        Tensor gradWeight = Tensor.fromData(gradWeightSwapped.data().permute(swap), input.backend());
        return new Tensor[] {gradInput, gradWeight};
    }
}
