package minitorch.ops.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A size-bucketed caching allocator for device memory, as PyTorch keeps one: a freed block goes on
 * a free list of its bucket instead of back to the driver ({@code cuMemFree} is slow and may
 * synchronise), and the next request of that bucket reuses it. Buckets are powers of two split in
 * four steps (so at most 25% of a block is slack), at least {@link #MIN_BLOCK} bytes.
 *
 * <p>{@link #release} never calls the driver, so a {@link java.lang.ref.Cleaner} thread may call it.
 * When the device is full, the allocator empties its cache, then asks the JVM to collect unreachable
 * storages (whose cleaners return their blocks), and tries once more before giving up.
 */
public final class CachingAllocator {

    /** Raw device memory: the driver's cuMemAlloc/cuMemFree, or a fake in tests. */
    public interface DeviceMemory {
        /** A device pointer to {@code bytes} bytes; throws {@link DeviceOutOfMemoryException} when full. */
        long allocate(long bytes);

        void free(long pointer);
    }

    /** How many times a full device makes the allocator ask for garbage collection before giving up. */
    static final int RECLAIM_ATTEMPTS = 3;

    /** Smallest block handed out. */
    public static final long MIN_BLOCK = 512;

    private final DeviceMemory memory;
    private final Runnable reclaim;
    private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
    private long cachedBytes;
    private long inUseBytes;

    /**
     * @param memory  where blocks come from
     * @param reclaim run when the device is full, before the last attempt (e.g. a GC so that cleaners
     *                of unreachable storages release their blocks)
     */
    public CachingAllocator(DeviceMemory memory, Runnable reclaim) {
        this.memory = memory;
        this.reclaim = reclaim;
    }

    /** The block size that serves a request of {@code bytes}: the next of 2^k x {1, 1.25, 1.5, 1.75}. */
    public static long bucket(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cuda allocate: negative size " + bytes);
        }
        if (bytes <= MIN_BLOCK) {
            return MIN_BLOCK;
        }
        long power = Long.highestOneBit(bytes);
        if (power == bytes) {
            return bytes;
        }
        long quarter = power / 4;
        return (bytes + quarter - 1) / quarter * quarter;
    }

    /** A block of at least {@code bytes} bytes; returns its device pointer (size {@link #bucket}(bytes)). */
    public long allocate(long bytes) {
        long size = bucket(bytes);
        synchronized (this) {
            ArrayDeque<Long> list = free.get(size);
            if (list != null && !list.isEmpty()) {
                cachedBytes -= size;
                inUseBytes += size;
                return list.pop();
            }
        }
        long pointer;
        try {
            pointer = memory.allocate(size);
        } catch (DeviceOutOfMemoryException full) {
            pointer = allocateAfterReclaiming(size);
        }
        synchronized (this) {
            inUseBytes += size;
        }
        return pointer;
    }

    /** Cached blocks go back first; then, a few times, the JVM collects unreachable storages (their cleaners release). */
    private long allocateAfterReclaiming(long size) {
        DeviceOutOfMemoryException last = null;
        for (int attempt = 0; attempt <= RECLAIM_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                reclaim.run();
            }
            emptyCache();
            try {
                return memory.allocate(size);
            } catch (DeviceOutOfMemoryException stillFull) {
                last = stillFull;
            }
        }
        throw new DeviceOutOfMemoryException("cuda: device out of memory allocating " + size + " bytes ("
                + inUseBytes() + " bytes held by live tensors); free tensors with close(), use smaller batches or"
                + " float32. Driver: " + last.getMessage());
    }

    /** Returns a block from {@link #allocate} of {@code bytes} requested bytes to the cache. */
    public synchronized void release(long pointer, long bytes) {
        long size = bucket(bytes);
        free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(pointer);
        cachedBytes += size;
        inUseBytes -= size;
    }

    /** Gives every cached block back to the driver. */
    public void emptyCache() {
        Map<Long, ArrayDeque<Long>> blocks;
        synchronized (this) {
            blocks = new HashMap<>(free);
            free.clear();
            cachedBytes = 0;
        }
        blocks.values().forEach(list -> list.forEach(memory::free));
    }

    /** Bytes in blocks waiting on free lists. */
    public synchronized long cachedBytes() { return cachedBytes; }

    /** Bytes in blocks handed out and not yet released. */
    public synchronized long inUseBytes() { return inUseBytes; }
}
