package minitorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import minitorch.backend.Backend;
import minitorch.data.DataDirectory;
import minitorch.data.Mnist;
import minitorch.networks.MnistTraining;
import minitorch.networks.RunLog;
import minitorch.tensor.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minitorch mnist}: LeNet on MNIST digits (the original's run_mnist_multiclass.py, and a full-data mode). */
@Command(name = "mnist",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains the original's LeNet on MNIST: conv 1->4 3x3, conv 4->8 3x3, 4x4 pooling,",
            "Linear 392->64, dropout 25%%, Linear 64->10, log-softmax.",
            "Default: all 60,000 training images (shuffled, pixels/255, max pooling, Adam),",
            "accuracy on the 10,000 test images after every epoch.",
            "--reference: the original's setting (images 0-4999, batch 16, raw pixels,",
            "average pooling, SGD 0.01, validation on 16 images every 5 batches)."},
        footer = {"", "A checkpoint (safetensors, PyTorch can load it) is written atomically after every epoch;",
            "stop with Ctrl-C and continue with --resume.", "",
            "Examples:", "  minitorch mnist --epochs 10 --plot runs/mnist.png",
            "  minitorch mnist --reference --epochs 25", "  minitorch mnist --resume"})
public final class MnistCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--reference", description = "the original's setting (5,000 images, validation out of 16)")
    boolean reference;

    @Option(names = "--epochs", paramLabel = "E", description = "epochs; default 10 (reference 25)")
    Integer epochs;

    @Option(names = "--rate", paramLabel = "LR", description = "learning rate; default 0.002 (Adam), reference 0.01 (SGD)")
    Double rate;

    @Option(names = "--batch", paramLabel = "B", description = "batch size; default 32 (reference 16)")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of weights, shuffling and dropout; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--pool", paramLabel = "KIND", description = "4x4 pooling: avg or max; default max (reference avg, as the official solution)")
    String pool;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory; default $MINITORCH_DATA, else ~/.minitorch/data")
    String data;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "fast", description = "simple, fast or cuda; default ${DEFAULT-VALUE}")
    String backend;

    @Option(names = "--dtype", paramLabel = "T", defaultValue = "float32", description = "float32 or float64; default ${DEFAULT-VALUE}")
    String dtype;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "checkpoint file; default runs/mnist[-reference].safetensors")
    Path checkpoint;

    @Option(names = "--resume", description = "continue from the checkpoint if it exists")
    boolean resume;

    @Option(names = "--log", paramLabel = "FILE", description = "log file (appended); default runs/mnist[-reference].log")
    Path log;

    @Option(names = "--plot", paramLabel = "PNG", description = "write loss and accuracy curves to this PNG after every epoch")
    Path plot;

    @Option(names = "--progress", paramLabel = "N", defaultValue = "200", description = "print progress every N batches; default ${DEFAULT-VALUE}")
    int progress;

    @Override
    public Integer call() {
        Path dir = DataDirectory.resolve(data);
        String name = reference ? "mnist-reference" : "mnist";
        MnistTraining.Config config = new MnistTraining.Config(reference,
                positive("--epochs", epochs != null ? epochs : reference ? 25 : 10),
                positiveRate(rate != null ? rate : reference ? 0.01 : 0.002),
                positive("--batch", batch != null ? batch : reference ? 16 : 32), seed, Backend.parse(backend),
                parseDType(dtype), checkpoint != null ? checkpoint : Path.of("runs", name + ".safetensors"), resume, plot,
                progress, maxPool(pool != null ? pool : reference ? "avg" : "max"));
        PrintWriter out = spec.commandLine().getOut();
        try (RunLog runLog = new RunLog(out, log != null ? log : Path.of("runs", name + ".log"))) {
            Mnist train = Mnist.load(dir, Mnist.Split.TRAIN);
            Mnist evaluation = reference ? train.slice(10_000, 10_500) : Mnist.load(dir, Mnist.Split.TEST);
            if (reference) {
                train = train.slice(0, 5_000);
            }
            MnistTraining.Result r = MnistTraining.run(config, train, evaluation, runLog);
            runLog.println(String.format(Locale.ROOT, "Done: %d epochs, last %s accuracy %.2f%%, best %.2f%%, %.1f s per epoch",
                    r.epochsRun(), reference ? "validation" : "test", r.lastEvalAccuracy(), r.bestEvalAccuracy(),
                    r.meanEpochSeconds()));
        }
        return 0;
    }

    static boolean maxPool(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "max" -> true;
            case "avg", "average" -> false;
            default -> throw new IllegalArgumentException("unknown --pool '" + kind + "': expected avg or max");
        };
    }

    static int positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return value;
    }

    static double positiveRate(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("--rate must be a positive number, got " + value);
        }
        return value;
    }

    static DType parseDType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "float32", "f32" -> DType.FLOAT32;
            case "float64", "f64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "': expected float32 or float64");
        };
    }
}
