package minitorch.networks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.data.Mnist;
import minitorch.module.Parameter;
import minitorch.optim.Adam;
import minitorch.optim.Optimizer;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * Trains {@link LeNet} on MNIST digits.
 *
 * <p>Default: all training images, shuffled each epoch, pixels / 255, Torch-style initialisation,
 * Adam, accuracy on the 10,000 test images after each epoch. {@code reference}: the original's
 * run_mnist_multiclass.py, i.e. training images 0-4999 in order, batches of 16 (the last partial
 * batch skipped), raw 0-255 pixels, uniform [-0.05, 0.05) weights, SGD at 0.01, and every 5th batch
 * the accuracy on the first 16 validation images (training images 10000-10015), "out of 16".
 */
public final class MnistTraining {
    /** Everything a run depends on. {@code checkpoint} null: none; {@code resume}: start from it. */
    public record Config(boolean reference, int epochs, double rate, int batch, long seed, Backend backend, DType dtype,
            Path checkpoint, boolean resume, Path plot, int progressEvery, boolean maxPool) {}

    /** The result: the last epoch's numbers (accuracy on the evaluation set, in percent). */
    public record Result(int epochsRun, double lastLoss, double lastTrainAccuracy, double lastEvalAccuracy,
            double bestEvalAccuracy, double meanEpochSeconds) {}

    /** The images a run trains on and reports accuracy on, as {@code minitorch mnist} loads them. */
    public record Data(Mnist train, Mnist eval) {}

    private MnistTraining() {}

    /** All training images and the test set; in reference mode images 0-4999 and the validation slice 10000-10499. */
    public static Data load(Path dataDir, boolean reference) {
        Mnist train = Mnist.load(dataDir, Mnist.Split.TRAIN);
        return reference ? new Data(train.slice(0, 5_000), train.slice(10_000, 10_500))
                : new Data(train, Mnist.load(dataDir, Mnist.Split.TEST));
    }

    /** The network a run starts from: the same weights for the same configuration (seed). */
    public static LeNet newModel(Config c) {
        return new LeNet(new Random(c.seed()), c.backend(), c.dtype(), c.reference(), 0.25, c.maxPool());
    }

    /**
     * Runs the training. {@code train} and {@code eval} are the images to train on and to report
     * accuracy on (the test set by default; the validation slice in reference mode).
     */
    public static Result run(Config c, Mnist train, Mnist eval, RunLog log) {
        return run(c, train, eval, log, (model, rows, dropoutRandom) -> shardGradient(model, train, c, rows, 0, rows.length,
                dropoutRandom));
    }

