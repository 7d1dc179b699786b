package minitorch.nn;

import java.util.random.RandomGenerator;
import minitorch.backend.Backend;
import minitorch.layout.IndexingError;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * A dense layer on tensors: {@code y = x @ W + b} for x of shape (batch, in), W (in, out), b (out).
 * The original's scripts initialise it differently, so the constructor takes the initial tensors and
 * the factories cover the usual cases:
 * <ul>
 *   <li>run_tensor.py: {@code Linear.uniform(in, out, 1.0, ...)} — W and b uniform in [-1, 1) ({@code 2 * (rand - 0.5)});
 *   <li>run_fast_tensor.py: {@code Linear.uniformWeightConstantBias(in, out, 0.5, 0.1, ...)} — W = rand - 0.5, b = 0.1;
 *   <li>Module 4 (MNIST, sentiment): {@code Linear.uniform(in, out, 0.05, ...)} — {@code 0.1 * (rand - 0.5)}
 *       ({@link Init#ORIGINAL_BOUND}), or Torch's {@link Init#torchBound}.
 * </ul>
 * It is the one tensor layer of the course: the 2-D classifiers' {@code Network}, LeNet and the sentence CNN all use it
 * (the scalar track keeps its own, as the original does).
 * Values are drawn weights first (row-major), then bias, as in the original.
 */
public class Linear extends Module {
    private final int in;
    private final int out;
    private final Parameter<Tensor> weight;
    private final Parameter<Tensor> bias;

    /**
     * A layer starting from {@code weight} (in, out) and {@code bias} (out).
     *
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public Linear(Tensor weight, Tensor bias) {
        if (weight.dims() != 2 || bias.dims() != 1 || bias.shape(0) != weight.shape(1)) {
            throw new IndexingError("Linear: weight " + java.util.Arrays.toString(weight.shape()) + " and bias "
                    + java.util.Arrays.toString(bias.shape()) + " must be (in, out) and (out)");
        }
        this.in = weight.shape(0);
        this.out = weight.shape(1);
        this.weight = addParameter("weights", weight);
        this.bias = addParameter("bias", bias);
    }

    /** Weights and bias uniform in [-bound, bound), drawn from {@code random} (weights first, row-major). */
    public static Linear uniform(int in, int out, double bound, RandomGenerator random, Backend backend, DType dtype) {
        Tensor w = Init.uniform(random, backend, dtype, bound, in, out);
        Tensor b = Init.uniform(random, backend, dtype, bound, out);
        return new Linear(w, b);
    }

    /** Weights uniform in [-bound, bound), every bias {@code biasValue}. */
    public static Linear uniformWeightConstantBias(int in, int out, double bound, double biasValue,
            RandomGenerator random, Backend backend, DType dtype) {
        Tensor w = Init.uniform(random, backend, dtype, bound, in, out);
        return new Linear(w, Tensor.full(backend, dtype, biasValue, out));
    }

    public Parameter<Tensor> weight() { return weight; }

    public Parameter<Tensor> bias() { return bias; }

    public int inFeatures() { return in; }

    public int outFeatures() { return out; }

    /**
     * {@code x @ W + b}.
     *
     * @throws IllegalArgumentException if x is not (batch, in)
     */
    public Tensor forward(Tensor x) {
        checkInput(x);
        return x.matmul(weight.value()).add(bias.value());
    }

    /**
     * The same {@code x @ W + b} as run_tensor.py computes it before Module 3 brings matmul, by broadcasting:
     * {@code (W.view(1, in, out) * x.view(batch, in, 1)).sum(1).view(batch, out) + b.view(out)} — what matmul fuses.
     *
     * @throws IllegalArgumentException if x is not (batch, in)
     */
    public Tensor forwardByBroadcasting(Tensor x) {
        checkInput(x);
        int batch = x.shape(0);
        return weight.value().view(1, in, out).mul(x.view(batch, in, 1)).sum(1).view(batch, out)
                .add(bias.value().view(out));
    }

    private void checkInput(Tensor x) {
        if (x.dims() != 2 || x.shape(1) != in) {
            throw new IndexingError("Linear(" + in + ", " + out + "): expected input of shape (batch, " + in
                    + "), got " + java.util.Arrays.toString(x.shape()));
        }
    }

    @Override
    protected String extraRepr() { return "in=" + in + ", out=" + out; }
}
