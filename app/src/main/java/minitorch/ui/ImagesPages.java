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
import minitorch.data.Mnist;
import minitorch.data.Sst2;
import minitorch.networks.Checkpoint;
import minitorch.networks.LeNet;
import minitorch.networks.MnistTraining;
import minitorch.networks.RunLog;
import minitorch.nn.Conv2d;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * Module 4's pages: MNIST samples, a LeNet trained live by the same {@link MnistTraining} that
 * {@code minitorch mnist} runs (its progress lines become events), the first convolution's feature maps,
 * and SST-2 sentences. The data directory is {@code --data}, else {@code $MINITORCH_DATA}; a missing file
 * is a 400 whose message names it and where it was looked for.
 */
final class ImagesPages {
    private static final Pattern BATCH = Pattern.compile(
            "epoch (\\d+) batch (\\d+)/(\\d+) loss ([\\d.]+) train acc ([\\d.]+)%");
    private static final Pattern EPOCH = Pattern.compile(
            "^Epoch (\\d+) loss ([\\d.]+) train acc ([\\d.]+)% test acc ([\\d.]+)%");

    private final Path dataDir;
    private final AtomicBoolean stopMnist = new AtomicBoolean();
    private volatile Path lastCheckpoint;

    ImagesPages(Path dataDir) { this.dataDir = dataDir; }

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
        Writer lines = new LineEvents(events, stopMnist);
        try (RunLog log = new RunLog(new PrintWriter(lines, true), null)) {
            MnistTraining.Result r = MnistTraining.run(config, train, test, log);
            lastCheckpoint = checkpoint;
            events.send("done", Map.of("stopped", false, "testAccuracy", r.lastEvalAccuracy()));
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
        LeNet model = new LeNet(new Random(1), Backend.SIMPLE, DType.FLOAT64, false, 0.25);
        Path weights = lastCheckpoint;
        if (weights != null) {
            Checkpoint.restore(weights, model, null);
        }
        double[] x = new double[test.rows() * test.cols()];
        int[] p = pixels(test, i);
        for (int k = 0; k < x.length; k++) {
            x[k] = p[k] / 255.0;
        }
        Tensor input = Tensor.of(Backend.SIMPLE, DType.FLOAT64, x, 1, 1, test.rows(), test.cols());
        Tensor maps;
        try (var g = Tensor.noGrad()) {
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
            Matcher e = EPOCH.matcher(text);
            if (e.find()) {
                data.put("progress", Double.parseDouble(e.group(1)));
                data.put("loss", Double.parseDouble(e.group(2)));
                data.put("trainAccuracy", Double.parseDouble(e.group(3)));
                data.put("testAccuracy", Double.parseDouble(e.group(4)));
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
