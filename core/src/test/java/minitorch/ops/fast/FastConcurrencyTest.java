package minitorch.ops.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import minitorch.backend.Backend;
import minitorch.module.Parameter;
import minitorch.nn.Conv1d;
import minitorch.nn.Linear;
import minitorch.nn.NN;
import minitorch.optim.Adam;
import minitorch.tensor.DType;
import minitorch.tensor.NoGrad;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads using FAST at once (each with its own tensors, all reading shared inputs, some inside
 * noGrad, each taking training steps) get exactly what the same jobs give run one after another: the
 * kernels' shared worker pool, their per-thread scratch and the per-thread grad mode do not leak between
 * callers. The elementwise grain is lowered for the test so these small tensors fan out to the pool too.
 */
class FastConcurrencyTest {
    static final int THREADS = 8;
    static final int JOBS = 12;
    static final Backend FAST = Backend.FAST;

    // Shared, read-only inputs: every job reads them, none writes them.
    static final Tensor SHARED_W = Tensor.rand(new Random(100), FAST, DType.FLOAT64, 64, 32);
    static final Tensor SHARED_ROW = Tensor.rand(new Random(101), FAST, DType.FLOAT64, 1, 32);
    static final Tensor SHARED_KERNEL = Tensor.rand(new Random(102), FAST, DType.FLOAT32, 6, 4, 3);

    private int savedThreads;
    private int savedGrain;

    @BeforeEach
    void morePoolWorkersThanCoresAndSmallChunks() {
        savedThreads = FastOps.threads();
        savedGrain = FastOps.grain;
        FastOps.setThreads(4);
        FastOps.grain = 256;
    }

    @AfterEach
    void restore() {
        FastOps.setThreads(savedThreads);
        FastOps.grain = savedGrain;
    }

    /** Everything one job computed, as plain arrays. */
    record Result(List<double[]> arrays) {}

    static boolean inNoGrad(int job) { return job % 3 == 0; }

    /** Job {@code k}: forward, backward (unless in noGrad) and two Adam steps of its own model. */
    static Result job(int k) {
        List<double[]> out = new ArrayList<>();
        Random random = new Random(k);
        Tensor x = Tensor.rand(random, FAST, DType.FLOAT64, 48, 64);
        boolean noGrad = inNoGrad(k);
        if (!noGrad) {
            x.requiresGrad(true);
        }
        try (NoGrad g = noGrad ? Tensor.noGrad() : null) {
            Tensor y = x.matmul(SHARED_W).add(SHARED_ROW).relu().sigmoid();
            Tensor loss = y.mul(y).sum().add(NN.softmax(y, 1).sum(0).sum());
            out.add(y.toDoubleArray());
            out.add(loss.toDoubleArray());
            if (noGrad) {
                assertFalse(loss.requiresGrad(), "job " + k + ": noGrad recorded history");
            } else {
                assertTrue(loss.requiresGrad(), "job " + k + ": another thread's noGrad switched this one's off");
                loss.backward();
                out.add(x.grad().toDoubleArray());
            }
            Tensor words = Tensor.rand(random, FAST, DType.FLOAT32, 4, 4, 32);
            out.add(NN.conv1d(words, SHARED_KERNEL).toDoubleArray());
            out.add(trainingSteps(k, random));
        }
        return new Result(out);
    }

    /** A small network's parameters after two Adam steps (or its predictions, inside noGrad). */
    static double[] trainingSteps(int k, Random random) {
        Linear first = Linear.uniform(32, 64, 0.3, new Random(1000 + k), FAST, DType.FLOAT32);
        Linear second = Linear.uniform(64, 4, 0.3, new Random(2000 + k), FAST, DType.FLOAT32);
        Conv1d conv = new Conv1d(2, 2, 3, new Random(3000 + k), FAST, DType.FLOAT32);
        Tensor batch = Tensor.rand(random, FAST, DType.FLOAT32, 16, 32);
        Tensor sequence = Tensor.rand(random, FAST, DType.FLOAT32, 16, 2, 16);
        if (!Tensor.isGradEnabled()) {
            return second.forward(first.forward(batch).relu()).toDoubleArray();
        }
        List<Parameter<?>> params = new ArrayList<>(first.parameters());
        params.addAll(second.parameters());
        params.addAll(conv.parameters());
        Adam adam = new Adam(params, 0.01);
        for (int step = 0; step < 2; step++) {
            adam.zeroGrad();
            Tensor logits = second.forward(first.forward(batch).relu());
            Tensor loss = NN.logsoftmax(logits, 1).mul(-1).mean().add(conv.forward(sequence).mean());
            loss.backward();
            adam.step();
        }
        List<Double> all = new ArrayList<>();
        for (Parameter<?> p : params) {
            for (double v : ((Tensor) p.value()).toDoubleArray()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void concurrentJobsGiveTheSerialResults() throws Exception {
        List<Result> serial = new ArrayList<>();
        for (int k = 0; k < JOBS; k++) {
            serial.add(job(k));
        }
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Result>> futures = new ArrayList<>();
            for (int k = 0; k < JOBS; k++) {
                int job = k;
                futures.add(callers.submit(() -> {
                    start.await();
                    return job(job);
                }));
            }
            start.countDown(); // all callers start together, so the kernels really overlap
            for (int k = 0; k < JOBS; k++) {
                List<double[]> expected = serial.get(k).arrays();
                List<double[]> got = futures.get(k).get(120, TimeUnit.SECONDS).arrays();
                assertEquals(expected.size(), got.size(), "job " + k);
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i), 0.0, "job " + k + " result " + i + " differs from the serial run");
                }
            }
        } finally {
            callers.shutdownNow();
        }
        assertTrue(Tensor.isGradEnabled(), "the test thread's grad mode is untouched");
        assertNull(SHARED_W.grad(), "the shared inputs collected no gradient");
    }
}
