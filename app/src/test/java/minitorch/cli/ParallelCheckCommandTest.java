package minitorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import minitorch.ops.fast.FastOps;
import org.junit.jupiter.api.Test;

/** {@code minitorch parallel-check}: the original's four cases and the larger ones, each with its path and threads. */
class ParallelCheckCommandTest {
    @Test
    void printsEveryKernelsPathAndThreads() {
        int saved = FastOps.threads();
        try {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "parallel-check", "--threads", "1");
            assertEquals(0, code, err.toString());
            String text = out.toString();
            for (String heading : new String[] {"MAP", "ZIP", "REDUCE", "MATRIX MULTIPLY"}) {
                assertTrue(text.contains("\n" + heading + "\n"), text);
            }
            assertTrue(text.contains("map ID float64 [10] contiguous-simd threads=1"), text);
            assertTrue(text.contains("zip ADD float64 [1000, 1000] rows-simd threads=1"), text);
            assertTrue(text.contains("matmul MATMUL float32 [1, 512, 512] packed-simd threads=1"), text);
            assertFalse(text.contains("threads=2"), "--threads 1 keeps every kernel on one thread:\n" + text);
        } finally {
            FastOps.setThreads(saved);
        }
    }

    @Test
    void rejectsZeroThreads() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "parallel-check", "--threads", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--threads must be at least 1, got 0"), err.toString());
    }
}
