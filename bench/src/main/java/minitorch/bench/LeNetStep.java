package minitorch.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.nn.Conv2d;
import minitorch.nn.Init;
import minitorch.nn.NN;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * One SGD step of the original's MNIST LeNet (reference §3.4: conv 1→4 3×3, ReLU, conv 4→8 3×3, ReLU,
 * 4×4 average pooling, Linear 392→64, ReLU, dropout 0.25, Linear 64→10, log-softmax, loss −mean
 * log-probability of the label), in MiniTorch and in PyTorch (DJL). The mnist suite times steps of both,
 * interleaved, on the same synthetic batches (pixels uniform in [0, 1), labels uniform): the cost of a
 * step does not depend on the pixel values.
 */
interface LeNetStep extends NetworkStep<LeNetStep.Batch> {
    int CLASSES = 10;

    double DROPOUT = 0.25;

    /**
     * float32's unit roundoff is u = 2⁻²⁴ ≈ 6e-8. The longest dot product here has K = 392 terms (the first
     * linear layer), so a forward pass is within about K·u ≈ 2.3e-5 of exact even when every rounding points
     * the same way: the initial bound 2e-5 (measured at step 0: 9e-8). SGD at 0.01 carries each step's
     * rounding into the weights; over 200 steps the measured drift stayed below 1.4e-7 (FAST and torch),
     * so 1e-7 per step is a bound with ~100× room. A wrong kernel is off by 1e-4 or more at once.
     */
    LossAgreement.Tolerance TOLERANCE = new LossAgreement.Tolerance(2e-5, 1e-7,
            "float32 LeNet: K·u = 392 × 6e-8 for one forward pass, plus 1e-7 a step for SGD's updates"
            + " (measured drift < 1.4e-7 over 200 steps)");

    /**
     * Pixels (batch × 1 × 28 × 28, row-major), their labels, and the seed of the batch's dropout mask:
     * every peer drops the same units, so all of them compute the same losses (see {@link DropoutMask}).
     */
    record Batch(float[] pixels, int[] labels, long dropoutSeed) {}

    /** The mnist suite's network: LeNet, batches of 16, SGD at 0.01, an epoch of 60,000 images. */
    NetworkSuite.Model<Batch> MODEL = new NetworkSuite.Model<>() {
        @Override
        public String heading() {
            return "mnist: LeNet step (batch 16, SGD, float32)";
        }

        @Override
        public String epochLabel() {
            return "MNIST LeNet epoch (60,000 images, extrapolated)";
        }

        @Override
        public int epochExamples() {
            return 60_000;
        }

        @Override
        public int batchSize() {
            return 16;
        }

        @Override
        public Batch randomBatch(java.util.Random data) {
            float[] pixels = new float[batchSize() * 28 * 28];
            int[] labels = new int[batchSize()];
            for (int i = 0; i < pixels.length; i++) pixels[i] = data.nextFloat();
            for (int i = 0; i < labels.length; i++) labels[i] = data.nextInt(CLASSES);
            return new Batch(pixels, labels, data.nextLong());
        }

        @Override
        public NetworkStep<Batch> miniTorch(Backend backend, DType dtype) {
            return new MiniTorch(backend, dtype, 7, 0.01);
        }

        @Override
        public LossAgreement.Tolerance tolerance() {
            return TOLERANCE;
        }

        @Override
        public NetworkStep<Batch> torch(NDManager manager) {
            return new Torch(manager, new MiniTorch(Backend.SIMPLE, DType.FLOAT32, 7, 0.01).initialValues(), 0.01);
        }
    };

    /** MiniTorch's LeNet from the library's own modules, as app's minitorch.networks.LeNet builds it. */
    final class MiniTorch extends Module implements LeNetStep {
        private final Backend backend;
        private final DType dtype;
        private final Conv2d conv1, conv2;
        private final Parameter<Tensor> w1, b1, w2, b2;
        private final SGD sgd;

        /** In float64 the weights are float32's, widened: every peer starts from the same values. */
        MiniTorch(Backend backend, DType dtype, long seed, double rate) {
            this.backend = backend;
            this.dtype = dtype;
            Random init = new Random(seed);
            conv1 = addModule("conv1", new Conv2d(1, 4, 3, 3, init, backend, dtype, Init.torchBound(9)));
            conv2 = addModule("conv2", new Conv2d(4, 8, 3, 3, init, backend, dtype, Init.torchBound(36)));
            w1 = addParameter("w1", Init.uniform(init, backend, dtype, Init.torchBound(392), 392, 64));
            b1 = addParameter("b1", Init.uniform(init, backend, dtype, Init.torchBound(392), 64));
            w2 = addParameter("w2", Init.uniform(init, backend, dtype, Init.torchBound(64), 64, CLASSES));
            b2 = addParameter("b2", Init.uniform(init, backend, dtype, Init.torchBound(64), CLASSES));
            NetworkSuite.roundToFloat32(this);
            sgd = new SGD(parameters(), rate);
        }

