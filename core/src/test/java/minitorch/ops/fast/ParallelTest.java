package minitorch.ops.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parallel.forRange's promises: every index once, no waiting for a worker that never started, a worker's failure
 * reaches the caller; and its workers: retired when the thread count changes.
 */
class ParallelTest {
    private int savedThreads;

    @BeforeEach
    void twoThreads() {
        savedThreads = FastOps.threads();
        FastOps.setThreads(2); // the caller and one pool worker
    }

    @AfterEach
    void restoreThreads() { FastOps.setThreads(savedThreads); }

    @Test
    void everyIndexRunsExactlyOnce() {
        for (int n : new int[] {1, 63, 64, 65, 1000, 4097}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            Parallel.forRange(n, 2, 64, (start, end) -> {
                for (int i = start; i < end; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen.get(i), "index " + i + " of " + n);
            }
        }
    }

    /**
     * With the only pool worker held inside another loop's chunk, a new loop must finish on the
     * calling thread alone: its forked task is never started, so the caller claims it instead of
     * waiting for the worker.
     */
    @Test
    void doesNotWaitForAWorkerThatNeverStarted() throws Exception {
        CountDownLatch workerInside = new CountDownLatch(1), release = new CountDownLatch(1);
        // callers of their own (the common pool may have one thread, which the held loop's caller occupies)
        ExecutorService callers = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> Parallel.forRange(8 * 64, 2, 64, (start, end) -> {
            try {
                if (Thread.currentThread().getName().startsWith("minitorch-fast-")) {
                    workerInside.countDown();
                    release.await(); // the pool's one worker stays here
                } else {
                    workerInside.await(10, TimeUnit.SECONDS); // let the worker take a chunk first
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), callers);
        try {
            assertTrue(workerInside.await(10, TimeUnit.SECONDS), "the pool worker never took a chunk");
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            CompletableFuture<Integer> loop = CompletableFuture.supplyAsync(() -> Parallel.forRange(1000, 2, 64, (start, end) -> {
                for (int i = start; i < end; i++) {
                    seen.incrementAndGet(i);
                }
            }), callers);
            loop.get(10, TimeUnit.SECONDS); // times out if the caller waits for the held worker
            for (int i = 0; i < 1000; i++) {
                assertEquals(1, seen.get(i), "index " + i);
            }
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            callers.shutdown();
        }
    }

    /** A chunk that throws on a pool worker fails the whole loop, on the caller, with that exception. */
    @Test
    void aFailureOnAWorkerReachesTheCaller() {
        var failure = assertThrows(IllegalStateException.class, () -> {
            for (int attempt = 0; attempt < 50; attempt++) { // the worker takes a chunk in (nearly) every attempt
                Parallel.forRange(16 * 64, 2, 64, (start, end) -> {
                    if (Thread.currentThread().getName().startsWith("minitorch-fast-")) {
                        throw new IllegalStateException("chunk " + start + " failed on the worker");
                    }
                    LockSupport.parkNanos(200_000); // slow chunks, so the worker has time to take one
                });
            }
        });
        assertTrue(failure.getMessage().endsWith("failed on the worker"), failure.getMessage());
    }

    /** Changing the thread count retires the old workers: only threads − 1 stay alive. */
    @Test
    void setThreadsRetiresTheOldWorkers() throws Exception {
        FastOps.setThreads(4);
        Parallel.forRange(64 * 64, 4, 64, (start, end) -> { });
        FastOps.setThreads(2);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (workersAlive() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, workersAlive());
    }

    private static long workersAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("minitorch-fast-")).count();
    }
}
