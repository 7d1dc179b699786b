package minitorch.ops.fast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Generates the float64 kernels from their float32 templates: {@code FloatElementwise -> DoubleElementwise},
 * {@code FloatMatmul -> DoubleMatmul}. The transformation is a word swap (Float -> Double, float -> double)
 * plus the header line. Run from the core module directory after editing a template:
 * {@code java core/src/test/java/minitorch/ops/fast/KernelGenerator.java core} (or via its main from the IDE);
 * {@link KernelGeneratorTest} fails while a generated file is out of date.
 */
public final class KernelGenerator {
    static final List<String> TEMPLATES = List.of("FloatElementwise", "FloatMatmul", "FloatConvolution");
    static final String SOURCE_DIR = "src/main/java/minitorch/ops/fast";

    private KernelGenerator() {}

    static String generatedName(String template) { return template.replace("Float", "Double"); }

    static String generate(String template, String text) {
        return text.lines().map(line -> line.startsWith("// TEMPLATE:")
                        ? "// GENERATED from " + template + ".java by KernelGenerator: edit the template, not this file."
                        : line.replace("Float", "Double").replace("float", "double"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        for (String template : TEMPLATES) {
            Path dir = module.resolve(SOURCE_DIR);
            String text = Files.readString(dir.resolve(template + ".java"));
            Files.writeString(dir.resolve(generatedName(template) + ".java"), generate(template, text));
            System.out.println("wrote " + dir.resolve(generatedName(template) + ".java"));
        }
    }
}
