package minitorch.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import minitorch.data.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minitorch spark}'s command line: its options on the app's commands, and one-line errors. */
class SparkCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SparkCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void mnistHelpHasTheAppsFlagsAndSparksOwn() {
        assertEquals(0, run("mnist", "--help"));
        String help = out.toString();
        for (String flag : new String[] {"--epochs", "--batch", "--checkpoint", "--plot", "--master", "--partitions"}) {
            assertTrue(help.contains(flag), flag + " in:\n" + help);
        }
        assertTrue(help.contains("minitorch spark mnist"), help);
    }

    @Test
    void trainSpreadsTheFastModelOnly() {
        assertEquals(2, run("train", "--model", "scalar", "--master", "local[2]"));
        assertTrue(err.toString().contains("only the fast model trains in batches to spread"), err.toString());
    }

    @Test
    void trainOnLocalTwoPrintsTheOriginalsLogLines() {
        assertEquals(0, run("train", "--dataset", "simple", "--pts", "20", "--epochs", "2", "--master", "local[2]"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("each batch in 2 shards"), o);
        assertTrue(o.contains("Epoch  2  loss  ") && o.contains("Done Simple: "), o);
    }

    @Test
    void aBadMasterIsAOneLineUsageError() {
        assertEquals(2, run("mnist", "--master", "yarn", "--epochs", "1"));
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("minitorch: unknown --master 'yarn': expected local"), e);
    }

    @Test
    void badPartitionsAreAUsageError() {
        assertEquals(2, run("sentiment", "--partitions", "0"));
        assertTrue(err.toString().contains("--partitions must be positive, got 0"), err.toString());
    }

    /** Writes a gzipped IDX file: the magic number, the dimensions, then the bytes. */
    private static void idx(Path file, int magic, int[] dims, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        try (var out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    @Test
    void anUnreachableMasterFailsWithOneLine(@TempDir Path dir) throws IOException {
        for (Mnist.Split split : Mnist.Split.values()) { // two blank images per split: the data loads, Spark is next
            idx(dir.resolve(split.imagesFile()), Mnist.IMAGE_MAGIC, new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
            idx(dir.resolve(split.labelsFile()), Mnist.LABEL_MAGIC, new int[] {2}, new byte[] {3, 7});
        }
        // port 1 on the loopback: nothing listens there, so the connection is refused at once
        int code = run("mnist", "--master", "spark://127.0.0.1:1", "--epochs", "1", "--log", dir + "/run.log",
                "--checkpoint", dir + "/run.safetensors", "--data", dir.toString());
        String e = err.toString().strip();
        assertEquals(1, code, e);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("minitorch: cannot reach Spark master spark://127.0.0.1:1"), e);
    }
}
