package minitorch.ops.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import minitorch.layout.ElementType;
import minitorch.ops.BinaryOp;
import minitorch.ops.UnaryOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated kernels without a GPU: {@code emulate_cuda.h} turns CUDA C into host C++ (a
 * std::thread per CUDA thread, barriers for __syncthreads and warp shuffles), and g++ compiles the
 * prelude, every module body and the checks together. {@code emulate_main.cpp} checks map, zip
 * (broadcast, 5-D generic), both reduce strategies, batched/broadcast/transposed matmul and the
 * teaching kernels against plain loops; this class adds a check of every op's CUDA expression
 * against its Java definition, in both dtypes. What this cannot show: the real GPU's memory model,
 * warp scheduling, or speed. Skipped where g++ is missing.
 */
class EmulatedKernelsTest {
    private static final double[] SAMPLES = {-2.5, -1, -0.25, 0.5, 1, 1.005, 3};
    private static List<String> output;
    private static int exitCode;

    @BeforeAll
    static void compileAndRun(@TempDir Path dir) throws IOException, InterruptedException {
        StringBuilder source = new StringBuilder(resource("emulate_cuda.h")).append(CudaCodegen.PRELUDE);
        CudaCodegen.allModules().forEach(m -> source.append(m.body()));
        source.append(resource("emulate_main.cpp")).append(opChecks());
        Path cpp = Files.writeString(dir.resolve("emulated.cpp"), source);
        Path binary = dir.resolve("emulated");
        Process gxx;
        try {
            gxx = new ProcessBuilder("g++", "-std=c++20", "-O0", "-pthread", "-w", cpp.toString(), "-o", binary.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noCompiler) {
            assumeTrue(false, "g++ not found: the generated kernels are not emulated in this run");
            return;
        }
        String log = new String(gxx.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gxx.waitFor(300, TimeUnit.SECONDS) && gxx.exitValue() == 0, "g++ failed:\n" + log);
        Process run = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
        output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the emulation finished");
        exitCode = run.exitValue();
    }

    @Test
    void kernelsMatchPlainLoops() {
        List<String> checks = output.stream().filter(l -> l.startsWith("ok ") || l.startsWith("FAIL ")).toList();
        assertEquals(15, checks.size(), String.join("\n", output));
        assertTrue(checks.stream().allMatch(l -> l.startsWith("ok ")), String.join("\n", checks));
        assertEquals(0, exitCode, String.join("\n", output));
    }

    /** Lines "op <kernel> <x> [<y>] <result>" printed by the generated opChecks(). */
    @Test
    void everyOpsCudaExpressionMatchesItsJavaDefinition() {
        int seen = 0;
        for (String line : output) {
            if (!line.startsWith("op ")) {
                continue;
            }
            seen++;
            String[] f = line.split(" ");
            String kernel = f[1];
            boolean f32 = kernel.contains("_f32_");
            double got = parse(f[f.length - 1]);
            double expected;
            if (kernel.startsWith("map_")) {
                UnaryOp op = UnaryOp.valueOf(kernel.substring(4, kernel.indexOf(f32 ? "_f32_" : "_f64_")).toUpperCase(Locale.ROOT));
                double x = parse(f[2]);
                expected = op.apply(x);
            } else {
                BinaryOp op = BinaryOp.valueOf(kernel.substring(4, kernel.indexOf(f32 ? "_f32_" : "_f64_")).toUpperCase(Locale.ROOT));
                expected = op.apply(parse(f[2]), parse(f[3]));
            }
            if (f32) {
                expected = (float) expected;
            }
            double tolerance = (f32 ? 2e-6 : 1e-13) * Math.max(1, Math.abs(expected));
            assertTrue(got == expected || Math.abs(got - expected) <= tolerance
                    || (Double.isNaN(got) && Double.isNaN(expected)), line + " but Java gives " + expected);
        }
        int perDtype = UnaryOp.values().length * SAMPLES.length + BinaryOp.values().length * SAMPLES.length * SAMPLES.length;
        assertEquals(2 * perDtype, seen, "one line per op, dtype and sample");
    }

    /** C++ that runs each op's flat kernel on the samples (inputs rounded to the dtype) and prints the results. */
    private static String opChecks() {
        StringBuilder c = new StringBuilder("\nstatic void opChecks() {\n");
        for (ElementType dtype : ElementType.values()) {
            String t = CudaCodegen.cType(dtype);
            int n = SAMPLES.length;
            c.append("    {\n        std::vector<").append(t).append("> xs = {");
            for (int i = 0; i < n; i++) {
                c.append(i == 0 ? "" : ", ").append("(").append(t).append(")").append(SAMPLES[i]);
            }
            c.append("};\n        std::vector<").append(t).append("> as, bs;\n")
                    .append("        for (auto x : xs) for (auto y : xs) { as.push_back(x); bs.push_back(y); }\n")
                    .append("        std::vector<").append(t).append("> out(as.size());\n");
            for (UnaryOp op : UnaryOp.values()) {
                String module = CudaCodegen.mapModule(op, dtype);
                c.append("        launch({1}, {32}, [&] { ").append(module).append("::").append(module)
                        .append("_flat(out.data(), xs.data(), ").append(n).append("); });\n")
                        .append("        for (int i = 0; i < ").append(n).append("; ++i) std::printf(\"op ")
                        .append(module).append("_flat %.17g %.17g\\n\", (double)xs[i], (double)out[i]);\n");
            }
            for (BinaryOp op : BinaryOp.values()) {
                String module = CudaCodegen.zipModule(op, dtype);
                c.append("        launch({1}, {64}, [&] { ").append(module).append("::").append(module)
                        .append("_flat(out.data(), as.data(), bs.data(), (unsigned)as.size()); });\n")
                        .append("        for (size_t i = 0; i < as.size(); ++i) std::printf(\"op ").append(module)
                        .append("_flat %.17g %.17g %.17g\\n\", (double)as[i], (double)bs[i], (double)out[i]);\n");
            }
            c.append("    }\n");
        }
        return c.append("}\n\nint main() {\n    int failures = runKernelChecks();\n    opChecks();\n")
                .append("    return failures == 0 ? 0 : 1;\n}\n").toString();
    }

    /** printf's %g, including "nan", "-nan", "inf", "-inf". */
    private static double parse(String text) {
        return switch (text.replace("-nan", "nan")) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EmulatedKernelsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
