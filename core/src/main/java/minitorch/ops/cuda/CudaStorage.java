package minitorch.ops.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import minitorch.layout.DoubleStorage;
import minitorch.layout.ElementType;
import minitorch.layout.FloatStorage;
import minitorch.layout.Storage;

/**
 * Tensor elements in GPU memory. Kernels read and write them in place, so a tensor stays on the
 * device across operations; the host sees them only through {@link #toDoubleArray()} (one bulk
 * copy) and {@link #get}/{@link #set} (one element each, for item() and printing).
 *
 * <p>The device block is returned to the {@link CachingAllocator} by {@link #close()}, or by a
 * {@link Cleaner} once the storage is unreachable, whichever comes first.
 */
public final class CudaStorage implements Storage, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CudaRuntime runtime;
    private final ElementType dtype;
    private final int size;
    private final long pointer;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    /** Returns the block exactly once; holds no reference to the storage, or it would never be unreachable. */
    private static final class Release implements Runnable {
        private final CachingAllocator allocator;
        private final long pointer, bytes;
        private volatile boolean done;

        Release(CachingAllocator allocator, long pointer, long bytes) {
            this.allocator = allocator;
            this.pointer = pointer;
            this.bytes = bytes;
        }

        @Override public synchronized void run() {
            if (!done && bytes > 0) {
                allocator.release(pointer, bytes);
            }
            done = true;
        }
    }

    private CudaStorage(CudaRuntime runtime, ElementType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("cuda allocate: negative size " + size);
        }
        this.runtime = runtime;
        this.dtype = dtype;
        this.size = size;
        long bytes = bytes(dtype, size);
        this.pointer = bytes == 0 ? 0 : runtime.allocator.allocate(bytes);
        this.release = new Release(runtime.allocator, pointer, bytes);
        this.cleanable = CLEANER.register(this, release);
    }

    /** Zeroed device storage. */
    static CudaStorage zeros(CudaRuntime runtime, ElementType dtype, int size) {
        CudaStorage storage = new CudaStorage(runtime, dtype, size);
        runtime.zero(storage.pointer, bytes(dtype, size));
        return storage;
    }

    /** A device copy of any storage (host or device), keeping its dtype. */
    static CudaStorage copyOf(CudaRuntime runtime, Storage source) {
        CudaStorage storage = new CudaStorage(runtime, source.elementType(), source.size());
        if (source instanceof CudaStorage device) {
            runtime.copyOnDevice(storage.pointer(), device.pointer(), bytes(source.elementType(), source.size()));
        } else {
            storage.upload(source);
        }
        return storage;
    }

    static long bytes(ElementType dtype, int size) {
        return (long) size * dtype.byteSize();
    }

    /** Device address of element 0; kernels add element offsets to it. */
    public long pointer() {
        if (release.done) {
            throw new IllegalStateException("cuda: storage of " + size + " " + dtype + " elements was closed");
        }
        return pointer;
    }

    @Override public ElementType elementType() { return dtype; }

    @Override public int size() { return size; }

    @Override public boolean isHost() { return false; }

    @Override
    public double get(int position) {
        checkPosition(position);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(dtype.byteSize());
            runtime.copyToHost(one, pointer() + (long) position * dtype.byteSize(), dtype.byteSize());
            return dtype == ElementType.FLOAT32 ? one.get(JAVA_FLOAT, 0) : one.get(JAVA_DOUBLE, 0);
        }
    }

    @Override
    public void set(int position, double value) {
        checkPosition(position);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = dtype == ElementType.FLOAT32 ? arena.allocateFrom(JAVA_FLOAT, (float) value)
                    : arena.allocateFrom(JAVA_DOUBLE, value);
            runtime.copyToDevice(pointer() + (long) position * dtype.byteSize(), one, dtype.byteSize());
        }
    }

    @Override
    public double[] toDoubleArray() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = download(arena);
            if (dtype == ElementType.FLOAT64) {
                return host.toArray(JAVA_DOUBLE);
            }
            float[] floats = host.toArray(JAVA_FLOAT);
            double[] out = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                out[i] = floats[i];
            }
            return out;
        }
    }

    /** A host storage of the same dtype holding a copy of the elements. */
    public Storage toHost() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = download(arena);
            return dtype == ElementType.FLOAT64 ? new DoubleStorage(host.toArray(JAVA_DOUBLE))
                    : new FloatStorage(host.toArray(JAVA_FLOAT));
        }
    }

    /** Overwrites every element with {@code source}'s (same size; converted to this dtype). */
    void upload(Storage source) {
        if (source.size() != size) {
            throw new IllegalArgumentException("cuda upload: " + source.size() + " elements into storage of " + size);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = switch (source) {
                case DoubleStorage d when dtype == ElementType.FLOAT64 -> arena.allocateFrom(JAVA_DOUBLE, d.array());
                case FloatStorage f when dtype == ElementType.FLOAT32 -> arena.allocateFrom(JAVA_FLOAT, f.array());
                default -> {
                    double[] values = source.toDoubleArray();
                    MemorySegment segment = arena.allocate(bytes(dtype, size));
                    for (int i = 0; i < size; i++) {
                        if (dtype == ElementType.FLOAT32) {
                            segment.setAtIndex(JAVA_FLOAT, i, (float) values[i]);
                        } else {
                            segment.setAtIndex(JAVA_DOUBLE, i, values[i]);
                        }
                    }
                    yield segment;
                }
            };
            runtime.copyToDevice(pointer(), host, bytes(dtype, size));
        }
    }

    private MemorySegment download(Arena arena) {
        MemorySegment host = arena.allocate(Math.max(1, bytes(dtype, size)));
        runtime.copyToHost(host, pointer(), bytes(dtype, size));
        return host.asSlice(0, bytes(dtype, size));
    }

    private void checkPosition(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("cuda storage: position " + position + " outside [0, " + size + ")");
        }
    }

    /** Returns the device memory now (to the allocator's cache); later use of this storage fails. */
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "CudaStorage[" + size + " " + dtype + "]";
    }
}
