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

    /** Pixels (batch × 1 × 28 × 28, row-major) and their labels. */
    record Batch(float[] pixels, int[] labels) {}

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
            return new Batch(pixels, labels);
        }

        @Override
        public NetworkStep<Batch> miniTorch(Backend backend) {
            return new MiniTorch(backend, 7, 0.01);
        }

        @Override
        public NetworkStep<Batch> torch(NDManager manager) {
            return new Torch(manager, 7, 0.01);
        }
    };

    /** MiniTorch's LeNet from the library's own modules, as app's minitorch.networks.LeNet builds it. */
    final class MiniTorch extends Module implements LeNetStep {
        private final Backend backend;
        private final Conv2d conv1, conv2;
        private final Parameter<Tensor> w1, b1, w2, b2;
        private final SGD sgd;
        private final Random dropout;

        MiniTorch(Backend backend, long seed, double rate) {
            this.backend = backend;
            Random init = new Random(seed);
            conv1 = addModule("conv1", new Conv2d(1, 4, 3, 3, init, backend, DType.FLOAT32, Init.torchBound(9)));
            conv2 = addModule("conv2", new Conv2d(4, 8, 3, 3, init, backend, DType.FLOAT32, Init.torchBound(36)));
            w1 = addParameter("w1", Init.uniform(init, backend, DType.FLOAT32, Init.torchBound(392), 392, 64));
            b1 = addParameter("b1", Init.uniform(init, backend, DType.FLOAT32, Init.torchBound(392), 64));
            w2 = addParameter("w2", Init.uniform(init, backend, DType.FLOAT32, Init.torchBound(64), 64, CLASSES));
            b2 = addParameter("b2", Init.uniform(init, backend, DType.FLOAT32, Init.torchBound(64), CLASSES));
            sgd = new SGD(parameters(), rate);
            dropout = new Random(seed + 1);
        }

        @Override
        public String name() {
            return backend.name().toLowerCase(java.util.Locale.ROOT);
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
            Tensor h = conv1.forward(Tensor.of(backend, DType.FLOAT32, x, batch, 1, 28, 28)).relu();
            h = conv2.forward(h).relu();
            h = NN.avgpool2d(h, 4, 4).view(batch, 392);
            h = h.matmul(w1.value()).add(b1.value()).relu();
            h = NN.dropout(h, 0.25, false, dropout);
            Tensor out = NN.logsoftmax(h.matmul(w2.value()).add(b2.value()), 1);
            Tensor loss = out.mul(Tensor.of(backend, DType.FLOAT32, y, batch, CLASSES)).sum().mul(-1.0 / batch);
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
            return loss.item();
        }
    }

    /** The same network and step in PyTorch through DJL's NDArray operations. */
    final class Torch implements LeNetStep {
        private final NDManager manager;
        private final List<NDArray> params = new ArrayList<>();
        private final float rate;

        Torch(NDManager parent, long seed, double rate) {
            this.manager = parent.newSubManager();
            this.rate = (float) rate;
            Random init = new Random(seed);
            param(init, 9, 4, 1, 3, 3);
            param(init, 9, 4);
            param(init, 36, 8, 4, 3, 3);
            param(init, 36, 8);
            param(init, 392, 392, 64);
            param(init, 392, 64);
            param(init, 64, 64, CLASSES);
            param(init, 64, CLASSES);
        }

        private void param(Random init, int fanIn, long... shape) {
            Shape s = new Shape(shape);
            float[] v = new float[Math.toIntExact(s.size())];
            double bound = Init.torchBound(fanIn);
            for (int i = 0; i < v.length; i++) v[i] = (float) ((init.nextDouble() * 2 - 1) * bound);
            NDArray p = manager.create(v, s);
            p.setRequiresGradient(true);
            params.add(p);
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
                    // "same" 3×3 convolutions (padding 1): the output keeps 28×28 as MiniTorch's conv2d does
                    NDArray h = x.getNDArrayInternal().convolution(x, params.get(0), params.get(1),
                            new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().maximum(0f);
                    h = h.getNDArrayInternal().convolution(h, params.get(2), params.get(3),
                            new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().maximum(0f);
                    h = h.getNDArrayInternal().avgPool(new Shape(4, 4), new Shape(4, 4), new Shape(0, 0), false, true)
                            .reshape(batch, 392);
                    h = h.matMul(params.get(4)).add(params.get(5)).maximum(0f);
                    h = h.getNDArrayInternal().dropout(h, 0.25f, true).singletonOrThrow();
                    NDArray out = h.matMul(params.get(6)).add(params.get(7)).logSoftmax(1);
                    NDArray l = out.mul(target).sum().mul(-1f / batch);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                for (NDArray p : params) {
                    try (NDArray g = p.getGradient(); NDArray step = g.mul(rate)) {
                        p.subi(step);
                        g.subi(g); // DJL accumulates gradients across backward calls: zero them, as optimizer.zero_grad()
                    }
                }
            }
            return loss;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
