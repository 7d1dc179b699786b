package minitorch.ops.fast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import minitorch.ops.BinaryOp;
import minitorch.ops.UnaryOp;

/**
 * Generates the FAST backend's op-specific source, in two steps:
 * <ol>
 *   <li>the per-op SIMD loops of {@code FloatElementwise} (the region between its {@code // GENERATED}
 *       markers) from the one table of vector expressions, {@link UnaryOp#simd} and {@link BinaryOp#simd}:
 *       one small loop method per op, because C2 vectorises a loop well only when it sees one op (a loop
 *       shared by all ops, with a switch or a lambda inside, runs on boxed vectors or is recompiled as
 *       each new op arrives);</li>
 *   <li>the float64 kernels from their float32 templates: {@code FloatElementwise -> DoubleElementwise},
 *       {@code FloatMatmul -> DoubleMatmul}, {@code FloatConvolution -> DoubleConvolution}, by a word swap
 *       (Float -> Double, float -> double) plus the header line.</li>
 * </ol>
 * Run from the repository root after editing an op table or a template, with JDK 25 (the enums are
 * compiled on their own, as the module may not compile until its loops are regenerated):
 * <pre>{@code
 * javac -d /tmp/ops -sourcepath core/src/main/java core/src/main/java/minitorch/ops/*Op.java
 * java -cp /tmp/ops core/src/test/java/minitorch/ops/fast/KernelGenerator.java core
 * }</pre>
 * {@link KernelGeneratorTest} fails while a generated file or region is out of date.
 */
public final class KernelGenerator {
    static final List<String> TEMPLATES = List.of("FloatElementwise", "FloatMatmul", "FloatConvolution");
    static final String SOURCE_DIR = "src/main/java/minitorch/ops/fast";
    static final String LOOPS_TEMPLATE = "FloatElementwise";
    static final String BEGIN = "    // GENERATED per-op loops: KernelGenerator writes from here to the END line, from UnaryOp.simd and BinaryOp.simd.";
    static final String END = "    // END of the generated per-op loops.";

    private KernelGenerator() {}

    static String generatedName(String template) { return template.replace("Float", "Double"); }

    /**
     * One template line in float64 terms. The dtype names in comments ("float32", "float64") stay as written: they
     * name one dtype whichever class they sit in, as in a measurement of both; swapped, they told the twin's
     * reader float32's figures as its own.
     */
    static String twinLine(String line) {
        return line.replace("Float", "Double").replace("float", "double")
                .replace("double32", "float32").replace("double64", "float64");
    }

    static String generate(String template, String text) {
        return text.lines().map(line -> line.startsWith("// TEMPLATE:")
                        ? "// GENERATED from " + template + ".java by KernelGenerator: edit the template, not this file."
                        : twinLine(line))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code text} (FloatElementwise.java) with its generated region rewritten from the op tables. */
    static String withLoops(String text) {
        int begin = text.indexOf(BEGIN), end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(LOOPS_TEMPLATE + ".java lacks the lines\n" + BEGIN + "\n" + END);
        }
        return text.substring(0, begin) + BEGIN + "\n" + loops() + text.substring(end);
    }

    /** The dispatch switches and one loop method per op, in float32 terms. */
    static String loops() {
        StringBuilder s = new StringBuilder();
        s.append("\n    /** The SIMD part of mapDense: runs op's loop over whole vectors, returns where the scalar tail starts. */\n");
        s.append("    private static int mapLoop(UnaryOp op, float[] in, int pi, float[] out, int po, int n) {\n");
        s.append("        return switch (op) {\n");
        for (UnaryOp op : UnaryOp.values()) {
            s.append("            case ").append(op.name()).append(" -> ").append(method(op)).append("(in, pi, out, po, n);\n");
        }
        s.append("        };\n    }\n");
        for (UnaryOp op : UnaryOp.values()) {
            s.append("\n    private static int ").append(method(op)).append("(float[] in, int pi, float[] out, int po, int n) {\n");
            s.append(constants(op.simd));
            s.append("""
                            int i = 0;
                            for (int bound = S.loopBound(n); i < bound; i += L) {
                                FloatVector x = FloatVector.fromArray(S, in, pi + i);
                    """);
            s.append("            FloatVector r = ").append(expression(op.simd)).append(";\n            r.intoArray(out, po + i);\n");
            s.append("        }\n        return i;\n    }\n");
        }
        s.append("\n    /** The SIMD part of zipDense: runs op's loop over whole vectors, returns where the scalar tail starts. */\n");
        s.append("    private static int zipLoop(BinaryOp op, float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {\n");
        s.append("        return switch (op) {\n");
        for (BinaryOp op : BinaryOp.values()) {
            s.append("            case ").append(op.name()).append(" -> ").append(method(op))
                    .append("(a, pa, as, b, pb, bs, out, po, n);\n");
        }
        s.append("        };\n    }\n");
        for (BinaryOp op : BinaryOp.values()) {
            s.append("\n    private static int ").append(method(op))
                    .append("(float[] a, int pa, int as, float[] b, int pb, int bs, float[] out, int po, int n) {\n");
            s.append(constants(op.simd));
            s.append("""
                            FloatVector fixedA = FloatVector.broadcast(S, a[pa]), fixedB = FloatVector.broadcast(S, b[pb]);
                            int i = 0;
                            for (int bound = S.loopBound(n); i < bound; i += L) {
                                FloatVector x = as == 0 ? fixedA : FloatVector.fromArray(S, a, pa + i);
                                FloatVector y = bs == 0 ? fixedB : FloatVector.fromArray(S, b, pb + i);
                    """);
            s.append("            FloatVector r = ").append(expression(op.simd)).append(";\n            r.intoArray(out, po + i);\n");
            s.append("        }\n        return i;\n    }\n");
        }
        return s.append("\n").toString();
    }

    /** RELU_BACK -> reluBackLoop. */
    static String method(Enum<?> op) {
        StringBuilder s = new StringBuilder();
        for (String word : op.name().toLowerCase(Locale.ROOT).split("_")) {
            s.append(s.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return s.append("Loop").toString();
    }

    /** Declarations of the broadcast constants the expression uses, and only those. */
    private static String constants(String simd) {
        StringBuilder s = new StringBuilder();
        if (uses(simd, "zero")) s.append("        FloatVector zero = FloatVector.zero(S);\n");
        if (uses(simd, "one")) s.append("        FloatVector one = FloatVector.broadcast(S, 1);\n");
        if (uses(simd, "two")) s.append("        FloatVector two = FloatVector.broadcast(S, 2);\n");
        return s.toString();
    }

    private static boolean uses(String simd, String name) {
        return Pattern.compile("\\b" + name + "\\b").matcher(simd).find();
    }

    /** The table's expression in float32 terms (T is the element type). */
    private static String expression(String simd) {
        return simd.replaceAll("\\bT\\b", "float");
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".").resolve(SOURCE_DIR);
        Path loops = dir.resolve(LOOPS_TEMPLATE + ".java");
        Files.writeString(loops, withLoops(Files.readString(loops)));
        System.out.println("wrote the generated region of " + loops);
        for (String template : TEMPLATES) {
            String text = Files.readString(dir.resolve(template + ".java"));
            Files.writeString(dir.resolve(generatedName(template) + ".java"), generate(template, text));
            System.out.println("wrote " + dir.resolve(generatedName(template) + ".java"));
        }
    }
}
