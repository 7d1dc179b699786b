package minitorch.nn;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/** A 1-D convolution layer: weights (out, in, k) and a bias per output channel, (1, out, 1) as the original. */
public final class Conv1d extends Module {
    private final Parameter<Tensor> weights;
    private final Parameter<Tensor> bias;

    /** Initialised as the original's scripts do: uniform in [-0.05, 0.05). */
    public Conv1d(int inChannels, int outChannels, int kernelWidth, Random random, Backend backend, DType dtype) {
        this(inChannels, outChannels, kernelWidth, random, backend, dtype, Init.ORIGINAL_BOUND);
    }

    /** Weights and bias uniform in [-bound, bound). */
    public Conv1d(int inChannels, int outChannels, int kernelWidth, Random random, Backend backend, DType dtype, double bound) {
        weights = addParameter("weights", Init.uniform(random, backend, dtype, bound, outChannels, inChannels, kernelWidth));
        bias = addParameter("bias", Init.uniform(random, backend, dtype, bound, 1, outChannels, 1));
    }

    public Parameter<Tensor> weights() { return weights; }

    public Parameter<Tensor> bias() { return bias; }

    /** (batch, in, width) to (batch, out, width). */
    public Tensor forward(Tensor input) {
        return NN.conv1d(input, weights.value()).add(bias.value());
    }
}
