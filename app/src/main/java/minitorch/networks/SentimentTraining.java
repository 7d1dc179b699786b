package minitorch.networks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import minitorch.backend.Backend;
import minitorch.data.Glove;
import minitorch.data.Sst2;
import minitorch.module.Module;
import minitorch.nn.Embedding;
import minitorch.optim.Adam;
import minitorch.optim.Optimizer;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * Trains {@link KimCnn} on SST-2 sentences encoded with GloVe vectors.
 *
 * <p>{@code reference}: the original's run_sentiment.py, i.e. the first 450 training and 100
 * validation sentences, every sentence zero-padded to the longest sentence of both whole splits,
 * uniform [-0.05, 0.05) weights, SGD at 0.01, batches of 10 in order; the bar is best validation
 * accuracy above 70%. Default: the whole training set shuffled each epoch, each batch padded to
 * its own longest sentence (at least the widest filter), Torch-style initialisation and Adam;
 * accuracy on all 872 validation sentences after each epoch.
 */
public final class SentimentTraining {
    public record Config(boolean reference, int epochs, double rate, int batch, long seed, Backend backend, DType dtype,
            Path checkpoint, boolean resume, Path plot, int progressEvery, boolean trainEmbeddings) {}

    public record Result(int epochsRun, double lastLoss, double lastTrainAccuracy, double lastValidationAccuracy,
            double bestValidationAccuracy, double meanEpochSeconds) {}

    private static final int MIN_LENGTH = 5;

    /**
     * The sentences a run trains and validates on, as {@code minitorch sentiment} loads them, with the
     * original's padding length (the longest sentence of both whole splits) and the word vectors.
     */
    public record Data(List<Sst2.Example> train, List<Sst2.Example> validation, int globalMaxLength, Glove glove) {}

    private SentimentTraining() {}

    /** Both whole splits, or in reference mode the first 450 training and 100 validation sentences. */
    public static Data load(Path dataDir, boolean reference, long seed) {
        List<Sst2.Example> train = Sst2.train(dataDir);
        List<Sst2.Example> validation = Sst2.dev(dataDir);
        int maxLength = Math.max(longest(train), longest(validation));
        if (reference) {
            train = train.subList(0, 450);
            validation = validation.subList(0, 100);
        }
        return new Data(train, validation, maxLength, Glove.loadSubset(dataDir, seed));
    }

    /** The network a run starts from: the same weights for the same configuration (seed) and data. */
    public static Net newModel(Config c, List<Sst2.Example> train, List<Sst2.Example> validation, Glove glove) {
        return new Net(KimCnn.original(new Random(c.seed()), c.backend(), c.dtype(), c.reference()),
                c.trainEmbeddings() ? vocabulary(List.of(train, validation)) : null, glove, c);
    }

    public static Result run(Config c, List<Sst2.Example> train, List<Sst2.Example> validation, int globalMaxLength,
            Glove glove, RunLog log) {
        return run(c, train, validation, globalMaxLength, glove, log, (model, rows, dropoutRandom) ->
                shardGradient(model, train, globalMaxLength, c, rows, 0, rows.length, dropoutRandom));
    }

