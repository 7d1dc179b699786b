package minitorch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import minitorch.networks.BatchGradient;
import minitorch.train.DecisionPlot;
import minitorch.train.FastTrainer;
import minitorch.train.Network;
import minitorch.train.Model;
import minitorch.train.TrainConfig;
import minitorch.train.TrainLoop;
import minitorch.train.Trainer;

/** {@code minitorch train}: the original's run_scalar / run_tensor / run_fast_tensor scripts. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Trains a classifier on a built-in 2-D data set.",
        description = {
            "As the original's project scripts do, it prints 'Epoch  N  loss  L correct C'",
            "every 10 epochs (with the time per epoch), then a summary. Unset options take",
            "the model's defaults, listed below."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--dataset"}, paramLabel = "NAME", defaultValue = "simple",
            description = "simple, diag, split, xor, circle, spiral, or all (each in turn); default ${DEFAULT-VALUE}")
    String dataset;

    @Option(names = "--model", paramLabel = "KIND",
            description = "scalar, tensor or fast; default scalar, or fast when --backend is given")
    String model;

    @Option(names = "--pts", paramLabel = "N", description = "number of points")
    Integer pts;

    @Option(names = "--hidden", paramLabel = "H", description = "hidden layer size")
    Integer hidden;

    @Option(names = "--rate", paramLabel = "LR", description = "learning rate")
    Double rate;

    @Option(names = "--epochs", paramLabel = "E", description = "number of epochs")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of Python's random: data, then initial weights; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "for tensor models: simple, fast (cpu) or cuda (gpu); default simple for tensor, fast for fast")
    String backend;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "write the data, the decision boundary and the loss curve to this PNG "
                    + "(with --dataset all, one file per data set: FILE-xor.png, ...)")
    Path plot;

    /** What a worker needs to rebuild a run's data set and network: the spark module's factory gets it. */
    public record Run(Datasets dataset, int points, long seed, TrainConfig config) {}

    private final BatchGradient.Factory<Network, Run> gradients;

    public TrainCommand() { this(null); }

    /** This command training the fast model with batch gradients from {@code gradients} (the spark module's). */
    public TrainCommand(BatchGradient.Factory<Network, Run> gradients) { this.gradients = gradients; }

    @Override
    public Integer call() {
        // run_fast_tensor.py is the script with a --BACKEND flag: a backend alone asks for its model.
        Model kind = model != null ? parse(() -> Model.parse(model))
                : backend != null || gradients != null ? Model.FAST : Model.SCALAR;
        check(gradients == null || kind == Model.FAST, "only the fast model trains in batches to spread: use --model fast");
        List<Datasets> sets = dataset.strip().equalsIgnoreCase("all")
                ? List.of(Datasets.values())
                : List.of(parse(() -> Datasets.parse(dataset)));
        Model.Defaults d = kind.defaults();
        int n = pts != null ? pts : d.pts();
        int e = epochs != null ? epochs : d.epochs();
        double lr = rate != null ? rate : d.rate();
        check(n >= 1, "--pts must be at least 1, got " + n);
        check(hidden == null || hidden >= 1, "--hidden must be at least 1, got " + hidden);
        check(lr > 0 && !Double.isInfinite(lr), "--rate must be a positive number, got " + lr);
        check(e >= 1, "--epochs must be at least 1, got " + e);
        if (plot != null) {
            check(plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"),
                    "--plot must name a .png file, got '" + plot + "'");
        }
        Backend where;
        if (kind == Model.SCALAR) {
            check(backend == null, "--backend applies to the tensor and fast models; the scalar model computes with Scalars");
            where = Backend.SIMPLE;
        } else {
            where = backend != null ? parse(() -> Backend.parse(backend))
                    : kind == Model.FAST ? Backend.FAST : Backend.SIMPLE;
        }

        PrintWriter out = spec.commandLine().getOut();
        List<String> summaries = new ArrayList<>();
        for (Datasets set : sets) {
            int h = hidden != null ? hidden : d.hidden(set);
            PythonRandom random = new PythonRandom(seed);
            Graph data = set.generate(n, random);
            String settings = String.format(Locale.ROOT, "model %s, %s, %d points, hidden %d, rate %s, %s, seed %d%s",
                    kind.cliName(), set.displayName(), data.size(), h, lr, epochs(e), seed,
                    kind == Model.SCALAR ? "" : ", backend " + where.name().toLowerCase(Locale.ROOT));
            out.println("Training " + settings);
            out.flush();
            TrainConfig config = new TrainConfig(h, lr, where, random);
            Trainer trainer = gradients == null ? kind.create(data, config)
                    : new FastTrainer(data, config, gradients.create(new Run(set, n, seed, config), null));
            TrainLoop.Result result = TrainLoop.run(trainer, e, line -> {
                out.println(line);
                out.flush();
            });
            int correct = countCorrect(data, trainer.predict(data.x()));
            String summary = String.format(Locale.ROOT,
                    "%s: %d/%d correct after %s, final loss %.4f, %.2fs (%.4fs per epoch)",
                    set.displayName(), correct, data.size(), epochs(e), result.last().loss(), result.seconds(),
                    result.secondsPerEpoch());
            out.println("Done " + summary);
            summaries.add(summary);
            if (plot != null) {
                Path file = sets.size() == 1 ? plot : withSuffix(plot, set.displayName().toLowerCase(Locale.ROOT));
                String title = String.format(Locale.ROOT, "%s: %d/%d correct (%s, hidden %d, rate %s, seed %d)",
                        set.displayName(), correct, data.size(), kind.cliName(), h, lr, seed);
                DecisionPlot.write(file, title, data, trainer::predict, result.losses());
                out.println("Wrote " + file);
            }
            out.flush();
        }
        if (sets.size() > 1) {
            out.println("Summary:");
            summaries.forEach(s -> out.println("  " + s));
        }
        out.flush();
        return 0;
    }

    /** The help's footer: each model's defaults (from {@link Model}, so it cannot drift) and examples. */
    static String[] footer() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Defaults (from the original scripts):");
        for (Model m : Model.values()) {
            Model.Defaults d = m.defaults();
            lines.add(String.format(Locale.ROOT, "  %-7s %-19s pts %d, hidden %d, rate %s, %d epochs",
                    m.cliName(), m.script(), d.pts(), d.hidden(), d.rate(), d.epochs()));
        }
        lines.add("  Split, xor, circle and spiral use a hidden size of at least "
                + Model.Defaults.HARD_DATASET_HIDDEN + ":");
        lines.add("  the original's docs suggest HIDDEN 10 for Xor; 2 units cannot separate these.");
        lines.add("");
        lines.add("Examples:");
        lines.add("  minitorch train --dataset xor");
        lines.add("  minitorch train --dataset all --plot runs/scalar.png");
        lines.add("  minitorch train --backend fast --dataset split --hidden 100 --rate 0.05");
        return lines.toArray(String[]::new);
    }

    /** How many points the trained model puts on the right side of 0.5. */
    static int countCorrect(Graph data, double[] probability) {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            // As the original counts: right side of 0.5, strictly.
            boolean right = data.y(i) == 1 ? probability[i] > 0.5 : probability[i] < 0.5;
            correct += right ? 1 : 0;
        }
        return correct;
    }

    private static String epochs(int e) { return e + (e == 1 ? " epoch" : " epochs"); }

    private static Path withSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - ".png".length());
        return file.resolveSibling(stem + "-" + suffix + ".png");
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** Turns a parser's IllegalArgumentException into a usage error that names the choices. */
    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
