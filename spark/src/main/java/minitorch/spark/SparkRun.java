package minitorch.spark;

import java.io.PrintWriter;
import java.util.Locale;
import minitorch.module.Module;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of one {@code minitorch spark} command: started when the run first asks for gradients
 * ({@code train --dataset all} asks once per data set), stopped at the end.
 */
final class SparkRun implements AutoCloseable {
    private final PrintWriter out;
    private JavaSparkContext spark;
    private int partitions;
    private SparkGradient<?> gradient;

    SparkRun(PrintWriter out) { this.out = out; }

    <M extends Module> SparkGradient<M> gradient(SparkOptions options, Workload<M> workload) {
        if (spark == null) {
            spark = SparkContexts.start(options.master, "minitorch");
            SparkContexts.awaitExecutors(spark, options.executorWaitSeconds * 1000L);
            partitions = options.partitions != null ? options.partitions : SparkContexts.defaultPartitions(spark);
            out.println(String.format(Locale.ROOT, "Spark %s, master %s: each batch in %d shards (broadcast, treeAggregate)",
                    spark.version(), options.master, partitions));
            out.flush();
        }
        if (gradient != null) {
            gradient.close();
        }
        SparkGradient<M> g = new SparkGradient<>(spark, workload, partitions);
        gradient = g;
        return g;
    }

    @Override
    public void close() {
        if (gradient != null) {
            gradient.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }
}
