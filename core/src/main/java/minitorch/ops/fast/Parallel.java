package minitorch.ops.fast;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The library's own thread pool and its one loop shape: split {@code [0, n)} into a few contiguous
 * chunks that the calling thread and pool workers take from a shared counter, and wait for all. Its
 * parallelism is settable ({@link FastOps#setThreads}) so benchmarks can measure 1 and 2 threads;
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
            throw new IllegalArgumentException("FastOps.setThreads: thread count must be at least 1, got " + n);
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

    /** Work units (about one element copied or multiply-added) below which {@link #forEach} stays on one thread. */
    static final long EACH_GRAIN = 1 << 16;

    /**
     * Runs {@code task} for each index in {@code [0, count)}, on up to the thread count when
     * {@code count * workPerIndex} is worth sharing out (see {@link #tasksFor}).
     */
    static void forEach(int count, long workPerIndex, IntConsumer task) {
        forRange(count, tasksFor(count * workPerIndex, EACH_GRAIN), 1, (start, end) -> {
            for (int i = start; i < end; i++) {
                task.accept(i);
            }
        });
    }

    /** Chunks per thread: more than one, so a thread the OS delays leaves its share to the others. */
    private static final int CHUNKS_PER_TASK = 4;

    /**
     * Runs {@code body} over {@code [0, n)} on up to {@code tasks} threads (the caller and pool
     * workers). The range is cut into a few chunks per thread whose boundaries are multiples of
     * {@code align} (so threads never write the same cache line and SIMD loops keep their
     * alignment); every thread takes the next chunk from a shared counter until none is left, so
     * the split balances itself on a busy machine. Returns the number of threads used.
     */
    static int forRange(int n, int tasks, int align, Body body) {
        if (tasks <= 1 || n <= align) {
            body.run(0, n);
            return 1;
        }
        long pieces = (long) tasks * CHUNKS_PER_TASK;
        int chunk = (int) Math.min(n, (n + pieces - 1) / pieces);
        chunk = Math.max(align, (chunk + align - 1) / align * align);
        int count = (n + chunk - 1) / chunk;
        if (count <= 1) {
            body.run(0, n);
            return 1;
        }
        int runners = Math.min(tasks, count);
        int size = chunk;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
                int start = c * size;
                body.run(start, Math.min(n, start + size));
            }
        };
        ForkJoinPool p = pool;
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[runners - 1];
        // Each forked task is claimed by whoever comes first: the worker when it starts, or the caller
        // when it has run out of chunks. A worker the OS has not woken yet is then not waited for (a
        // wake-up can cost more than a small loop), and when it does run, it finds its task claimed.
        AtomicBoolean[] claimed = new AtomicBoolean[forked.length];
        for (int t = 0; t < forked.length; t++) {
            AtomicBoolean mine = claimed[t] = new AtomicBoolean();
            forked[t] = p.submit(() -> {
                if (mine.compareAndSet(false, true)) {
                    worker.run();
                }
            });
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(count); // stop the others taking new chunks
        }
        for (int t = 0; t < forked.length; t++) {
            if (claimed[t].compareAndSet(false, true)) {
                continue; // never started: nothing to wait for
            }
            try {
                forked[t].join();
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
        return runners;
    }
}
