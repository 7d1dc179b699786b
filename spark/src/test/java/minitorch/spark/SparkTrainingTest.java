package minitorch.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.module.Module;
import minitorch.networks.BatchGradient;
import minitorch.optim.Optimizer;
import minitorch.tensor.DType;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Synchronous data-parallel training on {@code local[2]} (two executor threads; closures and broadcasts
 * still serialized) against one process on the same global batches, float64 on FAST, dropout on.
 */
class SparkTrainingTest {
    /** local[2] with up to 4 attempts per task (local mode's spark.task.maxFailures). */
    private static final String MASTER = "local[2,4]";
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = SparkContexts.start(MASTER, "minitorch-spark-test");
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() != Success$.MODULE$) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static MnistWorkload adam(long seed) {
        return new MnistWorkload(false, 0.01, 12, seed, Backend.FAST, DType.FLOAT64, true, new SyntheticMnist(64, 5));
    }

    private static MnistWorkload sgdReference(long seed) {
        return new MnistWorkload(true, 0.01, 12, seed, Backend.FAST, DType.FLOAT64, false, new SyntheticMnist(64, 5));
    }

    /** Three global batches of 12 random rows, then one of 7 (shards of unequal and, with 3 partitions, tiny size). */
    private static List<int[]> batches(long seed) {
        Random r = new Random(seed);
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            int[] rows = new int[12];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.nextInt(64);
            }
            batches.add(rows);
        }
        batches.add(new int[] {3, 1, 4, 1, 5, 9, 2});
        return batches;
    }

    /** Trains on {@code batches} with {@code gradients} and returns the final parameters then each step's loss. */
    private static <M extends Module> double[] train(Workload<M> w, BatchGradient<M> gradients, List<int[]> batches) {
        M model = w.newModel();
        Optimizer optimizer = w.newOptimizer(model);
        Random dropout = new Random(42);
        double[] losses = new double[batches.size()];
        for (int b = 0; b < batches.size(); b++) {
            losses[b] = gradients.compute(model, batches.get(b), dropout).loss();
            optimizer.step();
        }
        double[] values = FlatParameters.values(model);
        double[] result = java.util.Arrays.copyOf(values, values.length + losses.length);
        System.arraycopy(losses, 0, result, values.length, losses.length);
        return result;
    }

    private static <M extends Module> BatchGradient<M> oneProcess(Workload<M> w) {
        return (model, rows, dropout) -> w.shardGradient(model, rows, 0, rows.length, dropout);
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
        }
        assertTrue(worst <= tolerance, "largest relative difference " + worst + " > " + tolerance);
    }

    @Test
    void adamStepsOnTwoPartitionsEqualOneProcess() {
        MnistWorkload w = adam(3);
        List<int[]> batches = batches(1);
        double[] single = train(w, oneProcess(w), batches);
        double[] distributed = train(w, new SparkGradient<>(spark, w, 2), batches);
        assertClose(single, distributed, 1e-12);
        // the steps moved the weights: the comparison is not between two untouched models
        assertTrue(Math.abs(single[0] - FlatParameters.values(w.newModel())[0]) > 1e-6);
    }

    @Test
    void sgdStepsOnThreeUnevenPartitionsEqualOneProcess() {
        MnistWorkload w = sgdReference(4);
        List<int[]> batches = batches(2);
        assertClose(train(w, oneProcess(w), batches), train(w, new SparkGradient<>(spark, w, 3), batches), 1e-12);
    }

    @Test
    void theFastTwoDModelsStepsEqualOneProcess() {
        TrainWorkload w = new TrainWorkload(Datasets.XOR, 50, 3, 10, 0.05, Backend.FAST);
        List<int[]> batches = List.of(new int[] {0, 7, 12, 3, 44, 9, 31, 28, 5, 16}, new int[] {49, 1, 2, 8, 20, 33, 40},
                new int[] {11, 13, 17, 19, 23, 29, 37, 41, 43, 47});
        double[] single = train(w, oneProcess(w), batches);
        assertClose(single, train(w, new SparkGradient<>(spark, w, 2), batches), 1e-12);
        assertTrue(Math.abs(single[0] - FlatParameters.values(w.newModel())[0]) > 1e-6);
    }

    @Test
    void aRunIsRepeatableWithASeed() {
        List<int[]> batches = batches(3);
        double[] first = train(adam(9), new SparkGradient<>(spark, adam(9), 2), batches);
        double[] second = train(adam(9), new SparkGradient<>(spark, adam(9), 2), batches);
        // to rounding, not bit for bit: FAST's vector code adds lanes in another order before C2 compiles it (NETWORKS.md)
        assertClose(first, second, 1e-12);
        double[] otherSeed = train(adam(10), new SparkGradient<>(spark, adam(10), 2), batches);
        assertTrue(first[0] != otherSeed[0], "another seed starts from other weights");
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndChangesNothing() {
        MnistWorkload w = adam(5);
        List<int[]> batches = batches(4);
        double[] clean = train(w, new SparkGradient<>(spark, w, 2), batches);
        int failedBefore = FAILED_TASKS.get();
        double[] retried = train(w, new SparkGradient<>(spark, w, 2, 1, 1), batches);
        assertTrue(FAILED_TASKS.get() > failedBefore, "the test hook made a task fail");
        assertClose(clean, retried, 1e-12); // a lost or doubled shard would differ in the first digits
    }

    @Test
    void aStepOutOfAttemptsFailsWithOneLineNamingIt() {
        MnistWorkload w = adam(5);
        var gradients = new SparkGradient<>(spark, w, 2, 0, 4); // local[2,4]: all four attempts fail
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> gradients.compute(w.newModel(), new int[] {1, 2, 3, 4}, new Random(1)));
        assertTrue(e.getMessage().startsWith("Spark step 0 failed: Job aborted due to stage failure"), e.getMessage());
        assertTrue(e.getMessage().contains("test failure of shard 0's attempt 3"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void barrierReplicasStayIdenticalAndEqualOneProcess() {
        MnistWorkload w = adam(6);
        List<int[]> batches = batches(5);
        BarrierTraining.Result r = BarrierTraining.train(spark, w, 2, batches, new Random(42));
        assertEquals(2, r.replicaParameters().size());
        assertArrayEquals(r.replicaParameters().get(0), r.replicaParameters().get(1), "replicas identical, bit for bit");
        double[] single = train(w, oneProcess(w), batches);
        double[] barrier = java.util.Arrays.copyOf(r.replicaParameters().get(0), single.length);
        System.arraycopy(r.losses(), 0, barrier, single.length - batches.size(), batches.size());
        assertClose(single, barrier, 1e-12);
    }
}
