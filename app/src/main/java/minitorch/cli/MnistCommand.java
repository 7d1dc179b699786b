package minitorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import minitorch.networks.BatchGradient;
import minitorch.networks.LeNet;
import minitorch.networks.MnistTraining;
import minitorch.networks.RunLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minitorch mnist}: LeNet on MNIST digits (the original's run_mnist_multiclass.py, and a full-data mode). */
@Command(name = "mnist",
        header = "Trains the original's LeNet on MNIST digits.",
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

    @Mixin NetworkRunOptions run;

    @Option(names = "--reference", description = "the original's setting (5,000 images, validation out of 16)")
    boolean reference;

    @Option(names = "--epochs", paramLabel = "E", description = "epochs; default 10 (reference 25)")
    Integer epochs;

    @Option(names = "--rate", paramLabel = "LR", description = "learning rate; default 0.002 (Adam), reference 0.01 (SGD)")
    Double rate;

    @Option(names = "--batch", paramLabel = "B", description = "batch size; default 32 (reference 16)")
    Integer batch;

    @Option(names = "--pool", paramLabel = "KIND", description = "4x4 pooling: avg or max; default max (reference avg, as the official solution)")
    String pool;

    @Option(names = "--progress", paramLabel = "N", defaultValue = "200", description = "print progress every N batches (0: none); default ${DEFAULT-VALUE}")
    int progress;

    private final BatchGradient.Factory<LeNet, MnistTraining.Config> gradients;

    public MnistCommand() { this(null); }

    /** This command with each batch's gradient from {@code gradients} (the spark module's); null: in this process. */
    public MnistCommand(BatchGradient.Factory<LeNet, MnistTraining.Config> gradients) { this.gradients = gradients; }

    @Override
    public Integer call() {
        run.applyThreads();
        Path dir = run.dataDirectory();
        String name = reference ? "mnist-reference" : "mnist";
        MnistTraining.Config config = new MnistTraining.Config(reference,
                NetworkRunOptions.positive("--epochs", epochs != null ? epochs : reference ? 25 : 10),
                NetworkRunOptions.positiveRate(rate != null ? rate : reference ? 0.01 : 0.002),
                NetworkRunOptions.positive("--batch", batch != null ? batch : reference ? 16 : 32), run.seed, run.backend(),
                run.dtype(), run.checkpoint(name), run.resume, run.plot,
                NetworkRunOptions.progressEvery(progress), maxPool(pool != null ? pool : reference ? "avg" : "max"));
        PrintWriter out = spec.commandLine().getOut();
        try (RunLog runLog = new RunLog(out, run.log(name))) {
            MnistTraining.Data data = MnistTraining.load(dir, reference);
            MnistTraining.Result r = gradients == null ? MnistTraining.run(config, data.train(), data.eval(), runLog)
                    : MnistTraining.run(config, data.train(), data.eval(), runLog, gradients.create(config, dir));
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
}
