package minitorch.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.module.Module;
import minitorch.networks.BatchGradient;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel gradients on Spark. Each step the driver broadcasts the parameters, the batch's
 * rows are cut into one contiguous shard per partition, each task computes its shard's share of the batch's
 * mean-loss gradient (with the library's FAST backend when the run uses it), and {@code treeAggregate} sums
 * the shares (with the loss and correct count appended) back on the driver, which sets the sum as the
 * parameters' gradient for the run's own optimizer. The sum of the shares is the one-process gradient up to
 * the order of floating-point additions.
 *
 * <p>A failed task is rerun by Spark on the same broadcast values, rows and dropout state, so a retry gives
 * the same share.
 *
 * @param <M> the model
 */
public final class SparkGradient<M extends Module> implements BatchGradient<M> {
    private final JavaSparkContext spark;
    private final Workload<M> workload;
    private final int partitions;
    private final List<Integer> shardIds;
    private final int failAtStep;
    private final int failingAttempts;
    private int step;

    /** Gradients of {@code workload}'s batches over {@code partitions} shards. */
    public SparkGradient(JavaSparkContext spark, Workload<M> workload, int partitions) {
        this(spark, workload, partitions, -1, 0);
    }

    /**
     * As above; at step {@code failAtStep} (counted from 0) the first {@code failingAttempts} attempts of shard 0's
     * task throw, to show that Spark's retry changes nothing, or how a step that runs out of attempts fails (tests).
     */
    SparkGradient(JavaSparkContext spark, Workload<M> workload, int partitions, int failAtStep, int failingAttempts) {
        if (partitions < 1) {
            throw new IllegalArgumentException("SparkGradient: partitions must be positive, got " + partitions);
        }
        this.spark = spark;
        this.workload = workload;
        this.partitions = partitions;
        this.failAtStep = failAtStep;
        this.failingAttempts = failingAttempts;
        this.shardIds = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            shardIds.add(i);
        }
    }

    public int partitions() { return partitions; }

    @Override
    public Outcome compute(M model, int[] rows, Random dropoutRandom) {
        int n = FlatParameters.size(model);
        Broadcast<double[]> parameters = spark.broadcast(FlatParameters.values(model));
        try {
            Workload<M> w = workload;
            byte[] dropout = DropoutStream.snapshot(dropoutRandom);
            int shards = partitions, failures = step == failAtStep ? failingAttempts : 0;
            // The zero is empty: Spark serializes it into every task, and a model-sized one would travel each step.
            double[] sum = spark.parallelize(shardIds, partitions).treeAggregate(new double[0],
                    (acc, shard) -> add(acc, shareOf(w, parameters, rows, dropout, shard, shards, failures)),
                    adder());
            if (sum.length != n + 2) {
                throw new IllegalStateException("SparkGradient: the shards summed to " + sum.length + " values, expected " + (n + 2));
            }
            DropoutStream.skip(dropoutRandom, rows.length, workload.dropoutDrawsPerRow());
            FlatParameters.setGradients(model, sum);
            return new Outcome(sum[n], (int) Math.round(sum[n + 1]));
        } catch (Exception e) { // Scala throws SparkException, checked in Java, undeclared
            if (e instanceof SparkException) {
                // Its message carries whole stack traces; the first line says what failed, e.g. a task out of attempts.
                throw new IllegalStateException("Spark step " + step + " failed: " + firstLine(e.getMessage()), e);
            }
            throw e;
        } finally {
            step++;
            parameters.destroy();
        }
    }

    /** Forgets the workers' models of this run (in local mode they live in this JVM). */
    public void close() { Replicas.forget(workload); }

    /** One task: the shard's gradient share, then its loss share and correct count, as one array. */
    private static <M extends Module> double[] shareOf(Workload<M> w, Broadcast<double[]> parameters, int[] rows,
            byte[] dropout, int shard, int shards, int failures) {
        TaskContext task = TaskContext.get();
        if (shard == 0 && task != null && task.attemptNumber() < failures) {
            throw new IllegalStateException("SparkGradient: test failure of shard 0's attempt " + task.attemptNumber());
        }
        int from = Shards.from(shard, shards, rows.length), to = Shards.to(shard, shards, rows.length);
        if (from == to) {
            return new double[0];
        }
        M model = Replicas.of(w, shard);
        double[] values = parameters.value();
        double[] share = new double[values.length + 2];
        FlatParameters.load(model, values);
        model.train();
        Outcome o = w.shardGradient(model, rows, from, to, DropoutStream.restore(dropout, from, w.dropoutDrawsPerRow()));
        FlatParameters.gradients(model, share);
        share[values.length] = o.loss();
        share[values.length + 1] = o.correct();
        return share;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return line.length() > 400 ? line.substring(0, 400) + " ..." : line;
    }

    /** acc + more in place, where an empty array is zero. */
    private static double[] add(double[] acc, double[] more) {
        if (acc.length == 0) {
            return more;
        }
        if (more.length == 0) {
            return acc;
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] += more[i];
        }
        return acc;
    }

    private static Function2<double[], double[], double[]> adder() { return SparkGradient::add; }
}
