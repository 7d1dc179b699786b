package minitorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import minitorch.networks.BatchGradient;
import minitorch.networks.RunLog;
import minitorch.networks.SentimentTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minitorch sentiment}: the Kim-style CNN on SST-2 (the original's run_sentiment.py, and a full-data mode). */
@Command(name = "sentiment",
        header = "Trains the original's sentence CNN on SST-2 sentiment.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains the original's sentence CNN on SST-2: conv1d 50->100 with widths 3, 4, 5,",
            "ReLU, max over time, Linear, dropout 25%%, sigmoid, over 50-d GloVe vectors (the",
            "shared subset is partial: unknown words share one small random vector).",
            "Default: the whole training set, Adam, trainable word vectors; accuracy on all",
            "872 validation sentences after every epoch.",
            "--reference: the original's 450 training / 100 validation sentences, fixed",
            "vectors, SGD 0.01, batch 10."},
        footer = {"", "A checkpoint (safetensors) is written atomically after every epoch; continue with --resume.", "",
            "Examples:", "  minitorch sentiment --epochs 3 --plot runs/sentiment.png",
            "  minitorch sentiment --reference --epochs 60"})
public final class SentimentCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NetworkRunOptions run;

    @Option(names = "--reference", description = "the original's setting (450 train / 100 validation sentences)")
    boolean reference;

    @Option(names = "--epochs", paramLabel = "E", description = "epochs; default 3 (reference 250, the original's maximum)")
    Integer epochs;

    @Option(names = "--rate", paramLabel = "LR", description = "learning rate; default 0.001 (Adam), reference 0.01 (SGD)")
    Double rate;

    @Option(names = "--batch", paramLabel = "B", description = "batch size; default 32 (reference 10)")
    Integer batch;

    @Option(names = "--train-embeddings", negatable = true, description = "train the word vectors too (default on; off with --reference)")
    Boolean trainEmbeddings;

    @Option(names = "--progress", paramLabel = "N", defaultValue = "500", description = "print progress every N batches (0: none); default ${DEFAULT-VALUE}")
    int progress;

    private final BatchGradient.Factory<SentimentTraining.Net, SentimentTraining.Config> gradients;

    public SentimentCommand() { this(null); }

    /** This command with each batch's gradient from {@code gradients} (the spark module's); null: in this process. */
    public SentimentCommand(BatchGradient.Factory<SentimentTraining.Net, SentimentTraining.Config> gradients) {
        this.gradients = gradients;
    }

    @Override
    public Integer call() {
        run.applyThreads();
        Path dir = run.dataDirectory();
        String name = reference ? "sentiment-reference" : "sentiment";
        SentimentTraining.Config config = new SentimentTraining.Config(reference,
                NetworkRunOptions.positive("--epochs", epochs != null ? epochs : reference ? 250 : 3),
                NetworkRunOptions.positiveRate(rate != null ? rate : reference ? 0.01 : 0.001),
                NetworkRunOptions.positive("--batch", batch != null ? batch : reference ? 10 : 32), run.seed, run.backend(),
                run.dtype(), run.checkpoint(name),
                run.resume, run.plot, reference ? 0 : NetworkRunOptions.progressEvery(progress), trainEmbeddings != null ? trainEmbeddings : !reference);
        PrintWriter out = spec.commandLine().getOut();
        try (RunLog runLog = new RunLog(out, run.log(name))) {
            SentimentTraining.Data d = SentimentTraining.load(dir, reference, run.seed);
            SentimentTraining.Result r = gradients == null
                    ? SentimentTraining.run(config, d.train(), d.validation(), d.globalMaxLength(), d.glove(), runLog)
                    : SentimentTraining.run(config, d.train(), d.validation(), d.globalMaxLength(), d.glove(), runLog,
                            gradients.create(config, dir));
            runLog.println(String.format(Locale.ROOT, "Done: %d epochs, last validation accuracy %.2f%%, best %.2f%%, %.1f s per epoch",
                    r.epochsRun(), r.lastValidationAccuracy(), r.bestValidationAccuracy(), r.meanEpochSeconds()));
        }
        return 0;
    }
}