    /** Runs the training with each batch's gradient from {@code gradients} (e.g. summed over Spark workers). */
    public static Result run(Config c, Mnist train, Mnist eval, RunLog log, BatchGradient<LeNet> gradients) {
        LeNet model = newModel(c);
        Adam adam = c.reference() ? null : new Adam(model.parameters(), c.rate());
        Optimizer optimizer = c.reference() ? new SGD(model.parameters(), c.rate()) : adam;
        int startEpoch = 1;
        if (c.resume() && c.checkpoint() != null && Files.exists(c.checkpoint())) {
            Map<String, String> meta = Checkpoint.restore(c.checkpoint(), model, adam);
            startEpoch = Integer.parseInt(meta.getOrDefault("epoch", "0")) + 1;
            log.println("Resumed from " + c.checkpoint() + " after epoch " + (startEpoch - 1));
        }
        double scale = pixelScale(c);
        int batches = c.reference() ? train.count() / c.batch() - (train.count() % c.batch() == 0 ? 1 : 0)
                : (train.count() + c.batch() - 1) / c.batch();
        log.println(String.format(Locale.ROOT, "MNIST LeNet: %d training images, %d %s images, batch %d, %s lr %s, %s %s, %s pooling, "
                        + "%d parameters, %d batches per epoch", train.count(), eval.count(),
                c.reference() ? "validation" : "test", c.batch(), c.reference() ? "SGD" : "Adam", c.rate(),
                c.backend().name().toLowerCase(Locale.ROOT), c.dtype().name().toLowerCase(Locale.ROOT),
                c.maxPool() ? "max" : "average", parameterCount(model), batches));

        Curves curves = new Curves("MNIST LeNet");
        double totalSeconds = 0, lastLoss = Double.NaN, lastTrain = Double.NaN, lastEval = Double.NaN, best = 0;
        int epochsRun = 0;
        for (int epoch = startEpoch; epoch <= c.epochs(); epoch++) {
            long start = System.nanoTime();
            model.train();
            int[] order = order(train.count(), c.reference() ? null : new Random(c.seed() * 1_000_003L + epoch));
            Random dropoutRandom = new Random(c.seed() * 7_919L + epoch);
            double epochLoss = 0, windowLoss = 0;
            int correct = 0, seen = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * c.batch(), size = Math.min(c.batch(), train.count() - from);
                BatchGradient.Outcome step = gradients.compute(model, Arrays.copyOfRange(order, from, from + size), dropoutRandom);
                optimizer.step();
                double l = step.loss();
                epochLoss += l * size;
                windowLoss += l;
                correct += step.correct();
                seen += size;
                if (c.reference() && b % 5 == 0) {
                    // The original's log: loss summed since the last report, validation "out of 16".
                    int ok = evaluate(model, eval, 16, scale, c);
                    log.println(String.format(Locale.ROOT, "Epoch %d loss %.4f valid acc %d/16", epoch, windowLoss, ok));
                    curves.addLoss("loss since last report", epoch - 1 + (b + 1.0) / batches, windowLoss);
                    curves.addAccuracy("valid (out of 16)", epoch - 1 + (b + 1.0) / batches, 100.0 * ok / 16);
                    windowLoss = 0;
                } else if (!c.reference() && c.progressEvery() > 0 && (b + 1) % c.progressEvery() == 0) {
                    log.println(String.format(Locale.ROOT, "  epoch %d batch %d/%d loss %.4f train acc %.2f%% (%.1f s)",
                            epoch, b + 1, batches, epochLoss / seen, 100.0 * correct / seen, (System.nanoTime() - start) / 1e9));
                }
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            int ok = evaluate(model, eval, eval.count(), scale, c);
            lastLoss = epochLoss / seen;
            lastTrain = 100.0 * correct / seen;
            lastEval = 100.0 * ok / eval.count();
            best = Math.max(best, lastEval);
            totalSeconds += trainSeconds;
            epochsRun++;
            curves.addLoss("train loss (epoch mean)", epoch, lastLoss);
            curves.addAccuracy("train", epoch, lastTrain);
            curves.addAccuracy(c.reference() ? "validation (all)" : "test", epoch, lastEval);
            log.println(String.format(Locale.ROOT, "Epoch %d loss %.4f train acc %.2f%% %s acc %.2f%% (%d/%d) "
                            + "time %.1f s/epoch (+%.1f s eval) heap %d MB", epoch, lastLoss, lastTrain,
                    c.reference() ? "validation" : "test", lastEval, ok, eval.count(), trainSeconds,
                    (System.nanoTime() - start) / 1e9 - trainSeconds, usedHeapMegabytes()));
            if (c.checkpoint() != null) {
                Checkpoint.save(c.checkpoint(), model, adam, Map.of("command", "mnist", "epoch", String.valueOf(epoch),
                        "seed", String.valueOf(c.seed()), "reference", String.valueOf(c.reference())));
            }
            if (c.plot() != null) {
                curves.save(c.plot());
            }
        }
        return new Result(epochsRun, lastLoss, lastTrain, lastEval, best, epochsRun == 0 ? 0 : totalSeconds / epochsRun);
    }

