package minitorch.ops.fast;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The library's own thread pool and its one loop shape: split {@code [0, n)} into a few contiguous
 * chunks that the calling thread and pool workers take from a shared counter, and wait for all. Its
 * parallelism is settable ({@link FastOps#setThreads}) so benchmarks can measure 1 and 2 threads;
 * the default is the machine's processor count, or the system property {@code minitorch.fast.threads}.
 *
 * <p>The workers are plain threads that stay awake for {@link #SPIN_NANOS} after their last chunk before they sleep,
 * as OpenMP's do: a training step is a string of parallel loops tens of microseconds apart, and waking a sleeping
 * thread on a virtual machine took longer than the loops (a split/H=500 epoch on 2 threads was slower than on 1
 * with a ForkJoinPool, whose workers park at once; docs/performance-log.md). Awake, they yield the CPU rather than
 * spin on it: with another busy process on the 2 vCPUs a spinning worker took the CPU the calling thread needed
 * between loops, and the epoch took 1.8–1.9× as long.
 */
final class Parallel {
    private Parallel() {}

    /** A chunk of work: the half-open range {@code [start, end)}. */
    @FunctionalInterface
    interface Body {
        void run(int start, int end);
    }

    private static volatile int threads = initialThreads();
    private static volatile Worker[] workers = newWorkers(threads);

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

    /** How long an idle worker stays awake before it sleeps: longer than the gaps between a training step's loops. */
    static final long SPIN_NANOS = 1_000_000;

    private static Worker[] newWorkers(int parallelism) {
        // The caller computes one chunk itself, so the pool needs one worker fewer than the thread count.
        Worker[] w = new Worker[parallelism - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = new Worker("minitorch-fast-" + i);
            w[i].start();
        }
        return w;
    }

    /**
     * A pool thread: runs what is put in its slot, stays awake (yielding) for {@link #SPIN_NANOS} after its last task, then sleeps
     * until {@link #offer} wakes it. The slot holds one task that has not started, so a second caller's offer
     * fails while one waits (the caller then keeps that share itself).
     */
    private static final class Worker extends Thread {
        private final AtomicReference<Runnable> slot = new AtomicReference<>();
        private volatile boolean sleeping;
        private volatile boolean retired;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!retired) {
                Runnable task = slot.getAndSet(null);
                if (task != null) {
                    task.run();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    // yields, not just spins: on a busy machine the caller may need this CPU for the work between loops
                    Thread.yield();
                } else {
                    // sleeping is set before the slot is checked again, and offer sets the slot before it reads
                    // sleeping (both volatile): either this thread sees the task or the caller sees it asleep
                    sleeping = true;
                    if (slot.get() == null && !retired) {
                        LockSupport.park(this);
                    }
                    sleeping = false;
                    idleSince = System.nanoTime();
                }
            }
        }

        /** Puts {@code task} in the slot and wakes the thread if it sleeps; false if the slot is taken. */
        boolean offer(Runnable task) {
            if (!slot.compareAndSet(null, task)) {
                return false;
            }
            if (sleeping) {
                LockSupport.unpark(this);
            }
            return true;
        }

        void retire() {
            retired = true;
            LockSupport.unpark(this);
        }
    }

    /**
     * One worker's share of a loop. Whoever comes first claims it: the worker when it starts it, or the caller
     * when it has run out of chunks (then the worker finds it claimed and skips it). A worker the OS has not woken
     * yet is then not waited for; one that started is, and its failure is handed to the caller.
     */
    private static final class Share implements Runnable {
        private static final int NEW = 0, RUNNING = 1, DONE = 2;
        private final AtomicInteger state = new AtomicInteger(NEW);
        private final Runnable work;
        private volatile Thread waiter;
        private Throwable failure; // written before state becomes DONE, read after

        Share(Runnable work) { this.work = work; }

        @Override
        public void run() {
            if (!state.compareAndSet(NEW, RUNNING)) {
                return;
            }
            try {
                work.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                state.set(DONE);
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        /** Claims the share if it never started (returns null), else waits for it and returns its failure, if any. */
        Throwable claimOrAwait() {
            if (state.compareAndSet(NEW, DONE)) {
                return null;
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (state.get() != DONE && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            if (state.get() != DONE) {
                waiter = Thread.currentThread();
                while (state.get() != DONE) {
                    LockSupport.park(this);
                }
            }
            return failure;
        }
    }

    static int threads() { return threads; }

    static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FastOps.setThreads: thread count must be at least 1, got " + n);
        }
        if (n != threads) {
            Worker[] old = workers;
            workers = newWorkers(n);
            threads = n;
            for (Worker w : old) {
                w.retire(); // a running chunk finishes; new work goes to the new workers
            }
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
        Worker[] pool = workers;
        Share[] shares = new Share[runners - 1];
        for (int t = 0; t < shares.length; t++) {
            shares[t] = new Share(worker);
            if (t >= pool.length || !pool[t].offer(shares[t])) {
                shares[t].claimOrAwait(); // no free worker: the caller keeps this share (claims it now)
            }
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(count); // stop the others taking new chunks
        }
        for (Share share : shares) {
            Throwable f = share.claimOrAwait();
            if (failure == null) {
                failure = f;
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
