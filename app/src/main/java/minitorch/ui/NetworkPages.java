package minitorch.ui;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import minitorch.backend.Backend;
import minitorch.data.DataFileException;
import minitorch.data.Glove;
import minitorch.data.Mnist;
import minitorch.data.Sst2;
import minitorch.networks.Checkpoint;
import minitorch.networks.LeNet;
import minitorch.networks.MnistTraining;
import minitorch.networks.RunLog;
import minitorch.networks.SentimentTraining;
import minitorch.nn.Conv2d;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * Module 4's pages: MNIST samples, a LeNet trained live by the same {@link MnistTraining} that
 * {@code minitorch mnist} runs, the first convolution's feature maps; SST-2 sentences and the Kim CNN trained
 * live by {@link SentimentTraining}, as {@code minitorch sentiment} trains it. The trainings' progress lines
 * become events, with the numbers read from them. The data directory is {@code --data}, else
 * {@code $MINITORCH_DATA}; a missing file is named, with where it was looked for.
 */
final class NetworkPages {
    private static final Pattern BATCH = Pattern.compile(
            "epoch (\\d+) batch (\\d+)/(\\d+) loss ([\\d.]+) train acc ([\\d.]+)%");
    private static final Pattern MNIST_EPOCH = Pattern.compile(
            "^Epoch (\\d+) loss ([\\d.]+) train acc ([\\d.]+)% test acc ([\\d.]+)%");
    private static final Pattern SENTIMENT_EPOCH = Pattern.compile("^Epoch (\\d+), loss ([\\d.]+), train accuracy: ([\\d.]+)%");
    private static final Pattern VALIDATION = Pattern.compile("^Validation accuracy: ([\\d.]+)%");

    private final Path dataDir;
    private final AtomicBoolean stopMnist = new AtomicBoolean();
    private final AtomicBoolean stopSentiment = new AtomicBoolean();
    /** How many validation sentences the sentiment page shows with their predictions after a run. */
    private static final int PREDICTIONS_SHOWN = 20;
    private volatile Path lastCheckpoint;

    NetworkPages(Path dataDir) { this.dataDir = dataDir; }

    Path dataDir() { return dataDir; }

    /** The first test images with their labels, or {@code missing}: which file is absent and where it was looked for. */
    Object mnistSamples(Query q) {
        int count = q.integer("count", 24, 1, 200);
        Mnist test;
        try {
            test = Mnist.load(dataDir, Mnist.Split.TEST);
        } catch (DataFileException e) {
            return Map.of("missing", e.getMessage());
        }
        List<Map<String, Object>> images = new ArrayList<>();
        for (int i = 0; i < Math.min(count, test.count()); i++) {
            images.add(Map.of("index", i, "label", test.label(i), "pixels", pixels(test, i)));
        }
        return Map.of("images", images, "rows", test.rows(), "cols", test.cols());
    }

    private static int[] pixels(Mnist data, int i) {
        int[] out = new int[data.rows() * data.cols()];
        for (int r = 0; r < data.rows(); r++) {
            for (int c = 0; c < data.cols(); c++) {
                out[r * data.cols() + c] = data.pixel(i, r, c);
            }
        }
        return out;
    }

    /** A LeNet run's settings, checked before the stream starts. */
    record MnistSettings(int images, int epochs, double rate, long seed) {
        static MnistSettings of(Query q) {
            double rate = q.number("rate", 0.01);
            if (!(rate > 0)) {
                throw new BadRequest("rate must be a positive number, got " + rate);
            }
            return new MnistSettings(q.integer("images", 1000, 100, 10_000), q.integer("epochs", 1, 1, 20), rate,
                    q.integer("seed", 1, 0, Integer.MAX_VALUE));
        }
    }

    /** Trains a LeNet on the first N training images, sending each progress line as an event. */
    void trainMnist(MnistSettings s, TrainingRuns.Events events) throws IOException {
        Mnist train = Mnist.load(dataDir, Mnist.Split.TRAIN).slice(0, s.images());
        Mnist test = Mnist.load(dataDir, Mnist.Split.TEST).slice(0, 1000);
        Path checkpoint = Files.createTempFile("minitorch-ui-lenet", ".safetensors");
        checkpoint.toFile().deleteOnExit();
        stopMnist.set(false);
        MnistTraining.Config config = new MnistTraining.Config(false, s.epochs(), s.rate(), 16, s.seed(),
                Backend.FAST, DType.FLOAT32, checkpoint, false, null, 5, false);
        streamLog(events, stopMnist, log -> {
            MnistTraining.Result r = MnistTraining.run(config, train, test, log);
            lastCheckpoint = checkpoint;
            return Map.of("stopped", false, "evalAccuracy", r.lastEvalAccuracy());
        });
    }

