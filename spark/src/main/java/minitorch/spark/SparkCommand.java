package minitorch.spark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import minitorch.cli.Main;
import minitorch.cli.MnistCommand;
import minitorch.cli.SentimentCommand;
import minitorch.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code minitorch spark}: the network commands with each batch's gradient computed by Spark tasks. The
 * subcommands are the app's own {@code mnist}, {@code sentiment} and {@code train} (the fast 2-D model; same
 * flags, progress, checkpoints and plots) with {@link SparkOptions} added, and {@code overhead}; the launcher
 * script runs this module's jar for them.
 */
@Command(name = "minitorch spark",
        mixinStandardHelpOptions = true,
        description = {
            "Synchronous data-parallel training on Apache Spark. Each step the driver",
            "broadcasts the parameters, every partition computes the gradient of its",
            "shard of the batch, treeAggregate sums them and the driver's optimizer",
            "steps: one process's training on the same batches. Every worker reads the",
            "data from --data (the same path on each machine). docs/DISTRIBUTED.md"},
        footer = {"", "Examples:", "  minitorch spark mnist --master local[2] --epochs 1",
            "  minitorch spark sentiment --master spark://127.0.0.1:7077 --epochs 3",
            "  minitorch spark overhead --model mnist --master local[2]"})
public final class SparkCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code (what tests call). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try (SparkRun run = new SparkRun(out)) {
            CommandLine cl = new CommandLine(new SparkCommand());
            SparkOptions mnist = new SparkOptions(), sentiment = new SparkOptions(), train = new SparkOptions();
            SparkOptions overhead = new SparkOptions();
            cl.addSubcommand("mnist", mnist.addTo(new CommandLine(new MnistCommand((config, dir) ->
                    run.gradient(mnist, MnistWorkload.of(config, MnistWorkload.files(dir, config.reference())))))));
            cl.addSubcommand("sentiment", sentiment.addTo(new CommandLine(new SentimentCommand((config, dir) ->
                    run.gradient(sentiment, SentimentWorkload.of(config,
                            SentimentWorkload.files(dir, config.reference(), config.seed())))))));
            cl.addSubcommand("train", train.addTo(new CommandLine(new TrainCommand((r, ignored) ->
                    run.gradient(train, TrainWorkload.of(r))))));
            cl.addSubcommand("overhead", overhead.addTo(new CommandLine(new OverheadCommand(overhead))));
            cl.addSubcommand(new CommandLine.HelpCommand());
            cl.setOut(out);
            cl.setErr(err);
            return Main.withOneLineErrors(cl).execute(args);
        }
    }
}
