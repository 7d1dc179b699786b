package minitorch.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import minitorch.backend.Backend;
import minitorch.data.Sst2;
import minitorch.module.Module;
import minitorch.nn.Embedding;
import minitorch.nn.Init;
import minitorch.networks.KimCnn;
import minitorch.networks.SentimentTraining;
import minitorch.optim.Adam;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * One Adam step of the network {@code minitorch sentiment} trains by default (reference §3.5, Kim 2014):
 * a trainable word-vector table (vocabulary × 50, looked up per token), conv1d 50→100 with widths 3, 4
 * and 5 (+bias), ReLU, max over time, the three maxima summed, Linear 100→1, dropout 0.25, sigmoid,
 * binary cross-entropy; batch 32, Adam at 0.001 — in MiniTorch and in PyTorch (DJL), starting from the
 * same weights. The sentiment suite times steps of both, interleaved, on the same synthetic batches:
 * random word numbers filling every position of the padded length, random labels.
 */
interface SentimentStep extends NetworkStep<SentimentStep.Batch> {
    int EMBEDDING = 50;
    int FEATURES = 100;
    int[] WIDTHS = {3, 4, 5};
    int BATCH = 32;
    double RATE = 0.001;
    double DROPOUT = 0.25;

    /**
     * float32's unit roundoff is u = 2⁻²⁴ ≈ 6e-8; the longest dot product has K = 50 × 5 = 250 terms (the
     * widest convolution), so one forward pass is within about K·u ≈ 1.5e-5 of exact: the initial bound 2e-5
     * (measured at step 0: 2e-8). Adam divides each gradient by √v, so the rounding of small gradients
     * becomes whole steps of the learning rate: the drift grows with the steps, measured up to 2.5e-6 over
     * the first 25 steps (FAST float32; PyTorch 1e-7) and 5.9e-5 after 200 ({@link LossDrift}). 5e-6 a step
     * over the compared 16 steps leaves ample room. A wrong kernel is off by 1e-4 or more from the first step.
     */
    LossAgreement.Tolerance TOLERANCE = new LossAgreement.Tolerance(2e-5, 5e-6,
            "float32 Kim CNN: K·u = 250 × 6e-8 for one forward pass, plus 5e-6 a step for Adam's updates"
            + " (measured drift 2.5e-6 over 25 steps)");

    /**
     * Word numbers (batch × length), labels (0 negative, 1 positive), and the seed of the batch's dropout
     * mask: every peer drops the same units, so all of them compute the same losses (see {@link DropoutMask}).
     */
    record Batch(int[][] words, int[] labels, long dropoutSeed) {}

    /**
     * The sizes that set a step's cost: sentence length (the longest SST-2 sentence, as the original pads
     * to) and vocabulary (the word types of train and dev, the rows of the trainable table).
     */
    record Sizes(int length, int vocabulary, int trainSentences, String source) {
        /** Without the data: the values computed from the shared SST-2 files. */
        static final Sizes FALLBACK = new Sizes(52, 15_756, 67_349, "SST-2's values, not read from files");

        /** From SST-2's files in {@code dir}, or the fallback (saying why) when they are not there. */
        static Sizes of(Path dir) {
            try {
                List<Sst2.Example> train = Sst2.train(dir);
                int length = 0;
                Set<String> words = new HashSet<>();
                for (List<Sst2.Example> split : List.of(train, Sst2.dev(dir))) {
                    for (Sst2.Example e : split) {
                        length = Math.max(length, e.tokens().size());
                        words.addAll(e.tokens());
                    }
                }
                return new Sizes(length, words.size(), train.size(), "computed from " + dir.resolve("sst2"));
            } catch (RuntimeException e) {
                return new Sizes(FALLBACK.length, FALLBACK.vocabulary, FALLBACK.trainSentences,
                        FALLBACK.source + ": " + Harness.shortError(e));
            }
        }
    }

    /** The sentiment suite's network with the given sizes. */
    static NetworkSuite.Model<Batch> model(Sizes sizes) {
        return new NetworkSuite.Model<>() {
            @Override
            public String heading() {
                return String.format(Locale.ROOT, "sentiment: Kim CNN step (batch %d, length %d, trainable %,d × %d word "
                        + "vectors, Adam, float32; sizes %s)", BATCH, sizes.length(), sizes.vocabulary(), EMBEDDING, sizes.source());
            }

            @Override
            public String epochLabel() {
                return String.format(Locale.ROOT, "SST-2 Kim CNN epoch (%,d sentences, extrapolated)", sizes.trainSentences());
            }

            @Override
            public int epochExamples() {
                return sizes.trainSentences();
            }

            @Override
            public int batchSize() {
                return BATCH;
            }

            @Override
            public Batch randomBatch(Random data) {
                int[][] words = new int[BATCH][sizes.length()];
                int[] labels = new int[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    for (int t = 0; t < sizes.length(); t++) words[i][t] = data.nextInt(sizes.vocabulary());
                    labels[i] = data.nextInt(2);
                }
                return new Batch(words, labels, data.nextLong());
            }

            @Override
            public NetworkStep<Batch> miniTorch(Backend backend, DType dtype) {
                return new MiniTorch(backend, dtype, sizes.vocabulary(), 11, DROPOUT);
            }

            @Override
            public LossAgreement.Tolerance tolerance() {
                return TOLERANCE;
            }

            @Override
            public NetworkStep<Batch> torch(NDManager manager) {
                // the same initial weights as MiniTorch's: build that model and copy its values
                return new Torch(manager, new MiniTorch(Backend.SIMPLE, DType.FLOAT32, sizes.vocabulary(), 11, DROPOUT).initialValues(),
                        sizes.vocabulary(), DROPOUT);
            }
        };
    }