    /** Runs the training with each batch's gradient from {@code gradients} (e.g. summed over Spark workers). */
    public static Result run(Config c, List<Sst2.Example> train, List<Sst2.Example> validation, int globalMaxLength,
            Glove glove, RunLog log, BatchGradient<Net> gradients) {
        Set<String> unknown = new HashSet<>();
        for (List<Sst2.Example> split : List.of(train, validation)) {
            for (Sst2.Example e : split) {
                for (String w : e.tokens()) {
                    if (!glove.contains(w)) {
                        unknown.add(w);
                    }
                }
            }
        }
        log.println("missing pre-trained embedding for " + unknown.size() + " unknown words");

        Net model = newModel(c, train, validation, glove);
        Adam adam = c.reference() ? null : new Adam(model.parameters(), c.rate());
        Optimizer optimizer = c.reference() ? new SGD(model.parameters(), c.rate()) : adam;
        int startEpoch = 1;
        if (c.resume() && c.checkpoint() != null && Files.exists(c.checkpoint())) {
            Map<String, String> meta = Checkpoint.restore(c.checkpoint(), model, adam);
            startEpoch = Integer.parseInt(meta.getOrDefault("epoch", "0")) + 1;
            log.println("Resumed from " + c.checkpoint() + " after epoch " + (startEpoch - 1));
        }
        int batches = (train.size() + c.batch() - 1) / c.batch();
        log.println(String.format(Locale.ROOT, "SST-2 Kim CNN: %d training and %d validation sentences, batch %d, %s lr %s, "
                        + "%s embeddings, %s %s, %d parameters, %d batches per epoch", train.size(), validation.size(), c.batch(),
                c.reference() ? "SGD" : "Adam", c.rate(), c.trainEmbeddings() ? "trainable" : "fixed",
                c.backend().name().toLowerCase(Locale.ROOT),
                c.dtype().name().toLowerCase(Locale.ROOT), MnistTraining.parameterCount(model), batches));

        Curves curves = new Curves("SST-2 Kim CNN");
        double totalSeconds = 0, lastLoss = Double.NaN, lastTrain = Double.NaN, lastVal = Double.NaN, best = 0;
        int epochsRun = 0;
        for (int epoch = startEpoch; epoch <= c.epochs(); epoch++) {
            long start = System.nanoTime();
            model.train();
            int[] order = MnistTraining.order(train.size(), c.reference() ? null : new Random(c.seed() * 1_000_003L + epoch));
            Random dropoutRandom = new Random(c.seed() * 7_919L + epoch);
            double epochLoss = 0;
            int correct = 0, seen = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * c.batch(), size = Math.min(c.batch(), train.size() - from);
                BatchGradient.Outcome step = gradients.compute(model, Arrays.copyOfRange(order, from, from + size), dropoutRandom);
                optimizer.step();
                epochLoss += step.loss() * size;
                correct += step.correct();
                seen += size;
                if (c.progressEvery() > 0 && (b + 1) % c.progressEvery() == 0) {
                    log.println(String.format(Locale.ROOT, "  epoch %d batch %d/%d loss %.4f train acc %.2f%% (%.1f s)",
                            epoch, b + 1, batches, epochLoss / seen, 100.0 * correct / seen, (System.nanoTime() - start) / 1e9));
                }
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            int ok = evaluate(model, validation, c.reference() ? globalMaxLength : longest(validation), glove, c);
            lastLoss = epochLoss / seen;
            lastTrain = 100.0 * correct / seen;
            lastVal = 100.0 * ok / validation.size();
            best = Math.max(best, lastVal);
            totalSeconds += trainSeconds;
            epochsRun++;
            curves.addLoss("train loss (epoch mean)", epoch, lastLoss);
            curves.addAccuracy("train", epoch, lastTrain);
            curves.addAccuracy("validation", epoch, lastVal);
            log.println(String.format(Locale.ROOT, "Epoch %d, loss %.4f, train accuracy: %.2f%%", epoch, lastLoss, lastTrain));
            log.println(String.format(Locale.ROOT, "Validation accuracy: %.2f%% (%d/%d)", lastVal, ok, validation.size()));
            log.println(String.format(Locale.ROOT, "Best Valid accuracy: %.2f%%   time %.1f s/epoch heap %d MB", best,
                    trainSeconds, MnistTraining.usedHeapMegabytes()));
            if (c.checkpoint() != null) {
                Checkpoint.save(c.checkpoint(), model, adam, Map.of("command", "sentiment", "epoch", String.valueOf(epoch),
                        "seed", String.valueOf(c.seed()), "reference", String.valueOf(c.reference())));
            }
            if (c.plot() != null) {
                curves.save(c.plot());
            }
        }
        return new Result(epochsRun, lastLoss, lastTrain, lastVal, best, epochsRun == 0 ? 0 : totalSeconds / epochsRun);
    }

    /**
     * The gradient of the sentences {@code rows[from, to)}'s share of the mean loss over all of {@code rows}
     * (one batch, padded to its longest sentence as a whole), left on the model's parameters; shares of one
     * batch computed apart add up to its gradient. Dropout draws from {@code dropoutRandom} as they come.
     */
    public static BatchGradient.Outcome shardGradient(Net model, List<Sst2.Example> train, int globalMaxLength, Config c,
            int[] rows, int from, int to, Random dropoutRandom) {
        List<Sst2.Example> batch = new ArrayList<>(rows.length);
        for (int row : rows) {
            batch.add(train.get(row));
        }
        List<Sst2.Example> share = batch.subList(from, to);
        Tensor y = labels(share, c);
        Tensor out = model.forward(share, c.reference() ? globalMaxLength : longest(batch), dropoutRandom);
        // the original's loss: -mean log P(label) with P = out for positives, 1 - out for negatives
        Tensor loss = loss(out, y, rows.length);
        loss.backward();
        return new BatchGradient.Outcome(loss.item(), countCorrect(out, share));
    }

    /**
     * The model's probability that each sentence is positive, as in evaluation (no dropout, no graph), with
     * every sentence padded to {@code length} words.
     */
    public static double[] predict(Net model, List<Sst2.Example> sentences, int length) {
        model.eval();
        try (var g = Tensor.noGrad()) {
            return sentences.isEmpty() ? new double[0] : model.forward(sentences, length, null).toDoubleArray();
        } finally {
            model.train();
        }
    }