    /** A Kim CNN run's settings (the original's page: 450 training and 100 validation sentences, lr 0.01, batch 10). */
    record SentimentSettings(int train, int validation, int epochs, double rate, long seed) {
        static SentimentSettings of(Query q) {
            double rate = q.number("rate", 0.01);
            if (!(rate > 0)) {
                throw new BadRequest("rate must be a positive number, got " + rate);
            }
            return new SentimentSettings(q.integer("train", 450, 10, 67_349), q.integer("validation", 100, 10, 872),
                    q.integer("epochs", 3, 1, 250), rate, q.integer("seed", 1, 0, Integer.MAX_VALUE));
        }
    }

    /** Trains the sentiment CNN (Adam, fixed GloVe embeddings) on the first sentences, streaming its progress. */
    void trainSentiment(SentimentSettings s, TrainingRuns.Events events) throws IOException {
        List<Sst2.Example> train = Sst2.train(dataDir);
        List<Sst2.Example> validation = Sst2.dev(dataDir);
        int maxLength = Math.max(SentimentTraining.longest(train), SentimentTraining.longest(validation));
        List<Sst2.Example> trainPart = train.subList(0, Math.min(s.train(), train.size()));
        List<Sst2.Example> validationPart = validation.subList(0, Math.min(s.validation(), validation.size()));
        Glove glove = Glove.loadSubset(dataDir, s.seed());
        stopSentiment.set(false);
        Path checkpoint = Files.createTempFile("minitorch-ui-sentiment", ".safetensors");
        checkpoint.toFile().deleteOnExit();
        SentimentTraining.Config config = new SentimentTraining.Config(false, s.epochs(), s.rate(), 10, s.seed(),
                Backend.FAST, DType.FLOAT32, checkpoint, false, null, 5, false);
        streamLog(events, stopSentiment, log -> {
            SentimentTraining.Result r = SentimentTraining.run(config, trainPart, validationPart, maxLength, glove, log);
            return Map.of("stopped", false, "evalAccuracy", r.lastValidationAccuracy(),
                    "predictions", predictions(config, checkpoint, trainPart, validationPart, maxLength, glove));
        });
    }

