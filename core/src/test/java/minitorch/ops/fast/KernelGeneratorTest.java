package minitorch.ops.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import minitorch.ops.BinaryOp;
import minitorch.ops.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The committed per-op loops are what the generator makes of the op tables, and the float64 kernels
 * what it makes of the float32 templates.
 */
class KernelGeneratorTest {
    private static final String RUN = ": run KernelGenerator (its Javadoc has the two commands)";

    @Test
    void perOpLoopsAreUpToDate() throws IOException {
        Path file = Path.of(KernelGenerator.SOURCE_DIR).resolve(KernelGenerator.LOOPS_TEMPLATE + ".java");
        String text = Files.readString(file);
        assertEquals(KernelGenerator.withLoops(text), text,
                "the per-op loops in " + KernelGenerator.LOOPS_TEMPLATE + ".java are stale" + RUN);
    }

    @Test
    void everyOpHasItsOwnLoopMethod() {
        String loops = KernelGenerator.loops();
        for (UnaryOp op : UnaryOp.values()) {
            assertTrue(loops.contains("private static int " + KernelGenerator.method(op) + "(float[] in,"), op.name());
        }
        for (BinaryOp op : BinaryOp.values()) {
            assertTrue(loops.contains("private static int " + KernelGenerator.method(op) + "(float[] a,"), op.name());
        }
        assertEquals("reluBackLoop", KernelGenerator.method(BinaryOp.RELU_BACK));
    }

    @Test
    void generatedKernelsAreUpToDate() throws IOException {
        Path dir = Path.of(KernelGenerator.SOURCE_DIR);
        for (String template : KernelGenerator.TEMPLATES) {
            String expected = KernelGenerator.generate(template, Files.readString(dir.resolve(template + ".java")));
            String actual = Files.readString(dir.resolve(KernelGenerator.generatedName(template) + ".java"));
            assertEquals(expected, actual, KernelGenerator.generatedName(template)
                    + ".java is stale (after editing " + template + ".java)" + RUN);
        }
    }
}
