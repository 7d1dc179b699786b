package minitorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import minitorch.backend.Backend;
import minitorch.data.DataDirectory;
import minitorch.data.Glove;
import minitorch.data.Sst2;
import minitorch.networks.RunLog;
import minitorch.networks.SentimentTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minitorch sentiment}: the Kim-style CNN on SST-2 (the original's run_sentiment.py, and a full-data mode). */
@Command(name = "sentiment",
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

    @Option(names = "--reference", description = "the original's setting (450 train / 100 validation sentences)")
    boolean reference;

    @Option(names = "--epochs", paramLabel = "E", description = "epochs; default 3 (reference 250, the original's maximum)")
    Integer epochs;

    @Option(names = "--rate", paramLabel = "LR", description = "learning rate; default 0.001 (Adam), reference 0.01 (SGD)")
    Double rate;

    @Option(names = "--batch", paramLabel = "B", description = "batch size; default 32 (reference 10)")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--train-embeddings", negatable = true, description = "train the word vectors too (default on; off with --reference)")
    Boolean trainEmbeddings;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory; default $MINITORCH_DATA, else ~/.minitorch/data")
    String data;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "fast", description = "simple, fast or cuda; default ${DEFAULT-VALUE}")
    String backend;

    @Option(names = "--dtype", paramLabel = "T", defaultValue = "float32", description = "float32 or float64; default ${DEFAULT-VALUE}")
    String dtype;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "checkpoint file; default runs/sentiment[-reference].safetensors")
    Path checkpoint;

    @Option(names = "--resume", description = "continue from the checkpoint if it exists")
    boolean resume;

    @Option(names = "--log", paramLabel = "FILE", description = "log file (appended); default runs/sentiment[-reference].log")
    Path log;

    @Option(names = "--plot", paramLabel = "PNG", description = "write loss and accuracy curves to this PNG after every epoch")
    Path plot;

    @Option(names = "--progress", paramLabel = "N", defaultValue = "500", description = "print progress every N batches; default ${DEFAULT-VALUE}")
    int progress;

    @Override
    public Integer call() {
        Path dir = DataDirectory.resolve(data);
        String name = reference ? "sentiment-reference" : "sentiment";
        SentimentTraining.Config config = new SentimentTraining.Config(reference,
                MnistCommand.positive("--epochs", epochs != null ? epochs : reference ? 250 : 3),
                MnistCommand.positiveRate(rate != null ? rate : reference ? 0.01 : 0.001),
                MnistCommand.positive("--batch", batch != null ? batch : reference ? 10 : 32), seed, Backend.parse(backend),
                MnistCommand.parseDType(dtype), checkpoint != null ? checkpoint : Path.of("runs", name + ".safetensors"),
                resume, plot, reference ? 0 : progress, trainEmbeddings != null ? trainEmbeddings : !reference);
        PrintWriter out = spec.commandLine().getOut();
        try (RunLog runLog = new RunLog(out, log != null ? log : Path.of("runs", name + ".log"))) {
            List<Sst2.Example> train = Sst2.train(dir);
            List<Sst2.Example> validation = Sst2.dev(dir);
            // the original pads to the longest sentence of both whole splits
            int maxLength = Math.max(SentimentTraining.longest(train), SentimentTraining.longest(validation));
            if (reference) {
                train = train.subList(0, 450);
                validation = validation.subList(0, 100);
            }
            Glove glove = Glove.loadSubset(dir, seed);
            SentimentTraining.Result r = SentimentTraining.run(config, train, validation, maxLength, glove, runLog);
            runLog.println(String.format(Locale.ROOT, "Done: %d epochs, last validation accuracy %.2f%%, best %.2f%%, %.1f s per epoch",
                    r.epochsRun(), r.lastValidationAccuracy(), r.bestValidationAccuracy(), r.meanEpochSeconds()));
        }
        return 0;
    }
}
