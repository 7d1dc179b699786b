package minitorch.networks;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.nn.Conv2d;
import minitorch.nn.Init;
import minitorch.nn.Linear;
import minitorch.nn.NN;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The original's MNIST network (run_mnist_multiclass.py, reference §3.4): conv 1→4 3x3 + ReLU,
 * conv 4→8 3x3 + ReLU, 4x4 pooling (average as the official solution, or max) to (8, 7, 7), Linear 392→64 + ReLU, dropout 25%,
 * Linear 64→10, log-softmax over the classes.
 */
public final class LeNet extends Module {
    public static final int CLASSES = 10;

    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Linear fc1;
    private final Linear fc2;
    private final double dropout;
    private final boolean maxPool;

    /** Average pooling, as the official solution. */
    public LeNet(Random random, Backend backend, DType dtype, boolean originalInit, double dropout) {
        this(random, backend, dtype, originalInit, dropout, false);
    }

    /**
     * @param originalInit true: every parameter uniform in [-0.05, 0.05) as the original's RParam;
     *                     false: Torch's default bound 1/sqrt(fan in), which trains faster on pixels in [0, 1]
     * @param maxPool      4x4 max pooling instead of average pooling (the original's docstring allows either)
     */
    public LeNet(Random random, Backend backend, DType dtype, boolean originalInit, double dropout, boolean maxPool) {
        conv1 = addModule("conv1", new Conv2d(1, 4, 3, 3, random, backend, dtype, bound(originalInit, 9)));
        conv2 = addModule("conv2", new Conv2d(4, 8, 3, 3, random, backend, dtype, bound(originalInit, 36)));
        fc1 = addModule("linear1", Linear.uniform(392, 64, bound(originalInit, 392), random, backend, dtype));
        fc2 = addModule("linear2", Linear.uniform(64, CLASSES, bound(originalInit, 64), random, backend, dtype));
        this.dropout = dropout;
        this.maxPool = maxPool;
    }

    private static double bound(boolean originalInit, int fanIn) {
        return originalInit ? Init.ORIGINAL_BOUND : Init.torchBound(fanIn);
    }

    /** (batch, 1, 28, 28) images to (batch, 10) log-probabilities; dropout only while training. */
    public Tensor forward(Tensor x, Random dropoutRandom) {
        int batch = x.shape(0);
        Tensor h = conv1.forward(x).relu();
        h = conv2.forward(h).relu();
        h = maxPool ? NN.maxpool2d(h, 4, 4) : NN.avgpool2d(h, 4, 4);
        h = fc1.forward(h.view(batch, 392)).relu();
        h = NN.dropout(h, dropout, !isTraining(), dropoutRandom);
        return NN.logsoftmax(fc2.forward(h), 1);
    }
}
