package minitorch.backend.fast;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The library's own thread pool and its one loop shape: split {@code [0, n)} into a few contiguous
 * chunks, run the first on the calling thread and the rest on pool workers, wait for all. Its
 * parallelism is settable ({@link FastBackend#setThreads}) so benchmarks can measure 1 and 2 threads;
 * the default is the machine's processor count, or the system property {@code minitorch.fast.threads}.
 */
final class Parallel {
    private Parallel() {}

    /** A chunk of work: the half-open range {@code [start, end)}. */
    @FunctionalInterface
    interface Body {
        void run(int start, int end);
    }

    private static volatile int threads = initialThreads();
    private static volatile ForkJoinPool pool = newPool(threads);

    private static int initialThreads() {
        String configured = System.getProperty("minitorch.fast.threads");
        if (configured != null) {
            try {
                int n = Integer.parseInt(configured.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default; a bad property must not break class loading
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static ForkJoinPool newPool(int parallelism) {
        // The caller computes one chunk itself, so the pool needs one worker fewer than the thread count.
        return new ForkJoinPool(Math.max(1, parallelism - 1), pool -> {
            var worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            worker.setName("minitorch-fast-" + worker.getPoolIndex());
            worker.setDaemon(true);
            return worker;
        }, null, false);
    }

    static int threads() { return threads; }

    static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FastBackend.setThreads: thread count must be at least 1, got " + n);
        }
        if (n != threads) {
            ForkJoinPool old = pool;
            pool = newPool(n);
            threads = n;
            old.shutdown(); // running chunks finish; new work goes to the new pool
        }
    }

    /**
     * How many chunks {@code work} units deserve: one below {@code grain} (a thread hand-off costs
     * more than it saves there), else up to the thread count.
     */
    static int tasksFor(long work, long grain) {
        if (work < grain) {
            return 1;
        }
        return (int) Math.min(threads, Math.max(1, work / grain));
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code tasks} contiguous chunks whose boundaries are
     * multiples of {@code align} (so threads never write the same cache line, and SIMD loops keep
     * their alignment). Returns the number of chunks actually used.
     */
    static int forRange(int n, int tasks, int align, Body body) {
        int chunk = (int) Math.min(n, ((long) n + tasks - 1) / tasks);
        chunk = Math.max(align, (chunk + align - 1) / align * align);
        int used = (n + chunk - 1) / chunk;
        if (used <= 1) {
            body.run(0, n);
            return 1;
        }
        ForkJoinPool p = pool;
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[used - 1];
        for (int t = 1; t < used; t++) {
            int start = t * chunk;
            int end = Math.min(n, start + chunk);
            forked[t - 1] = p.submit(() -> body.run(start, end));
        }
        Throwable failure = null;
        try {
            body.run(0, Math.min(n, chunk));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> task : forked) {
            try {
                task.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return used;
    }
}
