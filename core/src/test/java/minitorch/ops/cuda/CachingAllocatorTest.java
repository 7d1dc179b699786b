package minitorch.ops.cuda;

import static minitorch.testing.TensorGens.longs;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingAllocatorTest {

    /** A device of fixed capacity that hands out increasing fake addresses. */
    static final class FakeDevice implements CachingAllocator.DeviceMemory {
        final long capacity;
        final Map<Long, Long> live = new HashMap<>();
        long used, next = 0x1000;
        int allocations, frees;

        FakeDevice(long capacity) { this.capacity = capacity; }

        @Override public synchronized long allocate(long bytes) {
            if (used + bytes > capacity) {
                throw new DeviceOutOfMemoryException("cuda: cuMemAlloc failed with CUDA_ERROR_OUT_OF_MEMORY");
            }
            used += bytes;
            allocations++;
            long p = next;
            next += bytes;
            live.put(p, bytes);
            return p;
        }

        @Override public synchronized void free(long pointer) {
            used -= live.remove(pointer);
            frees++;
        }
    }

    @Test
    void bucketsArePowersOfTwoInQuarterSteps() {
        assertEquals(512, CachingAllocator.bucket(0));
        assertEquals(512, CachingAllocator.bucket(1));
        assertEquals(512, CachingAllocator.bucket(512));
        assertEquals(640, CachingAllocator.bucket(513));
        assertEquals(1024, CachingAllocator.bucket(1000));
        assertEquals(1 << 20, CachingAllocator.bucket(1 << 20));
        assertEquals((1 << 20) + (1 << 18), CachingAllocator.bucket((1 << 20) + 1));
        assertEquals(7L << 30, CachingAllocator.bucket((6L << 30) + 1));
        assertThrows(IllegalArgumentException.class, () -> CachingAllocator.bucket(-1));
    }

    @Test
    void aBucketFitsTheRequestWithAtMostAQuarterSlack() {
        theory(500).forAll(longs(0, 1L << 40)).checkAssert(bytes -> {
            long bucket = CachingAllocator.bucket(bytes);
            assertTrue(bucket >= bytes);
            assertTrue(bucket <= Math.max(CachingAllocator.MIN_BLOCK, bytes + bytes / 4 + 1), bytes + " -> " + bucket);
            assertEquals(bucket, CachingAllocator.bucket(bucket), "a bucket is its own bucket");
        });
    }

    @Test
    void aReleasedBlockIsReusedWithoutTheDriver() {
        FakeDevice device = new FakeDevice(1 << 20);
        CachingAllocator allocator = new CachingAllocator(device, () -> {});
        long a = allocator.allocate(1000);
        allocator.release(a, 1000);
        assertEquals(1024, allocator.cachedBytes());
        assertEquals(0, allocator.inUseBytes());
        long b = allocator.allocate(900);   // same bucket (1024)
        assertEquals(a, b);
        assertEquals(1, device.allocations);
        long c = allocator.allocate(5000);  // another bucket: a new block
        assertNotEquals(a, c);
        assertEquals(2, device.allocations);
        assertEquals(1024 + 5120, allocator.inUseBytes());
    }

    @Test
    void whenTheDeviceIsFullTheCacheIsEmptiedThenGarbageReclaimed() {
        FakeDevice device = new FakeDevice(4096);
        AtomicInteger reclaims = new AtomicInteger();
        long[] pending = new long[1];
        CachingAllocator[] holder = new CachingAllocator[1];
        // the "garbage collector" releases a block an unreachable storage held
        holder[0] = new CachingAllocator(device, () -> {
            reclaims.incrementAndGet();
            if (pending[0] != 0) {
                holder[0].release(pending[0], 2048);
                pending[0] = 0;
            }
        });
        CachingAllocator allocator = holder[0];
        long cached = allocator.allocate(1024);
        allocator.release(cached, 1024);            // 1024 cached
        pending[0] = allocator.allocate(2048);      // 3072 used on the device
        long big = allocator.allocate(3000);        // needs 3072: cache emptied (1024 freed) -> still full -> reclaim
        assertTrue(big > 0);
        assertEquals(1, reclaims.get());
        assertEquals(2, device.frees);
        assertEquals(3072, device.used);
        DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class, () -> allocator.allocate(4096));
        assertTrue(e.getMessage().contains("device out of memory allocating 4096 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("close()"), "says what to do: " + e.getMessage());
        assertEquals(1 + CachingAllocator.RECLAIM_ATTEMPTS, reclaims.get(), "tried collecting garbage before giving up");
    }

    @Test
    void emptyCacheReturnsEveryCachedBlock() {
        FakeDevice device = new FakeDevice(1 << 20);
        CachingAllocator allocator = new CachingAllocator(device, () -> {});
        long[] blocks = new long[5];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = allocator.allocate(100L * (i + 1) * 100);
        }
        for (int i = 0; i < blocks.length; i++) {
            allocator.release(blocks[i], 100L * (i + 1) * 100);
        }
        allocator.emptyCache();
        assertEquals(0, allocator.cachedBytes());
        assertEquals(0, device.used);
        assertEquals(5, device.frees);
    }

    @Test
    void releaseFromManyThreadsKeepsTheBooksBalanced() throws InterruptedException {
        FakeDevice device = new FakeDevice(1L << 30);
        CachingAllocator allocator = new CachingAllocator(device, () -> {});
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    long bytes = 512L * (1 + i % 7);
                    allocator.release(allocator.allocate(bytes), bytes);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, allocator.inUseBytes());
        assertEquals(device.used, allocator.cachedBytes());
    }
}
