package minitorch.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mnist and sentiment commands fail with one readable line on bad input (no training here). */
class NetworkCommandsTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void missingDataNamesTheFile() {
        Run r = run("mnist", "--data", dir.toString(), "--log", dir.resolve("m.log").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(dir.resolve("mnist/train-images-idx3-ubyte.gz").toString()), r.err());
        Run s = run("sentiment", "--data", dir.toString(), "--log", dir.resolve("s.log").toString());
        assertEquals(1, s.code());
        assertTrue(s.err().contains(dir.resolve("sst2/train.tsv").toString()), s.err());
    }

    @Test
    void threadsOptionSetsTheFastBackendAndIsChecked() {
        int saved = minitorch.ops.fast.FastOps.threads();
        try {
            Run r = run("mnist", "--threads", "1", "--data", dir.toString(), "--log", dir.resolve("m.log").toString());
            assertEquals(1, r.code(), "no data here, but the option was applied first");
            assertEquals(1, minitorch.ops.fast.FastOps.threads());
            Run bad = run("sentiment", "--threads", "0", "--data", dir.toString(), "--log", dir.resolve("s.log").toString());
            assertEquals(1, bad.code());
            assertEquals(1, bad.err().strip().lines().count(), bad.err());
            assertTrue(bad.err().contains("--threads must be positive, got 0"), bad.err());
        } finally {
            minitorch.ops.fast.FastOps.setThreads(saved);
        }
    }

    @Test
    void badOptionsAreOneLine() {
        Run r = run("mnist", "--data", dir.toString(), "--epochs", "0", "--log", dir.resolve("m.log").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--epochs must be positive, got 0"), r.err());
        Run d = run("sentiment", "--dtype", "float16", "--data", dir.toString(), "--log", dir.resolve("s.log").toString());
        assertTrue(d.err().contains("unknown dtype 'float16'"), d.err());
        Run p = run("mnist", "--pool", "median", "--data", dir.toString(), "--log", dir.resolve("m.log").toString());
        assertTrue(p.err().contains("unknown --pool 'median'"), p.err());
        assertTrue(run("mnist", "--help").out().contains("--reference"));
    }
}
