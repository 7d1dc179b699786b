package minitorch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code minitorch kernels}: every row of TinyTorch's comparison table, with its check; bad flags in one line. */
class KernelsCommandTest {

    @Test
    void printsEveryKernelWithItsCheck() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "kernels", "--size", "40", "--elements", "3000",
                "--block", "8", "--workers", "2", "--warmups", "0", "--warmup-seconds", "0", "--repeats", "1");
        assertEquals(0, code, err.toString());
        String text = out.toString();
        for (String method : new String[] {"baseline (triple loop)", "cache-blocked (block 8)", "FAST backend",
                "quantized (quantize, int8·int8→int32, rescale)", "int8 kernel alone", "plain loop", "vectorized",
                "parallel (2 workers", "quantized (int8 relu"}) {
            assertTrue(text.contains(method), method + " missing:\n" + text);
        }
        assertTrue(text.contains("| matmul 40² |") && text.contains("| relu 3000 |"), text);
        assertFalse(text.contains("FAIL"), text);
        assertEquals(10, text.lines().filter(l -> l.startsWith("| matmul") || l.startsWith("| relu")).count(), text);
    }

    @Test
    void rejectsAZeroBlockInOneLine() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "kernels", "--block", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--block must be at least 1, got 0"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace");
    }
}
