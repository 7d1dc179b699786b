package minitorch.ops.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parallel.forRange's promises: every index once, and no waiting for a worker that never started. */
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
        }));
        try {
            assertTrue(workerInside.await(10, TimeUnit.SECONDS), "the pool worker never took a chunk");
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            CompletableFuture<Integer> loop = CompletableFuture.supplyAsync(() -> Parallel.forRange(1000, 2, 64, (start, end) -> {
                for (int i = start; i < end; i++) {
                    seen.incrementAndGet(i);
                }
            }));
            loop.get(10, TimeUnit.SECONDS); // times out if the caller waits for the held worker
            for (int i = 0; i < 1000; i++) {
                assertEquals(1, seen.get(i), "index " + i);
            }
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }
}
