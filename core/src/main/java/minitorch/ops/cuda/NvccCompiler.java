package minitorch.ops.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Compiles CUDA C by running {@code nvcc -cubin} as a subprocess (about a second per module). */
public final class NvccCompiler implements KernelCompiler {
    private static final long TIMEOUT_SECONDS = 300;

    private final String executable;
    private final String version;

    private NvccCompiler(String executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /** nvcc from $MINITORCH_NVCC, the PATH, or /usr/local/cuda/bin; empty when none runs. */
    public static Optional<NvccCompiler> find(List<String> tried) {
        List<String> candidates = new ArrayList<>();
        String env = NativeLibraries.env("MINITORCH_NVCC");
        if (env != null) {
            candidates.add(env);
        }
        candidates.add("nvcc");
        candidates.add("/usr/local/cuda/bin/nvcc");
        for (String candidate : candidates) {
            tried.add(candidate);
            try {
                Result result = run(List.of(candidate, "--version"), null);
                if (result.exitCode == 0) {
                    String last = result.output.strip().lines().reduce((a, b) -> b).orElse("unknown");
                    return Optional.of(new NvccCompiler(candidate, "nvcc " + last));
                }
            } catch (IOException notRunnable) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    /** Convenience for tests and tools: the nvcc that {@link #find} finds, if any. */
    public static Optional<NvccCompiler> find() {
        return find(new ArrayList<>());
    }

    @Override
    public String version() { return version; }

    @Override
    public byte[] compile(String source, String moduleName, String arch) {
        return run(source, moduleName, List.of("-cubin", "-arch=" + arch), ".cubin");
    }

    /**
     * PTX text for a virtual architecture ({@code compute_90}): the front end and NVVM only, no
     * ptxas, so faster than {@link #compile}; the tests check all generated kernels this way.
     */
    public String compilePtx(String source, String moduleName, String virtualArch) {
        return new String(run(source, moduleName, List.of("-ptx", "-arch=" + virtualArch), ".ptx"),
                StandardCharsets.UTF_8);
    }

    private byte[] run(String source, String moduleName, List<String> options, String extension) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("minitorch-nvcc");
            Path cu = dir.resolve(moduleName + ".cu");
            Path cubin = dir.resolve(moduleName + extension);
            Files.writeString(cu, source);
            List<String> command = new ArrayList<>(List.of(executable));
            command.addAll(options);
            command.addAll(List.of("-o", cubin.toString(), cu.toString()));
            Result result = run(command, dir);
            if (result.exitCode != 0 || !Files.isRegularFile(cubin)) {
                throw new KernelCompileException(moduleName, version, result.output);
            }
            return Files.readAllBytes(cubin);
        } catch (IOException e) {
            throw new CudaException("cuda: running " + executable + " for " + moduleName + " failed: " + e.getMessage());
        } finally {
            deleteQuietly(dir);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + command.getFirst());
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    @Override
    public String toString() { return version; }
}
