package minitorch.networks;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.nn.Init;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The fully connected layer the original's MNIST and sentiment scripts define for themselves:
 * weights (in, out), bias (out), {@code x @ weights + bias}.
 */
public final class LinearLayer extends Module {
    private final Parameter<Tensor> weights;
    private final Parameter<Tensor> bias;
    private final int in, out;

    public LinearLayer(int in, int out, Random random, Backend backend, DType dtype, double bound) {
        this.in = in;
        this.out = out;
        weights = addParameter("weights", Init.uniform(random, backend, dtype, bound, in, out));
        bias = addParameter("bias", Init.uniform(random, backend, dtype, bound, out));
    }

    /** (batch, in) to (batch, out). */
    public Tensor forward(Tensor x) {
        return x.view(x.shape(0), in).matmul(weights.value()).add(bias.value());
    }

    public int outFeatures() { return out; }
}
