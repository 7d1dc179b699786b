package minitorch.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import minitorch.io.SafeTensors;
import minitorch.layout.TensorData;
import minitorch.nn.Linear;
import minitorch.optim.Adam;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint writer killed with SIGKILL in the middle of a write (a child JVM, {@link CheckpointWriterChild})
 * leaves the last complete checkpoint in place, and training resumes from it.
 */
class CheckpointCrashTest {
    @TempDir Path dir;

    /** Starts the child with this JVM's class path; returns it once it has printed {@code line}. */
    static Process childUntil(Path file, String mode, String line, List<String> seen) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CheckpointWriterChild.class.getName(), file.toString()));
        if (mode != null) {
            command.add(mode);
        }
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String l = out.readLine(); l != null; l = out.readLine()) {
            seen.add(l);
            if (l.equals(line)) {
                return child;
            }
        }
        throw new AssertionError("the child ended before printing '" + line + "': " + seen);
    }

    static void sigkill(Process child) throws InterruptedException {
        child.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hooks, no finally blocks
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by signal 9");
    }

    /**
     * Two kills: one while the child saves epoch after epoch (wherever the kill lands, the file is the
     * last complete save), then one certainly inside a write (the file stays byte for byte the same);
     * after each, training resumes from the file.
     */
    @Test
    void aKilledWriterLeavesTheLastCompleteCheckpointAndTrainingResumes() throws Exception {
        Path file = dir.resolve("run.safetensors");
        List<String> seen = new ArrayList<>();
        sigkill(childUntil(file, null, "saving 2", seen)); // epoch 2's save has begun: epoch 1 is complete
        assertTrue(seen.contains("saved 1"), String.valueOf(seen));
        int epoch = resumeAndStep(file);
        assertTrue(epoch == 1 || epoch == 2, "the last complete save (1, or 2 if it finished first), found " + epoch);

        byte[] good = Files.readAllBytes(file);
        deleteTemporaryFiles(); // the kill above may have landed inside a save
        sigkill(childUntil(file, "stall", "mid-write", new ArrayList<>())); // half a file is in a temporary file now
        assertArrayEquals(good, Files.readAllBytes(file), "the target is byte for byte the last complete checkpoint");
        assertEquals(epoch, resumeAndStep(file));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> leftovers = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(1, leftovers.size(), "the killed write's temporary file is left beside it, never renamed: " + leftovers);
        }
    }

    /** Restores model and Adam from {@code file}, checks them, takes one step; returns the saved epoch. */
    private static int resumeAndStep(Path file) {
        Linear model = CheckpointWriterChild.model();
        Adam adam = new Adam(model.parameters(), 0.01);
        int epoch = Integer.parseInt(Checkpoint.restore(file, model, adam).get("epoch"));
        assertEquals(epoch, adam.steps(), "Adam's state came back too");
        TensorData saved = SafeTensors.read(file).tensors().get("weights");
        assertArrayEquals(saved.toDoubleArray(), model.weight().value().toDoubleArray(), 0.0);
        double[] before = model.weight().value().toDoubleArray();
        Tensor x = Tensor.rand(new java.util.Random(2), model.weight().value().backend(), model.weight().value().dtype(), 4, 256);
        model.forward(x).mul(model.forward(x)).mean().backward();
        adam.step();
        assertFalse(java.util.Arrays.equals(before, model.weight().value().toDoubleArray()), "the resumed step moved the weights");
        return epoch;
    }

    private void deleteTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.delete(p);
            }
        }
    }
}
