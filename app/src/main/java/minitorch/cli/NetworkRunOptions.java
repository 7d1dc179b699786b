package minitorch.cli;

import java.nio.file.Path;
import java.util.Locale;
import minitorch.backend.Backend;
import minitorch.data.DataDirectory;
import minitorch.ops.fast.FastOps;
import minitorch.tensor.DType;
import picocli.CommandLine.Option;

/**
 * The options every network-training command shares (where the data is, where it computes, where the
 * checkpoint, log and plot go), mixed into {@code mnist} and {@code sentiment} with picocli's
 * {@code @Mixin}, plus the checks of their own options.
 */
final class NetworkRunOptions {

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of weights, shuffling and dropout; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory; default $MINITORCH_DATA, else ~/.minitorch/data")
    String data;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "fast", description = "simple, fast or cuda; default ${DEFAULT-VALUE}")
    String backend;

    @Option(names = "--dtype", paramLabel = "T", defaultValue = "float32", description = "float32 or float64; default ${DEFAULT-VALUE}")
    String dtype;

    @Option(names = "--threads", paramLabel = "N", description = "threads for the fast backend; default all processors (or -Dminitorch.fast.threads)")
    Integer threads;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "checkpoint file; default runs/<command>[-reference].safetensors")
    Path checkpoint;

    @Option(names = "--resume", description = "continue from the checkpoint if it exists")
    boolean resume;

    @Option(names = "--log", paramLabel = "FILE", description = "log file (appended); default runs/<command>[-reference].log")
    Path log;

    @Option(names = "--plot", paramLabel = "PNG", description = "write loss and accuracy curves to this PNG after every epoch")
    Path plot;

    Path dataDirectory() { return DataDirectory.resolve(data); }

    /** Sets FAST's thread count when {@code --threads} was given (checked before anything is loaded). */
    void applyThreads() {
        if (threads != null) {
            FastOps.setThreads(positive("--threads", threads));
        }
    }

    Backend backend() { return Backend.parse(backend); }

    DType dtype() {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32", "f32" -> DType.FLOAT32;
            case "float64", "f64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + dtype + "': expected float32 or float64");
        };
    }

    /** The checkpoint file, by default {@code runs/<run>.safetensors}. */
    Path checkpoint(String run) { return checkpoint != null ? checkpoint : Path.of("runs", run + ".safetensors"); }

    /** The log file, by default {@code runs/<run>.log}. */
    Path log(String run) { return log != null ? log : Path.of("runs", run + ".log"); }

    static int positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code --progress}: every N batches, or 0 for none. */
    static int progressEvery(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("--progress must be 0 (none) or positive, got " + value);
        }
        return value;
    }

    static double positiveRate(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("--rate must be a positive number, got " + value);
        }
        return value;
    }
}
