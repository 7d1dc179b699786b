package minitorch.ops.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed float64 kernels are exactly what the generator makes of the float32 templates. */
class KernelGeneratorTest {
    @Test
    void generatedKernelsAreUpToDate() throws IOException {
        Path dir = Path.of(KernelGenerator.SOURCE_DIR);
        for (String template : KernelGenerator.TEMPLATES) {
            String expected = KernelGenerator.generate(template, Files.readString(dir.resolve(template + ".java")));
            String actual = Files.readString(dir.resolve(KernelGenerator.generatedName(template) + ".java"));
            assertEquals(expected, actual, KernelGenerator.generatedName(template)
                    + ".java is stale: run KernelGenerator after editing " + template + ".java");
        }
    }
}
