package minitorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the numbers were measured on: CPU, cores, JDK, SIMD width, and the machine's load. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = "unknown CPU", isa = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && cpu.startsWith("unknown")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && isa.isEmpty()) {
                    String flags = " " + line.substring(line.indexOf(':') + 1) + " ";
                    isa = flags.contains(" avx512f ") ? " (AVX-512)" : flags.contains(" avx2 ") ? " (AVX2, no AVX-512)" : "";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: leave it unknown
        }
        cpu += isa;
        String vector;
        try {
            vector = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors";
        } catch (Throwable e) {
            vector = "Vector API unavailable";
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s %s (%s), %s, %s", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), vector,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
