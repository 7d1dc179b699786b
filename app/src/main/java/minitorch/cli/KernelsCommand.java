package minitorch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import minitorch.data.DataDirectory;
import minitorch.data.Mnist;
import minitorch.kernels.KernelComparison.Row;
import minitorch.kernels.KernelComparison.Settings;
import minitorch.kernels.KernelComparison;
import minitorch.networks.QuantizedLeNet;
import minitorch.ops.fast.FastOps;

/** {@code minitorch kernels}: TinyTorch's final kernel comparison, measured on this machine. */
@Command(name = "kernels",
        header = "Times the kernels lab: baseline, cache-blocked, FAST and int8 matmul; plain, SIMD, parallel and int8 relu.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = "TinyTorch's final_performance_test in Java (see docs/KERNELS.md): an n×n randn matmul and a relu"
            + " over randn elements, each kernel timed (median and fastest of --repeats single calls after a warm-up"
            + " until the JIT has compiled it), its speed-up over the baseline of its group, and a check of its result"
            + " against that baseline (quantized rows show their relative error instead).",
        footer = {"", "Examples:",
            "  minitorch kernels                       # 256² matmul, relu on 10,000 elements",
            "  minitorch kernels --size 512 --repeats 3"})
public final class KernelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "N", defaultValue = "256", description = "matmul size n (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--elements", paramLabel = "N", defaultValue = "10000", description = "relu elements (default: ${DEFAULT-VALUE})")
    int elements;

    @Option(names = "--block", paramLabel = "B", defaultValue = "32", description = "cache-blocked tile size (default: ${DEFAULT-VALUE})")
    int block;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "4", description = "parallel relu workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--threads", paramLabel = "T", description = "threads of the FAST backend (default: all processors)")
    Integer threads;

    @Option(names = "--warmups", defaultValue = "20", description = "at least this many untimed calls first (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--warmup-seconds", defaultValue = "3.0",
            description = "and untimed calls for at least this long, so that the JIT has compiled the kernel (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--repeats", defaultValue = "7", description = "timed calls; their median and fastest are shown (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--stat", defaultValue = "median",
            description = "median or best: which time the speed-ups use (on a loaded machine the fastest call is the least disturbed; default: ${DEFAULT-VALUE})")
    String stat;

    @Option(names = "--seed", defaultValue = "42", description = "random seed of the inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--output"}, description = "also write the table (Markdown) to this file")
    Path output;

    @Option(names = "--lenet", paramLabel = "CHECKPOINT",
            description = "also: accuracy on the 10,000 MNIST test images of this minitorch mnist checkpoint, in float32"
                    + " and with int8 weights (per output channel)")
    Path lenet;

    @Option(names = "--lenet-only", description = "with --lenet: skip the kernel table")
    boolean lenetOnly;

    @Option(names = "--pool", paramLabel = "KIND", defaultValue = "max",
            description = "--lenet: the checkpoint's 4x4 pooling, avg or max (default: ${DEFAULT-VALUE})")
    String pool;

    @Option(names = "--data", paramLabel = "DIR", description = "--lenet: data directory (default $MINITORCH_DATA, else ~/.minitorch/data)")
    Path data;

    @Override
    public Integer call() throws Exception {
        atLeast("--size", size, 1);
        atLeast("--elements", elements, 1);
        atLeast("--block", block, 1);
        atLeast("--workers", workers, 1);
        atLeast("--warmups", warmups, 0);
        atLeast("--repeats", repeats, 1);
        if (!stat.equals("median") && !stat.equals("best")) {
            throw new ParameterException(spec.commandLine(), "--stat: expected median or best, got '" + stat + "'");
        }
        if (!(warmupSeconds >= 0)) {
            throw new ParameterException(spec.commandLine(), "--warmup-seconds must be at least 0, got " + warmupSeconds);
        }
        if (!pool.equals("max") && !pool.equals("avg")) {
            throw new ParameterException(spec.commandLine(), "--pool: expected avg or max, got '" + pool + "'");
        }
        if (lenet != null && !Files.isRegularFile(lenet)) {
            throw new ParameterException(spec.commandLine(), "--lenet: no checkpoint file " + lenet);
        }
        if (threads != null) {
            if (threads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
            }
            FastOps.setThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder table = new StringBuilder();
        table.append("## minitorch kernels — ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n")
                .append(String.format(Locale.ROOT, "- machine: %d processors, %s %s, %d-bit vectors; load average before: %s%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                        System.getProperty("java.runtime.version"),
                        jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize(), loadAverage()))
                .append(String.format(Locale.ROOT, "- each time: median of %d calls after at least %d warm-up calls and %.1f s of them; seed %d%n%n",
                        repeats, warmups, warmupSeconds, seed));
        out.print(table);
        out.flush();
        if (!(lenetOnly && lenet != null)) {
            String header = "| kernel | method | dtype | median (µs) | best (µs) | speed-up (" + stat + ") | check |\n|---|---|---|---|---|---|---|\n";
            out.print(header);
            table.append(header);
            for (Row r : KernelComparison.run(new Settings(size, elements, block, workers, warmups, warmupSeconds, repeats, seed, stat.equals("best")))) {
                String line = String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f× | %s |%n", r.kernel(), r.method(),
                        r.dtype(), micros(r.micros()), micros(r.bestMicros()), r.speedup(), r.check());
                out.print(line);
                out.flush();
                table.append(line);
            }
        }
        if (lenet != null) {
            table.append(lenetTable(out));
        }
        String after = "\nload average after: " + loadAverage() + "\n";
        out.print(after);
        out.flush();
        if (output != null) {
            Files.writeString(output, table.append(after).toString());
        }
        return 0;
    }

    /** Float32 against int8 weights on the MNIST test set; prints and returns the table. */
    private String lenetTable(PrintWriter out) {
        out.println();
        out.println("LeNet on the 10,000 MNIST test images (" + lenet + ") ...");
        out.flush();
        Mnist test = Mnist.load(DataDirectory.resolve(data == null ? null : data.toString()), Mnist.Split.TEST);
        QuantizedLeNet.Report r = QuantizedLeNet.evaluate(lenet, test, pool.equals("max"));
        String text = String.format(Locale.ROOT, "%n| LeNet (%s) | weights | weight bytes | test accuracy |%n|---|---|---|---|%n"
                        + "| float32 | float32 | %,d | %.2f%% (%d/%d) |%n"
                        + "| int8 weights, one scale per output channel | int8 | %,d (%.2f× smaller) | %.2f%% (%d/%d) |%n",
                lenet.getFileName(), r.floatWeightBytes(), r.floatAccuracy(), r.floatCorrect(), r.images(),
                r.int8WeightBytes(), (double) r.floatWeightBytes() / r.int8WeightBytes(), r.int8Accuracy(), r.int8Correct(),
                r.images());
        out.print(text);
        out.flush();
        return text;
    }

    private void atLeast(String flag, int value, int least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), flag + " must be at least " + least + ", got " + value);
        }
    }

    private static String micros(double us) {
        return us >= 100 ? String.format(Locale.ROOT, "%.0f", us) : String.format(Locale.ROOT, "%.1f", us);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
