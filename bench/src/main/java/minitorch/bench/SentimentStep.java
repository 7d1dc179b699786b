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
import minitorch.module.Parameter;
import minitorch.nn.Conv1d;
import minitorch.nn.Embedding;
import minitorch.nn.Init;
import minitorch.nn.Linear;
import minitorch.nn.NN;
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
     * becomes whole steps of the learning rate: the drift grows with the steps, measured up to 1.1e-4 after
     * 180 steps in one run and 4.9e-5 over 450 in another (FAST; torch 3.7e-5), on 8 batches repeated so
     * that the loss falls towards 0.1. 5e-6 a step allows 8× the worst of those. A wrong kernel is off by
     * 1e-4 or more from the first step, where the bound is tight.
     */
    LossAgreement.Tolerance TOLERANCE = new LossAgreement.Tolerance(2e-5, 5e-6,
            "float32 Kim CNN: K·u = 250 × 6e-8 for one forward pass, plus 5e-6 a step for Adam's updates"
            + " (measured drift ≤ 1.1e-4 over 450 steps)");

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

    /** MiniTorch's network from the library's public modules, as app's SentimentTraining builds it. */
    final class MiniTorch extends Module implements SentimentStep {
        private final Backend backend;
        private final DType dtype;
        private final Embedding embedding;
        private final Conv1d[] convs = new Conv1d[WIDTHS.length];
        private final Linear linear;
        private final double dropout;
        private final Adam adam;

        /** In float64 the weights are float32's, widened: every peer starts from the same values. */
        MiniTorch(Backend backend, DType dtype, int vocabulary, long seed, double dropout) {
            this.backend = backend;
            this.dtype = dtype;
            this.dropout = dropout;
            Random init = new Random(seed);
            // GloVe-sized values; the cost of a step does not depend on them
            embedding = addModule("embedding", new Embedding(Init.uniform(init, backend, dtype, 0.5, vocabulary, EMBEDDING)));
            for (int i = 0; i < WIDTHS.length; i++) {
                convs[i] = addModule("conv" + (i + 1), new Conv1d(EMBEDDING, FEATURES, WIDTHS[i], init, backend, dtype,
                        Init.torchBound(EMBEDDING * WIDTHS[i])));
            }
            double bound = Init.torchBound(FEATURES);
            linear = addModule("linear", new Linear(Init.uniform(init, backend, dtype, bound, FEATURES, 1),
                    Init.uniform(init, backend, dtype, bound, 1)));
            NetworkSuite.roundToFloat32(this);
            adam = new Adam(parameters(), RATE);
        }

        /** The parameters' values in order: table, (weights, bias) of each convolution, linear weights, bias. */
        List<float[]> initialValues() {
            List<Parameter<Tensor>> params = new ArrayList<>(List.of(embedding.weights()));
            for (Conv1d c : convs) params.addAll(List.of(c.weights(), c.bias()));
            params.addAll(List.of(linear.weight(), linear.bias()));
            return NetworkSuite.floats(params);
        }

        @Override
        public String name() {
            return NetworkSuite.peerName(backend, dtype);
        }

        @Override
        public double step(Batch b) {
            int batch = b.labels().length;
            Tensor x = embedding.forward(b.words()).permute(0, 2, 1);
            Tensor pooled = null;
            for (Conv1d conv : convs) {
                Tensor m = NN.max(conv.forward(x).relu(), 2);
                pooled = pooled == null ? m : pooled.add(m);
            }
            Tensor h = linear.forward(pooled.view(batch, FEATURES));
            Tensor out = NN.dropout(h, dropout, false, new Random(b.dropoutSeed())).sigmoid().view(batch);
            double[] labels = new double[batch];
            for (int i = 0; i < batch; i++) labels[i] = b.labels()[i];
            Tensor y = Tensor.of(backend, dtype, labels, batch);
            // binary cross-entropy as the original writes it: P = out for positives, 1 - out for negatives
            Tensor prob = out.mul(y).add(out.sub(1.0).mul(y.sub(1.0)));
            Tensor loss = prob.log().sum().mul(-1.0 / batch);
            adam.zeroGrad();
            loss.backward();
            adam.step();
            return loss.item();
        }
    }

    /**
     * The same network and step in PyTorch through DJL's NDArray operations: torch's embedding, conv1d,
     * amax, dropout as a multiplication by the batch's mask (MiniTorch's, drawn from the same seed), and
     * Adam written out as torch.optim.Adam's single-tensor update (betas 0.9, 0.999, eps 1e-8), dense over
     * the whole table as nn.Embedding's default.
     */
    final class Torch implements SentimentStep {
        private static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;
        private final NDManager manager;
        private final List<NDArray> params = new ArrayList<>();
        private final List<NDArray> firstMoments = new ArrayList<>();
        private final List<NDArray> secondMoments = new ArrayList<>();
        private final float dropout;
        private int steps;

        Torch(NDManager parent, List<float[]> initial, int vocabulary, double dropout) {
            this.manager = parent.newSubManager();
            this.dropout = (float) dropout;
            List<Shape> shapes = new ArrayList<>(List.of(new Shape(vocabulary, EMBEDDING)));
            for (int w : WIDTHS) shapes.addAll(List.of(new Shape(FEATURES, EMBEDDING, w), new Shape(FEATURES)));
            shapes.addAll(List.of(new Shape(FEATURES, 1), new Shape(1)));
            for (int i = 0; i < shapes.size(); i++) {
                NDArray p = manager.create(initial.get(i), shapes.get(i));
                p.setRequiresGradient(true);
                params.add(p);
                firstMoments.add(manager.zeros(shapes.get(i)));
                secondMoments.add(manager.zeros(shapes.get(i)));
            }
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
                    if (dropout > 0) h = h.mul(scope.create(DropoutMask.scales(b.dropoutSeed(), batch, dropout), new Shape(batch, 1)));
                    NDArray out = ai.djl.nn.Activation.sigmoid(h).reshape(batch);
                    NDArray prob = out.mul(y).add(out.sub(1f).mul(y.sub(1f)));
                    NDArray l = prob.log().sum().mul(-1f / batch);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                adam();
            }
            return loss;
        }

        /** m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², p ← p − lr·m̂/(√v̂ + ε); then the gradient zeroed. */
        private void adam() {
            steps++;
            float c1 = (float) (1 - Math.pow(BETA1, steps)), c2 = (float) (1 - Math.pow(BETA2, steps));
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i), m = firstMoments.get(i), v = secondMoments.get(i);
                try (NDArray g = p.getGradient(); NDArray g1 = g.mul(1 - BETA1); NDArray g2 = g.square();
                        NDArray mHat = m.muli(BETA1).addi(g1).div(c1);
                        NDArray denominator = v.muli(BETA2).addi(g2.muli(1 - BETA2)).div(c2)) {
                    denominator.powi(0.5f).addi(EPS);
                    p.subi(mHat.divi(denominator).muli((float) RATE));
                }
                TorchPeer.zeroGradient(p);
            }
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
