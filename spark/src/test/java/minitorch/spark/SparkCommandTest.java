package minitorch.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

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
    void aBadMasterIsAOneLineUsageError() {
        assertEquals(2, run("mnist", "--master", "yarn", "--epochs", "1"));
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("minitorch: ") && e.contains("unknown --master 'yarn'"), e);
    }

    @Test
    void badPartitionsAreAUsageError() {
        assertEquals(2, run("sentiment", "--partitions", "0"));
        assertTrue(err.toString().contains("--partitions must be positive, got 0"), err.toString());
    }

    @Test
    void anUnreachableMasterFailsWithOneLine() {
        // port 1 on the loopback: nothing listens there, so the connection is refused at once
        int code = run("mnist", "--master", "spark://127.0.0.1:1", "--epochs", "1", "--log", "target/unreachable.log",
                "--checkpoint", "target/unreachable.safetensors", "--data", "target/no-such-data");
        String e = err.toString().strip();
        assertEquals(1, code, e);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("minitorch: "), e);
    }
}
