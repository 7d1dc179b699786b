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
import minitorch.networks.LeNet;
import minitorch.networks.MnistTraining;
import minitorch.optim.Adam;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * One step of what {@code minitorch mnist} trains by default: the app's {@link LeNet} (conv 1→4 3×3, ReLU,
 * conv 4→8 3×3, ReLU, 4×4 max pooling, Linear 392→64, ReLU, dropout 0.25, Linear 64→10, log-softmax;
 * Torch's initialisation), loss −mean log-probability of the label, Adam at 0.002, batches of 32 — in
 * MiniTorch and in PyTorch (DJL) from the same weights. The mnist suite times steps of both, interleaved,
 * on the same synthetic batches (pixels uniform in [0, 1), labels uniform): a step's cost does not depend
 * on the pixel values.
 */
interface LeNetStep extends NetworkStep<LeNetStep.Batch> {
    int CLASSES = LeNet.CLASSES;
    int BATCH = 32;
    double RATE = 0.002;
    double DROPOUT = 0.25;

    /**
     * float32's unit roundoff is u = 2⁻²⁴ ≈ 6e-8. The longest dot product has K = 392 terms (the first
     * linear layer), so a forward pass is within about K·u ≈ 2.3e-5 of exact even when every rounding points
     * the same way: the initial bound 2e-5. Adam divides each gradient by √v, so the rounding of small
     * gradients becomes whole steps of the learning rate and the weights drift apart with the steps:
     * measured 1.1e-5 after 25 steps (FAST float32; PyTorch 9e-8; {@link LossDrift}), so 5e-6 a step over
     * the compared 16 steps leaves about 8× room. A wrong kernel is off by 1e-4 or more from the first step.
     */
    LossAgreement.Tolerance TOLERANCE = new LossAgreement.Tolerance(2e-5, 5e-6,
            "float32 LeNet: K·u = 392 × 6e-8 for one forward pass, plus 5e-6 a step for Adam's updates"
            + " (measured drift 1.1e-5 after 25 steps)");

    /**
     * Pixels (batch × 1 × 28 × 28, row-major), their labels, and the seed of the batch's dropout mask:
     * every peer drops the same units, so all of them compute the same losses (see {@link DropoutMask}).
     */
    record Batch(float[] pixels, int[] labels, long dropoutSeed) {}

    /** The mnist suite's network: the CLI's default LeNet step, an epoch of 60,000 images. */
    NetworkSuite.Model<Batch> MODEL = new NetworkSuite.Model<>() {
        @Override
        public String heading() {
            return "mnist: LeNet step as `minitorch mnist` trains it (batch " + BATCH + ", max pooling, Adam " + RATE
                    + ", float32)";
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
            return BATCH;
        }

        @Override
        public Batch randomBatch(Random data) {
            float[] pixels = new float[BATCH * 28 * 28];
            int[] labels = new int[BATCH];
            for (int i = 0; i < pixels.length; i++) pixels[i] = data.nextFloat();
            for (int i = 0; i < labels.length; i++) labels[i] = data.nextInt(CLASSES);
            return new Batch(pixels, labels, data.nextLong());
        }

        @Override
        public NetworkStep<Batch> miniTorch(Backend backend, DType dtype) {
            return new MiniTorch(backend, dtype, 7);
        }

        @Override
        public LossAgreement.Tolerance tolerance() {
            return TOLERANCE;
        }

        @Override
        public NetworkStep<Batch> torch(NDManager manager) {
            return new Torch(manager, new MiniTorch(Backend.SIMPLE, DType.FLOAT32, 7).initialValues());
        }
    };

    /** The app's LeNet and Adam, as MnistTraining builds them by default. */
    final class MiniTorch implements LeNetStep {
        private static final List<String> PARAMETERS = List.of("conv1.weights", "conv1.bias", "conv2.weights", "conv2.bias",
                "linear1.weights", "linear1.bias", "linear2.weights", "linear2.bias");
        private final Backend backend;
        private final DType dtype;
        private final LeNet model;
        private final Adam adam;

        /** In float64 the weights are float32's, widened: every peer starts from the same values. */
        MiniTorch(Backend backend, DType dtype, long seed) {
            this.backend = backend;
            this.dtype = dtype;
            model = new LeNet(new Random(seed), backend, dtype, false, DROPOUT, true);
            NetworkSuite.roundToFloat32(model);
            adam = new Adam(model.parameters(), RATE);
        }

        /** The parameters' values in the torch peer's order: each convolution's, then each linear layer's. */
        List<float[]> initialValues() {
            return NetworkSuite.floats(model, PARAMETERS);
        }

        @Override
        public String name() {
            return NetworkSuite.peerName(backend, dtype);
        }

        @Override
        public double step(Batch b) {
            float[] pixels = b.pixels();
            int batch = b.labels().length;
            double[] x = new double[pixels.length];
            for (int i = 0; i < x.length; i++) x[i] = pixels[i];
            Tensor out = model.forward(Tensor.of(backend, dtype, x, batch, 1, 28, 28), new Random(b.dropoutSeed()));
            Tensor loss = MnistTraining.loss(out, b.labels());
            adam.zeroGrad();
            loss.backward();
            adam.step();
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
        private final TorchAdam adam;
        private final DropoutMask dropout = new DropoutMask(DROPOUT);

        Torch(NDManager parent, List<float[]> initial) {
            this.manager = parent.newSubManager();
            List<Shape> shapes = List.of(new Shape(4, 1, 3, 3), new Shape(4), new Shape(8, 4, 3, 3), new Shape(8),
                    new Shape(392, 64), new Shape(64), new Shape(64, CLASSES), new Shape(CLASSES));
            for (int i = 0; i < shapes.size(); i++) {
                NDArray p = manager.create(initial.get(i), shapes.get(i));
                p.setRequiresGradient(true);
                params.add(p);
            }
            adam = new TorchAdam(manager, params, RATE);
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
                    h = h.getNDArrayInternal().maxPool(new Shape(4, 4), new Shape(4, 4), new Shape(0, 0), false)
                            .reshape(batch, 392);
                    h = h.matMul(params.get(4)).add(params.get(5)).maximum(0f);
                    h = h.mul(scope.create(dropout.of(b.dropoutSeed(), batch * 64), new Shape(batch, 64)));
                    NDArray out = h.matMul(params.get(6)).add(params.get(7)).logSoftmax(1);
                    NDArray l = out.mul(target).sum().mul(-1f / batch);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam.step();
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
