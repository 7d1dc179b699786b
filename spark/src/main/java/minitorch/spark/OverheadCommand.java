package minitorch.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import minitorch.backend.Backend;
import minitorch.data.DataDirectory;
import minitorch.module.Module;
import minitorch.networks.BatchGradient;
import minitorch.optim.Optimizer;
import minitorch.tensor.DType;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code minitorch spark overhead}: what Spark adds to a training step. Times the same steps (same model,
 * batches and optimizer) in this process and through {@link SparkGradient}, alternating rounds so that both
 * see the same machine load, and prints milliseconds per step for each, their ratio and difference.
 */
@Command(name = "overhead", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measures Spark's per-step overhead against one process on the same steps.",
        description = {"Times training steps of mnist's LeNet or sentiment's CNN (Adam, FAST) in this process and",
            "through Spark (broadcast, one task per shard, treeAggregate), in alternating rounds."},
        footer = {"", "Example:", "  minitorch spark overhead --model mnist --master local[2] --batch 32"})
final class OverheadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    private final SparkOptions spark;

    /** {@code spark}: the options {@link SparkCommand} adds to this command's line. */
    OverheadCommand(SparkOptions spark) { this.spark = spark; }

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "mnist", description = "mnist or sentiment; default ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "global batch size; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "40", description = "timed steps per round and way; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3", description = "rounds (each: one process, then Spark); default ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--dtype", paramLabel = "T", defaultValue = "float32", description = "float32 or float64; default ${DEFAULT-VALUE}")
    String dtype;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory; default $MINITORCH_DATA, else ~/.minitorch/data")
    String data;

    @Override
    public Integer call() {
        for (int[] v : new int[][] {{batch}, {steps}, {rounds}}) {
            if (v[0] < 1) {
                throw new IllegalArgumentException("--batch, --steps and --rounds must be positive");
            }
        }
        DType t = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + dtype + "': expected float32 or float64");
        };
        var dir = DataDirectory.resolve(data);
        return switch (model.toLowerCase(Locale.ROOT)) {
            case "mnist" -> measure(new MnistWorkload(false, 0.002, batch, 1, Backend.FAST, t, true,
                    MnistWorkload.files(dir, false)), 60_000);
            case "sentiment" -> measure(new SentimentWorkload(false, 0.001, batch, 1, Backend.FAST, t, true,
                    SentimentWorkload.files(dir, false, 1)), 67_349);
            default -> throw new IllegalArgumentException("unknown --model '" + model + "': expected mnist or sentiment");
        };
    }

    private <M extends Module> int measure(Workload<M> w, int trainingRows) {
        PrintWriter out = spec.commandLine().getOut();
        w.newModel(); // loads the data in this JVM (local mode's tasks share it) before any timing
        Random pick = new Random(7);
        List<int[]> batches = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            int[] rows = new int[batch];
            for (int i = 0; i < batch; i++) {
                rows[i] = pick.nextInt(trainingRows);
            }
            batches.add(rows);
        }
        JavaSparkContext sc = SparkContexts.start(spark.master, "minitorch-overhead");
        try {
            SparkContexts.awaitExecutors(sc, spark.executorWaitSeconds * 1000L);
            int partitions = spark.partitions != null ? spark.partitions : SparkContexts.defaultPartitions(sc);
            SparkGradient<M> distributed = new SparkGradient<>(sc, w, partitions);
            BatchGradient<M> local = (m, rows, dropout) -> w.shardGradient(m, rows, 0, rows.length, dropout);
            out.printf(Locale.ROOT, "%s, batch %d, %d parameters, Spark %s master %s, %d shards; %d steps per round and way%n",
                    model, batch, FlatParameters.size(w.newModel()), sc.version(), spark.master, partitions, steps);
            out.println("round  one process ms/step  Spark ms/step  ratio  Spark overhead ms/step  (round 1 includes warm-up)");
            for (int r = 1; r <= rounds; r++) {
                double one = msPerStep(w, local, batches), dist = msPerStep(w, distributed, batches);
                out.printf(Locale.ROOT, "%5d  %19.1f  %13.1f  %5.2f  %22.1f%n", r, one, dist, dist / one, dist - one);
                out.flush();
            }
            distributed.close();
        } finally {
            sc.stop();
        }
        return 0;
    }

    private static <M extends Module> double msPerStep(Workload<M> w, BatchGradient<M> gradients, List<int[]> batches) {
        M m = w.newModel();
        Optimizer optimizer = w.newOptimizer(m);
        Random dropout = new Random(1);
        long start = System.nanoTime();
        for (int[] rows : batches) {
            gradients.compute(m, rows, dropout);
            optimizer.step();
        }
        return (System.nanoTime() - start) / 1e6 / batches.size();
    }
}
