package minitorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import minitorch.backend.Backend;
import minitorch.io.SafeTensors;
import minitorch.layout.TensorData;
import minitorch.networks.Checkpoint;
import minitorch.networks.LeNet;
import minitorch.ops.fast.FastOps;
import minitorch.tensor.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's bad-input catalogue: every flag out of range, unknown names, missing data and
 * checkpoints of another model or dtype given to --resume. Each ends with the documented exit code
 * (2: a usage error picocli or the command found before running; 1: a failure while running) and one
 * line on stderr that starts with "minitorch: " and names the flag or file and the value, never a stack trace.
 */
class CliBadInputsTest {
    @TempDir static Path dir;

    /** One catalogue entry: the arguments, the exit code, and what the one line must name. */
    record Case(String name, int code, List<String> args, String... mustName) {}

    private final int savedThreads = FastOps.threads();

    @AfterEach
    void restoreThreads() { FastOps.setThreads(savedThreads); }

    @TestFactory
    Stream<DynamicTest> catalogue() throws IOException {
        Path data = tinyMnist(dir.resolve("data"));
        String log = dir.resolve("run.log").toString();
        Path otherModel = dir.resolve("other-model.safetensors");
        SequencedTensors.write(otherModel);
        Path float64 = dir.resolve("float64.safetensors");
        Checkpoint.save(float64, new LeNet(new Random(1), Backend.SIMPLE, DType.FLOAT64, false, 0.25, true), null, Map.of("epoch", "1"));
        Path badEpoch = dir.resolve("bad-epoch.safetensors");
        Checkpoint.save(badEpoch, new LeNet(new Random(1), Backend.SIMPLE, DType.FLOAT32, false, 0.25, true), null, Map.of("epoch", "one"));
        Path notSafetensors = Files.writeString(dir.resolve("notes.safetensors"), "hello");

        List<Case> cases = new ArrayList<>();
        // train: picocli and TrainCommand's own checks are usage errors (2)
        cases.add(new Case("train --pts 0", 2, List.of("train", "--pts", "0"), "--pts", "0"));
        cases.add(new Case("train --pts -5", 2, List.of("train", "--pts", "-5"), "--pts", "-5"));
        cases.add(new Case("train --pts abc", 2, List.of("train", "--pts", "abc"), "--pts", "abc"));
        cases.add(new Case("train --hidden 0", 2, List.of("train", "--hidden", "0"), "--hidden", "0"));
        cases.add(new Case("train --rate 0", 2, List.of("train", "--rate", "0"), "--rate", "0"));
        cases.add(new Case("train --rate -1", 2, List.of("train", "--rate", "-1"), "--rate", "-1"));
        cases.add(new Case("train --rate NaN", 2, List.of("train", "--rate", "NaN"), "--rate", "NaN"));
        cases.add(new Case("train --rate Infinity", 2, List.of("train", "--rate", "Infinity"), "--rate", "Infinity"));
        cases.add(new Case("train --epochs 0", 2, List.of("train", "--epochs", "0"), "--epochs", "0"));
        cases.add(new Case("train --plot to a .txt", 2, List.of("train", "--plot", dir.resolve("x.txt").toString()), "--plot", "x.txt"));
        cases.add(new Case("train --dataset unknown", 2, List.of("train", "--dataset", "spirals"), "spirals"));
        cases.add(new Case("train --model unknown", 2, List.of("train", "--model", "huge"), "model", "huge"));
        cases.add(new Case("train --backend on the scalar model", 2, List.of("train", "--model", "scalar", "--backend", "fast"), "--backend", "scalar"));
        cases.add(new Case("train --backend unknown", 2, List.of("train", "--model", "tensor", "--backend", "tpu"), "tpu"));
        cases.add(new Case("train --seed abc", 2, List.of("train", "--seed", "abc"), "--seed", "abc"));
        cases.add(new Case("train with an unknown flag", 2, List.of("train", "--speed", "3"), "--speed"));
        cases.add(new Case("an unknown command", 2, List.of("trian"), "trian"));
        cases.add(new Case("parallel-check --threads 0", 2, List.of("parallel-check", "--threads", "0"), "--threads", "0"));
        // mnist and sentiment: checked when the command runs (1)
        for (String command : List.of("mnist", "sentiment")) {
            List<String> base = List.of(command, "--data", data.toString(), "--log", log);
            cases.add(new Case(command + " --epochs 0", 1, with(base, "--epochs", "0"), "--epochs", "0"));
            cases.add(new Case(command + " --batch 0", 1, with(base, "--batch", "0"), "--batch", "0"));
            cases.add(new Case(command + " --batch -3", 1, with(base, "--batch", "-3"), "--batch", "-3"));
            cases.add(new Case(command + " --rate 0", 1, with(base, "--rate", "0"), "--rate", "0"));
            cases.add(new Case(command + " --rate NaN", 1, with(base, "--rate", "NaN"), "--rate", "NaN"));
            cases.add(new Case(command + " --threads 0", 1, with(base, "--threads", "0"), "--threads", "0"));
            cases.add(new Case(command + " --threads -2", 1, with(base, "--threads", "-2"), "--threads", "-2"));
            cases.add(new Case(command + " --dtype float16", 1, with(base, "--dtype", "float16"), "dtype", "float16"));
            cases.add(new Case(command + " --backend tpu", 1, with(base, "--backend", "tpu"), "backend", "tpu"));
            cases.add(new Case(command + " --progress -1", 1, with(base, "--progress", "-1"), "--progress", "-1"));
            cases.add(new Case(command + " --epochs x", 2, with(base, "--epochs", "x"), "--epochs", "x"));
            cases.add(new Case(command + " --data without the files", 1,
                    List.of(command, "--data", dir.resolve("empty").toString(), "--log", log), "empty", "no such file"));
        }
        cases.add(new Case("mnist --pool median", 1, List.of("mnist", "--data", data.toString(), "--log", log, "--pool", "median"),
                "--pool", "median"));
        List<String> resume = List.of("mnist", "--data", data.toString(), "--log", log, "--epochs", "1", "--resume", "--checkpoint");
        cases.add(new Case("mnist --resume from a checkpoint of another model", 1, with(resume, otherModel.toString()),
                "other-model.safetensors", "another model"));
        cases.add(new Case("mnist --resume from a float64 checkpoint into float32", 1, with(resume, float64.toString()),
                "float64.safetensors", "float64", "float32", "--dtype"));
        cases.add(new Case("mnist --resume from a checkpoint with a bad epoch", 1, with(resume, badEpoch.toString()),
                "bad-epoch.safetensors", "epoch", "one"));
        cases.add(new Case("mnist --resume from a file that is not safetensors", 1, with(resume, notSafetensors.toString()),
                "notes.safetensors", "header"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    static void check(Case c) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), c.args().toArray(String[]::new));
        String line = err.toString().strip();
        assertEquals(c.code(), code, c.name() + ": exit code; stderr: " + line);
        assertEquals(1, line.lines().count(), c.name() + ": one line on stderr, got: " + line);
        assertTrue(line.startsWith("minitorch: "), c.name() + ": " + line);
        assertFalse(line.contains("\tat ") || line.contains("Exception") || line.contains("MINITORCH_DEBUG"),
                c.name() + ": an unexpected failure or a stack trace: " + line);
        for (String fragment : c.mustName()) {
            assertTrue(line.contains(fragment), c.name() + ": does not name '" + fragment + "': " + line);
        }
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    /** A checkpoint of some other model: one tensor that LeNet does not have. */
    private static final class SequencedTensors {
        static void write(Path file) {
            var tensors = new LinkedHashMap<String, TensorData>();
            tensors.put("encoder.weight", TensorData.zeros(DType.FLOAT32.elementType(), 2, 2));
            SafeTensors.write(file, tensors, Map.of("epoch", "3"));
        }
    }

    /** An MNIST directory of four training and two test images (28x28, gzip IDX), enough to reach --resume. */
    static Path tinyMnist(Path root) throws IOException {
        Path mnist = Files.createDirectories(root.resolve("mnist"));
        for (String prefix : List.of("train", "t10k")) {
            int count = prefix.equals("train") ? 4 : 2;
            Files.write(mnist.resolve(prefix + "-images-idx3-ubyte.gz"), idx(2051, new int[] {count, 28, 28}, count * 28 * 28));
            Files.write(mnist.resolve(prefix + "-labels-idx1-ubyte.gz"), idx(2049, new int[] {count}, count));
        }
        return root;
    }

    private static byte[] idx(int magic, int[] header, int bytes) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(raw)) {
            out.writeInt(magic);
            for (int h : header) {
                out.writeInt(h);
            }
            for (int i = 0; i < bytes; i++) {
                out.writeByte(i % 10);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gz.toByteArray();
    }
}
