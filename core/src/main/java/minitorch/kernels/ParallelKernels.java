package minitorch.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import minitorch.tensor.Tensor;

/**
 * Work split over threads (TinyTorch's kernels step 4). Each call starts its own pool of
 * {@code workers} threads, as TinyTorch's {@code ThreadPoolExecutor} does, so the cost of threads is
 * visible: tens of microseconds to start and join them, which only large inputs repay. Below
 * {@link #SEQUENTIAL_CUTOFF} elements the work stays on the caller. (The FAST backend keeps one
 * long-lived pool instead, and its own cut-off.)
 */
public final class ParallelKernels {
    private ParallelKernels() {}

    /** Inputs smaller than this many elements are not split. */
    public static final int SEQUENTIAL_CUTOFF = 1_000;

    /** relu over {@code workers} contiguous chunks, each on its own thread with the SIMD loop; results in order. */
    public static float[] relu(float[] x, int workers) { return relu(x, workers, SEQUENTIAL_CUTOFF); }

    /** As {@link #relu(float[], int)} with a cut-off of one's own (0: always split). */
    public static float[] relu(float[] x, int workers, int sequentialCutoff) {
        checkWorkers(workers);
        float[] out = new float[x.length];
        if (x.length < sequentialCutoff || workers == 1) {
            VectorKernels.reluInto(x, 0, x.length, out);
            return out;
        }
        int chunk = Math.max(1, (x.length + workers - 1) / workers);
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> parts = new ArrayList<>();
            for (int from = 0; from < x.length; from += chunk) {
                int start = from, end = Math.min(x.length, from + chunk);
                // each worker writes its own slice of out: the chunks never overlap, so no locking
                parts.add(pool.submit(() -> VectorKernels.reluInto(x, start, end, out)));
            }
            join(parts);
        }
        return out;
    }

    public static Tensor relu(Tensor x, int workers) {
        return VectorKernels.like(x, relu(VectorKernels.floats(x), workers));
    }

    /**
     * {@code operation} applied to every tensor of {@code batch} on up to {@code workers} threads; the
     * results come back in the batch's order (each future is read in submission order). As in TinyTorch,
     * a batch with fewer items than workers runs on the caller: starting a pool would cost more.
     */
    public static List<Tensor> batch(List<Tensor> batch, UnaryOperator<Tensor> operation, int workers) {
        checkWorkers(workers);
        if (batch.size() < workers || workers == 1) {
            return batch.stream().map(operation).toList();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Tensor>> parts = new ArrayList<>();
            for (Tensor t : batch) {
                parts.add(pool.submit(() -> operation.apply(t)));
            }
            List<Tensor> results = new ArrayList<>(batch.size());
            for (Future<Tensor> f : parts) {
                results.add(get(f));
            }
            return results;
        }
    }

    private static void checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("parallel kernels: worker count must be at least 1, got " + workers);
        }
    }

    private static void join(List<Future<?>> parts) {
        for (Future<?> f : parts) {
            get(f);
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("parallel kernels: interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("parallel kernels: a worker failed", e.getCause());
        }
    }
}
