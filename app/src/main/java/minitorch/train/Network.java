package minitorch.train;

import java.util.random.RandomGenerator;

import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.nn.Linear;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The original's {@code Network} on tensors (run_tensor.py, run_fast_tensor.py): Linear(2, h) → ReLU →
 * Linear(h, h) → ReLU → Linear(h, 1) → sigmoid, the probability that a point is of class 1. The one class for the
 * 2-D classifiers: {@code minitorch train}, the sandbox's training page and the bench's train suite all run it.
 * The two scripts differ only in how the layers start and multiply, hence the two factories.
 */
public final class Network extends Module {
    /** How each layer computes {@code x @ W + b}. */
    public enum Product {
        /** {@link Linear#forward}: a matrix product (run_fast_tensor.py). */
        MATMUL,
        /** {@link Linear#forwardByBroadcasting}: multiply and sum, what matmul fuses (run_tensor.py). */
        BROADCAST
    }

    private final Linear layer1;
    private final Linear layer2;
    private final Linear layer3;
    private final Product product;

    /** A network of these three layers, (2, h), (h, h) and (h, 1). */
    public Network(Linear layer1, Linear layer2, Linear layer3, Product product) {
        if (layer1.inFeatures() != 2 || layer2.inFeatures() != layer1.outFeatures()
                || layer3.inFeatures() != layer2.outFeatures() || layer3.outFeatures() != 1) {
            throw new IllegalArgumentException("Network: layers " + layer1 + ", " + layer2 + ", " + layer3
                    + " must be (2, h), (h, h) and (h, 1)");
        }
        this.layer1 = addModule("layer1", layer1);
        this.layer2 = addModule("layer2", layer2);
        this.layer3 = addModule("layer3", layer3);
        this.product = product;
    }

    /**
     * run_tensor.py's network: every weight and bias {@code 2 * (rand - 0.5)}, uniform in [-1, 1) (weights then bias,
     * layer by layer), float64, the broadcast product.
     */
    public static Network runTensor(int hidden, RandomGenerator random, Backend backend) {
        return new Network(Linear.uniform(2, hidden, 1.0, random, backend, DType.FLOAT64),
                Linear.uniform(hidden, hidden, 1.0, random, backend, DType.FLOAT64),
                Linear.uniform(hidden, 1, 1.0, random, backend, DType.FLOAT64), Product.BROADCAST);
    }

    /** run_fast_tensor.py's network: weights {@code rand - 0.5}, uniform in [-0.5, 0.5), biases 0.1, matmul. */
    public static Network runFastTensor(int hidden, RandomGenerator random, Backend backend, DType dtype) {
        return new Network(fastLinear(2, hidden, random, backend, dtype),
                fastLinear(hidden, hidden, random, backend, dtype),
                fastLinear(hidden, 1, random, backend, dtype), Product.MATMUL);
    }

    private static Linear fastLinear(int in, int out, RandomGenerator random, Backend backend, DType dtype) {
        return Linear.uniformWeightConstantBias(in, out, 0.5, 0.1, random, backend, dtype);
    }

    /** (batch, 2) points to (batch, 1) probabilities of class 1. */
    public Tensor forward(Tensor x) {
        Tensor middle = linear(layer1, x).relu();
        Tensor end = linear(layer2, middle).relu();
        return linear(layer3, end).sigmoid();
    }

    private Tensor linear(Linear layer, Tensor x) {
        return product == Product.MATMUL ? layer.forward(x) : layer.forwardByBroadcasting(x);
    }

    /** The parameters' element type, which the inputs should have too. */
    public DType dtype() { return layer1.weight().value().dtype(); }

    /** Where the parameters live. */
    public Backend backend() { return layer1.weight().value().backend(); }

    public int hidden() { return layer1.outFeatures(); }
}