        /** The parameters' values in the torch peer's order: each convolution's weights and bias, w1, b1, w2, b2. */
        List<float[]> initialValues() {
            return NetworkSuite.floats(List.of(conv1.weights(), conv1.bias(), conv2.weights(), conv2.bias(), w1, b1, w2, b2));
        }

        @Override
        public String name() {
            return NetworkSuite.peerName(backend, dtype);
        }

        @Override
        public double step(Batch b) {
            float[] pixels = b.pixels();
            int[] labels = b.labels();
            int batch = labels.length;
            double[] x = new double[pixels.length];
            for (int i = 0; i < x.length; i++) x[i] = pixels[i];
            double[] y = new double[batch * CLASSES];
            for (int i = 0; i < batch; i++) y[i * CLASSES + labels[i]] = 1;
            Tensor h = conv1.forward(Tensor.of(backend, dtype, x, batch, 1, 28, 28)).relu();
            h = conv2.forward(h).relu();
            h = NN.avgpool2d(h, 4, 4).view(batch, 392);
            h = h.matmul(w1.value()).add(b1.value()).relu();
            h = NN.dropout(h, DROPOUT, false, new Random(b.dropoutSeed()));
            Tensor out = NN.logsoftmax(h.matmul(w2.value()).add(b2.value()), 1);
            Tensor loss = out.mul(Tensor.of(backend, dtype, y, batch, CLASSES)).sum().mul(-1.0 / batch);
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
            return loss.item();
        }
    }

    /**
     * The same network and step in PyTorch through DJL's NDArray operations, from MiniTorch's initial
     * weights: convolutions anchored top-left with zeros past the bottom and right edges (as MiniTorch's
     * conv2d), and dropout as a multiplication by the batch's mask (MiniTorch's, drawn from the same seed).
     */
    final class Torch implements LeNetStep {
        private final NDManager manager;
        private final List<NDArray> params = new ArrayList<>();
        private final float rate;

        Torch(NDManager parent, List<float[]> initial, double rate) {
            this.manager = parent.newSubManager();
            this.rate = (float) rate;
            List<Shape> shapes = List.of(new Shape(4, 1, 3, 3), new Shape(4), new Shape(8, 4, 3, 3), new Shape(8),
                    new Shape(392, 64), new Shape(64), new Shape(64, CLASSES), new Shape(CLASSES));
            for (int i = 0; i < shapes.size(); i++) {
                NDArray p = manager.create(initial.get(i), shapes.get(i));
                p.setRequiresGradient(true);
                params.add(p);
            }
        }

        @Override
        public String name() {
            return "torch";
        }

        @Override
        public double step(Batch b) {
            float[] pixels = b.pixels();
            int[] labels = b.labels();
            int batch = labels.length;
            double loss;
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(pixels, new Shape(batch, 1, 28, 28));
                float[] y = new float[batch * CLASSES];
                for (int i = 0; i < batch; i++) y[i * CLASSES + labels[i]] = 1;
                NDArray target = scope.create(y, new Shape(batch, CLASSES));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray h = convolve(scope, x, params.get(0), params.get(1)).maximum(0f);
                    h = convolve(scope, h, params.get(2), params.get(3)).maximum(0f);
                    h = h.getNDArrayInternal().avgPool(new Shape(4, 4), new Shape(4, 4), new Shape(0, 0), false, true)
                            .reshape(batch, 392);
                    h = h.matMul(params.get(4)).add(params.get(5)).maximum(0f);
                    h = h.mul(scope.create(DropoutMask.scales(b.dropoutSeed(), batch * 64, DROPOUT), new Shape(batch, 64)));
                    NDArray out = h.matMul(params.get(6)).add(params.get(7)).logSoftmax(1);
                    NDArray l = out.mul(target).sum().mul(-1f / batch);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                for (NDArray p : params) {
                    try (NDArray g = p.getGradient(); NDArray step = g.mul(rate)) {
                        p.subi(step);
                    }
                    TorchPeer.zeroGradient(p); // DJL accumulates gradients across backward calls, as torch does without zero_grad()
                }
            }
            return loss;
        }

        /** A 3×3 convolution anchored top-left: the input padded with zeros on the bottom and right only. */
        private static NDArray convolve(NDManager scope, NDArray x, NDArray weight, NDArray bias) {
            Shape s = x.getShape();
            NDArray padded = x.concat(scope.zeros(new Shape(s.get(0), s.get(1), 2, s.get(3))), 2);
            padded = padded.concat(scope.zeros(new Shape(s.get(0), s.get(1), s.get(2) + 2, 2)), 3);
            return padded.getNDArrayInternal().convolution(padded, weight, bias, new Shape(1, 1), new Shape(0, 0),
                    new Shape(1, 1), 1).singletonOrThrow();
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