    /**
     * The gradient of the rows {@code rows[from, to)}'s share of the mean loss over all of {@code rows} (one
     * batch), left on the model's parameters: a whole batch when {@code from} is 0 and {@code to} its length;
     * shares of one batch computed apart add up to its gradient. Dropout draws from {@code dropoutRandom} as
     * they come, so a share after the first needs a generator that has already skipped the rows before it.
     */
    public static BatchGradient.Outcome shardGradient(LeNet model, Mnist train, Config c, int[] rows, int from, int to,
            Random dropoutRandom) {
        int size = to - from;
        Tensor out = model.forward(images(train, rows, from, size, pixelScale(c), c), dropoutRandom);
        int[] labels = labels(train, rows, from, size);
        Tensor loss = loss(out, labels, rows.length);
        loss.backward();
        return new BatchGradient.Outcome(loss.item(), countCorrect(out, labels));
    }

    /** Pixels as a run feeds them: raw 0-255 in reference mode, as the original does, else divided by 255. */
    static double pixelScale(Config c) { return c.reference() ? 1.0 : 1.0 / 255; }

    /** Accuracy count over the first {@code n} images of {@code data}, without dropout or a graph. */
    static int evaluate(LeNet model, Mnist data, int n, double scale, Config c) {
        boolean wasTraining = model.isTraining();
        model.eval();
        int correct = 0;
        int[] order = order(data.count(), null);
        try (var g = Tensor.noGrad()) {
            for (int from = 0; from < n; from += 500) {
                int size = Math.min(500, n - from);
                Tensor out = model.forward(images(data, order, from, size, scale, c), null);
                correct += countCorrect(out, labels(data, order, from, size));
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return correct;
    }

    static int[] order(int n, Random shuffle) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    static Tensor images(Mnist data, int[] order, int from, int size, double scale, Config c) {
        int pixels = data.rows() * data.cols();
        double[] values = new double[size * pixels];
        byte[] raw = data.pixels();
        for (int i = 0; i < size; i++) {
            int offset = order[from + i] * pixels;
            for (int p = 0; p < pixels; p++) {
                values[i * pixels + p] = (raw[offset + p] & 0xFF) * scale;
            }
        }
        return Tensor.of(c.backend(), c.dtype(), values, size, 1, data.rows(), data.cols());
    }

    static int[] labels(Mnist data, int[] order, int from, int size) {
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = data.label(order[from + i]);
        }
        return labels;
    }

    /** The original's loss: minus the mean log-probability of each image's label, from LeNet's (batch, 10) output. */
    public static Tensor loss(Tensor logProbabilities, int[] labels) {
        return loss(logProbabilities, labels, labels.length);
    }

    /** The same sum over these images divided by {@code batch}: a shard's part of a larger batch's loss. */
    public static Tensor loss(Tensor logProbabilities, int[] labels, int batch) {
        return logProbabilities.mul(oneHot(labels, logProbabilities)).sum().mul(-1.0 / batch);
    }

    /** (batch, 10) with a 1 at each label, on the output's backend and dtype. */
    private static Tensor oneHot(int[] labels, Tensor like) {
        double[] y = new double[labels.length * LeNet.CLASSES];
        for (int i = 0; i < labels.length; i++) {
            y[i * LeNet.CLASSES + labels[i]] = 1;
        }
        return Tensor.of(like.backend(), like.dtype(), y, labels.length, LeNet.CLASSES);
    }

    /** Rows whose largest output is at the label (first maximum on ties). */
    static int countCorrect(Tensor out, int[] labels) {
        double[] v = out.toDoubleArray();
        int classes = out.shape(1), correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (v[i * classes + k] > v[i * classes + best]) {
                    best = k;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return correct;
    }

    static int parameterCount(minitorch.module.Module model) {
        int n = 0;
        for (Parameter<?> p : model.parameters()) {
            n += ((Tensor) p.value()).size();
        }
        return n;
    }

    /** Heap in use after a collection: flat from epoch to epoch when no graph or tensor leaks. */
    static long usedHeapMegabytes() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}