    static int evaluate(Net model, List<Sst2.Example> data, int length, Glove glove, Config c) {
        model.eval();
        int correct = 0;
        try (var g = Tensor.noGrad()) {
            for (int from = 0; from < data.size(); from += 1000) {
                List<Sst2.Example> part = data.subList(from, Math.min(data.size(), from + 1000));
                correct += countCorrect(model.forward(part, length, null), part);
            }
        } finally {
            model.train();
        }
        return correct;
    }

    /**
     * The CNN, fed either fixed GloVe vectors (the original) or a trainable table that starts from
     * them: with the partial GloVe subset many sentiment words (boring, enjoyable, ...) share the one
     * unknown vector, and training the table lets them move apart.
     */
    public static final class Net extends Module {
        final KimCnn cnn;
        final Embedding embedding;
        final Map<String, Integer> vocabulary;
        final Glove glove;
        final Config config;

        Net(KimCnn cnn, Map<String, Integer> vocabulary, Glove glove, Config config) {
            this.cnn = addModule("cnn", cnn);
            this.vocabulary = vocabulary;
            this.glove = glove;
            this.config = config;
            if (vocabulary == null) {
                embedding = null;
                return;
            }
            double[] table = new double[vocabulary.size() * glove.dimension()];
            vocabulary.forEach((word, i) -> System.arraycopy(glove.lookup(word), 0, table, i * glove.dimension(), glove.dimension()));
            embedding = addModule("embedding", new Embedding(Tensor.of(config.backend(), config.dtype(), table,
                    vocabulary.size(), glove.dimension())));
        }

        Tensor forward(List<Sst2.Example> batch, int length, Random dropoutRandom) {
            Tensor x;
            if (embedding == null) {
                x = encode(batch, length, glove, config);
            } else {
                int[][] indices = new int[batch.size()][length];
                for (int i = 0; i < batch.size(); i++) {
                    java.util.Arrays.fill(indices[i], -1);
                    List<String> tokens = batch.get(i).tokens();
                    for (int t = 0; t < Math.min(length, tokens.size()); t++) {
                        indices[i][t] = vocabulary.get(tokens.get(t));
                    }
                }
                x = embedding.forward(indices);
            }
            return cnn.forward(x, dropoutRandom);
        }
    }

    /** Every word of the given splits, numbered in order of first appearance. */
    static Map<String, Integer> vocabulary(List<List<Sst2.Example>> splits) {
        Map<String, Integer> vocabulary = new java.util.LinkedHashMap<>();
        for (List<Sst2.Example> split : splits) {
            for (Sst2.Example e : split) {
                for (String w : e.tokens()) {
                    vocabulary.putIfAbsent(w, vocabulary.size());
                }
            }
        }
        return vocabulary;
    }

    /** The longest sentence (in tokens), at least the widest filter. */
    public static int longest(List<Sst2.Example> sentences) {
        int max = MIN_LENGTH;
        for (Sst2.Example e : sentences) {
            max = Math.max(max, e.tokens().size());
        }
        return max;
    }

    /** (batch, length, dimension): each word's vector, zero rows after the sentence's end. */
    static Tensor encode(List<Sst2.Example> batch, int length, Glove glove, Config c) {
        int d = glove.dimension();
        double[] values = new double[batch.size() * length * d];
        for (int i = 0; i < batch.size(); i++) {
            List<String> tokens = batch.get(i).tokens();
            for (int t = 0; t < Math.min(length, tokens.size()); t++) {
                System.arraycopy(glove.lookup(tokens.get(t)), 0, values, (i * length + t) * d, d);
            }
        }
        return Tensor.of(c.backend(), c.dtype(), values, batch.size(), length, d);
    }

    /**
     * The original's loss: minus the mean log P(label), with P = out for positives and 1 − out for negatives,
     * from the (batch) probabilities of "positive" and the (batch) labels, 1 or 0.
     */
    public static Tensor loss(Tensor probabilities, Tensor labels) {
        return loss(probabilities, labels, labels.size());
    }

    /** The same sum over these sentences divided by {@code batch}: a shard's part of a larger batch's loss. */
    public static Tensor loss(Tensor probabilities, Tensor labels, int batch) {
        Tensor prob = probabilities.mul(labels).add(probabilities.sub(1.0).mul(labels.sub(1.0)));
        return prob.log().sum().mul(-1.0 / batch);
    }

    static Tensor labels(List<Sst2.Example> batch, Config c) {
        double[] y = new double[batch.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = batch.get(i).label();
        }
        return Tensor.of(c.backend(), c.dtype(), y, y.length);
    }

    static int countCorrect(Tensor out, List<Sst2.Example> batch) {
        double[] p = out.toDoubleArray();
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += (p[i] > 0.5 ? 1 : 0) == batch.get(i).label() ? 1 : 0;
        }
        return correct;
    }
}
