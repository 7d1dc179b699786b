package minitorch.networks;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.data.Glove;
import minitorch.data.Mnist;
import minitorch.data.Sst2;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training programs on tiny synthetic data: loss goes down, checkpoints round-trip and resume. */
class TrainingTest {
    @TempDir Path dir;

    /** Digits 0-2 drawn as a bright bar in a label-dependent place, with noise. */
    static Mnist syntheticDigits(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            labels[i] = (byte) label;
            for (int p = 0; p < 784; p++) {
                int row = p / 28, col = p % 28;
                boolean ink = label == 0 ? row >= 4 && row < 10 : label == 1 ? col >= 18 && col < 24 : row >= 18 && row < 24;
                pixels[i * 784 + p] = (byte) (ink ? 200 + r.nextInt(56) : r.nextInt(40));
            }
        }
        return new Mnist(pixels, labels, n, 28, 28);
    }

    RunLog quietLog(StringWriter screen) { return new RunLog(new PrintWriter(screen), dir.resolve("run.log")); }

    @Test
    void mnistLossDecreasesAndCheckpointResumes() throws IOException {
        Mnist train = syntheticDigits(96, 1), test = syntheticDigits(48, 2);
        Path ckpt = dir.resolve("ckpt/mnist.safetensors");
        Path plot = dir.resolve("curves.png");
        MnistTraining.Config config = new MnistTraining.Config(false, 3, 0.005, 16, 7, Backend.FAST, DType.FLOAT32,
                ckpt, false, plot, 2, true);
        StringWriter screen = new StringWriter();
        MnistTraining.Result result;
        List<Double> losses = new ArrayList<>();
        try (RunLog log = quietLog(screen)) {
            result = MnistTraining.run(config, train, test, log);
        }
        for (String line : screen.toString().split("\\R")) {
            if (line.startsWith("Epoch ")) {
                losses.add(Double.parseDouble(line.split(" ")[3]));
            }
        }
        assertEquals(3, losses.size(), screen.toString());
        assertTrue(losses.get(2) < losses.get(0), "loss should decrease: " + losses);
        assertTrue(result.lastEvalAccuracy() > 60, "3 easy classes: " + result.lastEvalAccuracy());
        assertTrue(Files.size(plot) > 1000, "a PNG was written");
        assertTrue(Files.readString(dir.resolve("run.log")).contains("Epoch 3 loss"), "the log file has the screen's lines");

        // the checkpoint holds the trained weights ...
        LeNet fresh = new LeNet(new Random(99), Backend.FAST, DType.FLOAT32, false, 0.25, true);
        var meta = Checkpoint.restore(ckpt, fresh, null);
        assertEquals("3", meta.get("epoch"));
        fresh.eval();
        int correct;
        try (var g = Tensor.noGrad()) {
            correct = MnistTraining.evaluate(fresh, test, test.count(), 1.0 / 255, config);
        }
        assertEquals(result.lastEvalAccuracy(), 100.0 * correct / test.count(), 1e-9, "restored model scores the same");

        // ... and a resumed run continues after epoch 3
        StringWriter resumed = new StringWriter();
        try (RunLog log = quietLog(resumed)) {
            MnistTraining.Result more = MnistTraining.run(new MnistTraining.Config(false, 4, 0.005, 16, 7, Backend.FAST,
                    DType.FLOAT32, ckpt, true, null, 0, true), train, test, log);
            assertEquals(1, more.epochsRun());
        }
        assertTrue(resumed.toString().contains("Resumed from " + ckpt + " after epoch 3"), resumed.toString());
        assertTrue(resumed.toString().contains("Epoch 4 loss"), resumed.toString());
    }

    @Test
    void mnistReferenceModeLogsOutOf16() {
        Mnist train = syntheticDigits(40, 3), validation = syntheticDigits(16, 4);
        StringWriter screen = new StringWriter();
        try (RunLog log = quietLog(screen)) {
            MnistTraining.run(new MnistTraining.Config(true, 1, 0.01, 16, 1, Backend.FAST, DType.FLOAT32, null, false,
                    null, 0, false), train, validation, log);
        }
        // 40 images, batch 16: the original skips the last (partial) batch, so batches 0 and 1; a report at batch 0
        assertTrue(screen.toString().matches("(?s).*Epoch 1 loss \\d+\\.\\d+ valid acc \\d+/16.*"), screen.toString());
        assertTrue(screen.toString().contains("2 batches per epoch"), screen.toString());
    }

    @Test
    void sentimentLossDecreases() throws IOException {
        Path gloveFile = dir.resolve("glove.txt");
        StringBuilder vectors = new StringBuilder();
        Random r = new Random(5);
        String[] words = {"good", "great", "bad", "awful", "the", "film", "is", "a"};
        for (String w : words) {
            vectors.append(w);
            for (int i = 0; i < 50; i++) {
                vectors.append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", r.nextGaussian() * 0.5));
            }
            vectors.append('\n');
        }
        Files.writeString(gloveFile, vectors, StandardCharsets.UTF_8);
        Glove glove = Glove.load(gloveFile, 1);
        List<Sst2.Example> data = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean positive = i % 2 == 0;
            String adjective = positive ? (i % 4 == 0 ? "good" : "great") : (i % 4 == 1 ? "bad" : "awful");
            List<String> tokens = new ArrayList<>(List.of("the", "film", "is", "a"));
            tokens.add(i % 3, adjective);
            if (i % 5 == 0) {
                tokens.add("unseen");
            }
            data.add(new Sst2.Example(tokens, positive ? 1 : 0));
        }
        StringWriter screen = new StringWriter();
        SentimentTraining.Result result;
        try (RunLog log = quietLog(screen)) {
            result = SentimentTraining.run(new SentimentTraining.Config(false, 4, 0.01, 10, 3, Backend.FAST, DType.FLOAT32,
                    dir.resolve("s.safetensors"), false, null, 0, true), data.subList(0, 40), data.subList(40, 60), 8, glove, log);
        }
        List<Double> losses = new ArrayList<>();
        for (String line : screen.toString().split("\\R")) {
            if (line.startsWith("Epoch ")) {
                losses.add(Double.parseDouble(line.split(" ")[3].replace(",", "")));
            }
        }
        assertTrue(screen.toString().contains("missing pre-trained embedding for 1 unknown words"), screen.toString());
        assertEquals(4, losses.size(), screen.toString());
        assertTrue(losses.get(3) < losses.get(0), "loss should decrease: " + losses);
        assertTrue(result.bestValidationAccuracy() >= 80, screen.toString());
        assertTrue(Files.exists(dir.resolve("s.safetensors")));

        // the last checkpoint's model predicts the validation sentences as the last epoch's evaluation counted them
        SentimentTraining.Config again = new SentimentTraining.Config(false, 4, 0.01, 10, 3, Backend.FAST, DType.FLOAT32,
                null, false, null, 0, true);
        SentimentTraining.Net model = SentimentTraining.newModel(again, data.subList(0, 40), data.subList(40, 60), glove);
        Checkpoint.restore(dir.resolve("s.safetensors"), model, null);
        double[] p = SentimentTraining.predict(model, data.subList(40, 60), 8);
        assertEquals(20, p.length);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i] >= 0 && p[i] <= 1, "a probability: " + p[i]);
            if ((p[i] > 0.5) == (data.get(40 + i).label() == 1)) right++;
        }
        assertEquals(result.lastValidationAccuracy(), 100.0 * right / 20, 1e-9, screen.toString());
    }

    @Test
    void heldGraphsDoNotLeakAcrossBatches() {
        // After a step, the only tensors reachable from the model are its parameters (fresh leaves, no history).
        LeNet model = new LeNet(new Random(1), Backend.FAST, DType.FLOAT32, false, 0.25);
        minitorch.optim.Adam adam = new minitorch.optim.Adam(model.parameters(), 0.01);
        Mnist data = syntheticDigits(8, 1);
        MnistTraining.Config c = new MnistTraining.Config(false, 1, 0.01, 8, 1, Backend.FAST, DType.FLOAT32, null, false, null, 0, false);
        Tensor out = model.forward(MnistTraining.images(data, MnistTraining.order(8, null), 0, 8, 1.0 / 255, c), new Random(1));
        MnistTraining.loss(out, MnistTraining.labels(data, MnistTraining.order(8, null), 0, 8)).backward();
        adam.step();
        for (Parameter<?> p : model.parameters()) {
            Tensor t = (Tensor) p.value();
            assertTrue(t.isLeaf(), "parameters are leaves after a step");
            assertNull(t.grad(), "and hold no gradient (so no graph) after a step");
        }
    }
}
