package minitorch.spark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.io.Serializable;
import java.util.List;
import java.util.Random;
import minitorch.module.Module;
import minitorch.networks.BatchGradient;
import minitorch.optim.Optimizer;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Function1;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training in one Spark barrier stage: one long-lived replica per partition, each with the
 * run's initial weights and its own optimizer. Each step every replica computes its shard's share of the
 * batch gradient, the shares are exchanged with {@link BarrierTaskContext#allGather}, and every replica adds
 * them up in partition order and takes the same optimizer step, so the replicas stay identical and no weights
 * travel per step.
 *
 * <p>The exchange is not a ring all-reduce: {@code allGather} sends each replica's message (here the gradient
 * as Base64 text) to the driver's barrier coordinator, which sends all of them back to every replica, so the
 * driver moves k² gradient copies per step. It suits small models and few replicas; {@link SparkGradient}
 * (broadcast and {@code treeAggregate}) is the general path.
 */
public final class BarrierTraining {
    private BarrierTraining() {}

    /** What the replicas end with: each one's parameters (partition order) and the batches' mean losses. */
    public record Result(List<double[]> replicaParameters, double[] losses) {}

    /**
     * Trains {@code replicas} replicas of {@code workload}'s model on {@code batches} (training rows), dropout
     * drawn from a copy of {@code dropoutRandom} as one process would draw it.
     */
    public static <M extends Module> Result train(JavaSparkContext spark, Workload<M> workload, int replicas,
            List<int[]> batches, Random dropoutRandom) {
        if (replicas < 1) {
            throw new IllegalArgumentException("BarrierTraining: replicas must be positive, got " + replicas);
        }
        byte[] dropout = DropoutStream.snapshot(dropoutRandom);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            ids.add(i);
        }
        // JavaRDD has no barrier(): Scala's RDDBarrier, with a serializable Scala function.
        Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<double[]>> task =
                (Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<double[]>> & Serializable)
                        ignored -> scala.collection.Iterator$.MODULE$.single(replica(workload, batches, dropout));
        List<double[]> out = spark.parallelize(ids, replicas).rdd().barrier()
                .mapPartitions(task, false, ClassTag$.MODULE$.apply(double[].class)).toJavaRDD().collect();
        List<double[]> parameters = new ArrayList<>();
        int steps = batches.size();
        for (double[] r : out) {
            parameters.add(java.util.Arrays.copyOf(r, r.length - steps));
        }
        double[] first = out.getFirst();
        return new Result(parameters, java.util.Arrays.copyOfRange(first, first.length - steps, first.length));
    }

    /** One replica's whole run; returns its final parameters followed by each step's batch loss. */
    private static <M extends Module> double[] replica(Workload<M> workload, List<int[]> batches, byte[] dropoutState) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int me = context.partitionId(), replicas = context.getTaskInfos().length;
        M model = workload.newModel();
        Optimizer optimizer = workload.newOptimizer(model);
        Random dropout = DropoutStream.restore(dropoutState, 0, 0);
        int n = FlatParameters.size(model), width = workload.dropoutDrawsPerRow();
        double[] losses = new double[batches.size()];
        for (int b = 0; b < batches.size(); b++) {
            int[] rows = batches.get(b);
            int from = Shards.from(me, replicas, rows.length), to = Shards.to(me, replicas, rows.length);
            double[] share = new double[n + 1];
            optimizer.zeroGrad();
            model.train();
            if (from < to) {
                BatchGradient.Outcome o = workload.shardGradient(model, rows, from, to,
                        DropoutStream.restore(DropoutStream.snapshot(dropout), from, width));
                FlatParameters.gradients(model, share);
                share[n] = o.loss();
            }
            double[] sum = new double[n + 1];
            for (String message : context.allGather(encode(share))) { // in partition order on every replica
                double[] other = decode(message);
                for (int i = 0; i <= n; i++) {
                    sum[i] += other[i];
                }
            }
            FlatParameters.setGradients(model, sum);
            optimizer.step();
            DropoutStream.skip(dropout, rows.length, width);
            losses[b] = sum[n];
        }
        double[] values = FlatParameters.values(model);
        double[] result = java.util.Arrays.copyOf(values, n + losses.length);
        System.arraycopy(losses, 0, result, n, losses.length);
        return result;
    }

    static String encode(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static double[] decode(String text) {
        byte[] bytes = Base64.getDecoder().decode(text);
        double[] values = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }
}
