package minitorch.nn;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/** A 2-D convolution layer: weights (out, in, kh, kw) and a bias per output channel, (out, 1, 1) as the original. */
public final class Conv2d extends Module {
    private final Parameter<Tensor> weights;
    private final Parameter<Tensor> bias;

    /** Initialised as the original's scripts do: uniform in [-0.05, 0.05). */
    public Conv2d(int inChannels, int outChannels, int kh, int kw, Random random, Backend backend, DType dtype) {
        this(inChannels, outChannels, kh, kw, random, backend, dtype, Init.ORIGINAL_BOUND);
    }

    /** Weights and bias uniform in [-bound, bound). */
    public Conv2d(int inChannels, int outChannels, int kh, int kw, Random random, Backend backend, DType dtype, double bound) {
        weights = addParameter("weights", Init.uniform(random, backend, dtype, bound, outChannels, inChannels, kh, kw));
        bias = addParameter("bias", Init.uniform(random, backend, dtype, bound, outChannels, 1, 1));
    }

    public Parameter<Tensor> weights() { return weights; }

    public Parameter<Tensor> bias() { return bias; }

    /** (batch, in, h, w) to (batch, out, h, w). */
    public Tensor forward(Tensor input) {
        return NN.conv2d(input, weights.value()).add(bias.value());
    }
}