    /**
     * The first validation sentences with their true label and the trained model's prediction, logit and
     * error (|label − probability|): the trained weights come back from the run's last checkpoint.
     */
    private static List<Map<String, Object>> predictions(SentimentTraining.Config config, Path checkpoint,
            List<Sst2.Example> train, List<Sst2.Example> validation, int length, Glove glove) {
        SentimentTraining.Net model = SentimentTraining.newModel(config, train, validation, glove);
        Checkpoint.restore(checkpoint, model, null);
        List<Sst2.Example> shown = validation.subList(0, Math.min(PREDICTIONS_SHOWN, validation.size()));
        double[] p = SentimentTraining.predict(model, shown, length);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            double probability = p[i];
            rows.add(Map.of("sentence", String.join(" ", shown.get(i).tokens()), "label", shown.get(i).label(),
                    "predicted", probability > 0.5 ? 1 : 0, "probability", probability,
                    "logit", Math.log(probability / (1 - probability)),
                    "error", Math.abs(shown.get(i).label() - probability)));
        }
        return rows;
    }

    Object stopSentiment(Query q) {
        stopSentiment.set(true);
        return Map.of("stopping", true);
    }

    /** Runs a training whose log lines become progress events, then a done event; Stop ends it at its next line. */
    private static void streamLog(TrainingRuns.Events events, AtomicBoolean stop,
                                  java.util.function.Function<RunLog, Map<String, Object>> training) throws IOException {
        try (RunLog log = new RunLog(new PrintWriter(new LineEvents(events, stop), true), null)) {
            events.send("done", training.apply(log));
        } catch (Stopped e) {
            events.send("done", Map.of("stopped", true));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof UiServer.ClientGone gone) {
                throw gone;
            }
            throw e;
        }
    }

    Object stopMnist(Query q) {
        stopMnist.set(true);
        return Map.of("stopping", true);
    }

    /**
     * The first convolution's feature maps (after its ReLU, as LeNet computes them) for test image
     * {@code image}: from the last finished run's weights, else from a fresh LeNet's initial ones.
     */
    Object features(Query q) {
        Mnist test = Mnist.load(dataDir, Mnist.Split.TEST);
        int i = q.integer("image", 0, 0, test.count() - 1);
        // float32, as the page trains it: a checkpoint restores only into a model of its own dtype
        LeNet model = new LeNet(new Random(1), Backend.SIMPLE, DType.FLOAT32, false, 0.25);
        Path weights = lastCheckpoint;
        if (weights != null) {
            Checkpoint.restore(weights, model, null);
        }
        double[] x = new double[test.rows() * test.cols()];
        int[] p = pixels(test, i);
        for (int k = 0; k < x.length; k++) {
            x[k] = p[k] / 255.0;
        }
        Tensor input = Tensor.of(Backend.SIMPLE, DType.FLOAT32, x, 1, 1, test.rows(), test.cols());
        Tensor maps;
        try (var _ = Tensor.noGrad()) {
            maps = ((Conv2d) model.module("conv1")).forward(input).relu();
        }
        int channels = maps.shape(1);
        int h = maps.shape(2);
        int w = maps.shape(3);
        double[] all = maps.toDoubleArray();
        List<double[]> out = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double[] m = new double[h * w];
            System.arraycopy(all, c * h * w, m, 0, h * w);
            out.add(m);
        }
        return Map.of("image", i, "label", test.label(i), "trained", weights != null, "rows", h, "cols", w,
                "maps", out);
    }

    Object sentimentSamples(Query q) {
        int count = q.integer("count", 10, 1, 100);
        List<Sst2.Example> train;
        try {
            train = Sst2.train(dataDir);
        } catch (DataFileException e) {
            return Map.of("missing", e.getMessage());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Sst2.Example e : train.subList(0, Math.min(count, train.size()))) {
            rows.add(Map.of("sentence", String.join(" ", e.tokens()), "label", e.label()));
        }
        return Map.of("sentences", rows, "total", train.size());
    }

    /** Stops a run from inside its log: thrown by the next progress line after Stop. */
    private static final class Stopped extends RuntimeException {
        Stopped() { super("stopped", null, false, false); }
    }

    /** Turns each line MnistTraining logs into an event, with the numbers read from it when it has them. */
    private static final class LineEvents extends Writer {
        private final TrainingRuns.Events events;
        private final AtomicBoolean stop;
        private final StringBuilder line = new StringBuilder();

        LineEvents(TrainingRuns.Events events, AtomicBoolean stop) {
            this.events = events;
            this.stop = stop;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    emit(line.toString().stripTrailing());
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }

        private void emit(String text) {
            if (stop.get()) {
                throw new Stopped();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("line", text);
            Matcher m = BATCH.matcher(text);
            if (m.find()) {
                int epoch = Integer.parseInt(m.group(1));
                data.put("progress", epoch - 1 + Double.parseDouble(m.group(2)) / Double.parseDouble(m.group(3)));
                data.put("loss", Double.parseDouble(m.group(4)));
                data.put("trainAccuracy", Double.parseDouble(m.group(5)));
            }
            Matcher e = MNIST_EPOCH.matcher(text);
            if (e.find()) {
                data.put("progress", Double.parseDouble(e.group(1)));
                data.put("loss", Double.parseDouble(e.group(2)));
                data.put("trainAccuracy", Double.parseDouble(e.group(3)));
                data.put("evalAccuracy", Double.parseDouble(e.group(4)));
            }
            Matcher se = SENTIMENT_EPOCH.matcher(text);
            if (se.find()) {
                data.put("epoch", Integer.parseInt(se.group(1)));
                data.put("trainAccuracy", Double.parseDouble(se.group(3)));
            }
            Matcher v = VALIDATION.matcher(text);
            if (v.find()) {
                data.put("evalAccuracy", Double.parseDouble(v.group(1)));
            }
            try {
                events.send("progress", data);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