    /** The app's KimCnn over a trainable word-vector table, and Adam, as SentimentTraining builds them by default. */
    final class MiniTorch extends Module implements SentimentStep {
        private static final List<String> PARAMETERS = List.of("embedding.weights", "cnn.conv1.weights", "cnn.conv1.bias",
                "cnn.conv2.weights", "cnn.conv2.bias", "cnn.conv3.weights", "cnn.conv3.bias", "cnn.linear.weights",
                "cnn.linear.bias");
        private final Backend backend;
        private final DType dtype;
        private final Embedding embedding;
        private final KimCnn cnn;
        private final Adam adam;

        /** In float64 the weights are float32's, widened: every peer starts from the same values. */
        MiniTorch(Backend backend, DType dtype, int vocabulary, long seed, double dropout) {
            this.backend = backend;
            this.dtype = dtype;
            Random init = new Random(seed);
            // GloVe-sized values; the cost of a step does not depend on them
            embedding = addModule("embedding", new Embedding(Init.uniform(init, backend, dtype, 0.5, vocabulary, EMBEDDING)));
            cnn = addModule("cnn", new KimCnn(EMBEDDING, FEATURES, WIDTHS, dropout, init, backend, dtype, false));
            NetworkSuite.roundToFloat32(this);
            adam = new Adam(parameters(), RATE);
        }

        /** The parameters' values in the torch peer's order: table, (weights, bias) of each convolution, linear. */
        List<float[]> initialValues() {
            return NetworkSuite.floats(this, PARAMETERS);
        }

        @Override
        public String name() {
            return NetworkSuite.peerName(backend, dtype);
        }

        @Override
        public double step(Batch b) {
            int batch = b.labels().length;
            Tensor out = cnn.forward(embedding.forward(b.words()), new Random(b.dropoutSeed()));
            double[] labels = new double[batch];
            for (int i = 0; i < batch; i++) labels[i] = b.labels()[i];
            Tensor loss = SentimentTraining.loss(out, Tensor.of(backend, dtype, labels, batch));
            adam.zeroGrad();
            loss.backward();
            adam.step();
            return loss.item();
        }
    }

    /**
     * The same network and step in PyTorch through DJL's NDArray operations: torch's embedding, conv1d,
     * amax, dropout as a multiplication by the batch's mask (MiniTorch's, drawn from the same seed), and
     * {@link TorchAdam}, dense over the whole table as nn.Embedding's default.
     */
    final class Torch implements SentimentStep {
        private final NDManager manager;
        private final List<NDArray> params = new ArrayList<>();
        private final float dropout;
        private final TorchAdam adam;
        private final DropoutMask masks;

        Torch(NDManager parent, List<float[]> initial, int vocabulary, double dropout) {
            this.manager = parent.newSubManager();
            this.dropout = (float) dropout;
            this.masks = new DropoutMask(dropout);
            List<Shape> shapes = new ArrayList<>(List.of(new Shape(vocabulary, EMBEDDING)));
            for (int w : WIDTHS) shapes.addAll(List.of(new Shape(FEATURES, EMBEDDING, w), new Shape(FEATURES)));
            shapes.addAll(List.of(new Shape(FEATURES, 1), new Shape(1)));
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
            int batch = b.labels().length, length = b.words()[0].length;
            double loss;
            try (NDManager scope = manager.newSubManager()) {
                long[] words = new long[batch * length];
                float[] labels = new float[batch];
                for (int i = 0; i < batch; i++) {
                    for (int t = 0; t < length; t++) words[i * length + t] = b.words()[i][t];
                    labels[i] = b.labels()[i];
                }
                NDArray index = scope.create(words, new Shape(batch, length));
                NDArray y = scope.create(labels, new Shape(batch));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = index.getNDArrayInternal().embedding(index, params.get(0), SparseFormat.DENSE)
                            .singletonOrThrow().transpose(0, 2, 1);
                    // zeros past the right edge, as MiniTorch's conv1d reads them: the output keeps the length
                    NDArray padded = x.concat(scope.zeros(new Shape(batch, EMBEDDING, WIDTHS[WIDTHS.length - 1] - 1)), 2);
                    NDArray pooled = null;
                    for (int i = 0; i < WIDTHS.length; i++) {
                        NDArray in = padded.get(":, :, :" + (length + WIDTHS[i] - 1));
                        NDArray m = in.getNDArrayInternal().convolution(in, params.get(1 + 2 * i), params.get(2 + 2 * i),
                                new Shape(1), new Shape(0), new Shape(1), 1).singletonOrThrow().maximum(0f).max(new int[] {2});
                        pooled = pooled == null ? m : pooled.add(m);
                    }
                    NDArray h = pooled.matMul(params.get(7)).add(params.get(8));
                    if (dropout > 0) h = h.mul(scope.create(masks.of(b.dropoutSeed(), batch), new Shape(batch, 1)));
                    NDArray out = ai.djl.nn.Activation.sigmoid(h).reshape(batch);
                    NDArray prob = out.mul(y).add(out.sub(1f).mul(y.sub(1f)));
                    NDArray l = prob.log().sum().mul(-1f / batch);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam.step();
            }
            return loss;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
