package minitorch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A new JVM running one of the bench's classes with this JVM's java, class path and the flags the library
 * needs: the fresh processes of {@code bench --cold} and of {@code bench --threads 1,2}.
 */
final class FreshJvm {
    private FreshJvm() {}

    private static final String TRANSPARENT_HUGE_PAGES = "-XX:+UseTransparentHugePages";

    /**
     * The command line. With {@code aotCache}, the JVM maps the launcher's ahead-of-time cache and, with
     * AOTMode=on, refuses to start when the cache does not fit (rather than silently running without it).
     */
    static List<String> command(Path aotCache, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true"));
        // the launcher's huge-pages flag (set where the kernel offers them), so fresh JVMs run as this one does
        if (java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains(TRANSPARENT_HUGE_PAGES)) {
            cmd.add(TRANSPARENT_HUGE_PAGES);
        }
        if (aotCache != null) {
            cmd.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + aotCache, "-Dminitorch.aot.cache=" + aotCache));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs {@code cmd} to its end, handing each line it prints to {@code eachLine}, and returns all of it; a
     * non-zero exit is an exception quoting the last line printed. With {@code withStderr} its stderr is read
     * as part of its output, else it goes straight to this process's stderr.
     */
    static String run(List<String> cmd, boolean withStderr, Consumer<String> eachLine) {
        StringBuilder printed = new StringBuilder();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (withStderr) pb.redirectErrorStream(true);
            else pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    printed.append(line).append('\n');
                    eachLine.accept(line);
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                String[] lines = (printed.isEmpty() ? "(see its error output above)" : printed.toString().strip()).split("\\R");
                throw new IllegalStateException("a fresh JVM (" + main(cmd) + ") exited with " + code + ": " + lines[lines.length - 1]);
            }
            return printed.toString();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a fresh JVM (" + cmd.get(0) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a fresh JVM", e);
        }
    }

    private static String main(List<String> cmd) {
        int cp = cmd.indexOf("-cp");
        return cp >= 0 && cp + 2 < cmd.size() ? cmd.get(cp + 2) : cmd.get(0);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
