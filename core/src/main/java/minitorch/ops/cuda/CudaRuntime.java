package minitorch.ops.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide CUDA state: the driver, one device and its primary context, the kernel compiler
 * with its caches, and the device memory allocator. Created on first use; when CUDA cannot run, the
 * reason is kept and every later request fails with the same message without probing again.
 */
final class CudaRuntime {
    private static CudaRuntime instance;
    private static CudaException failure;

    final CudaDriver driver;
    final int device;
    final String deviceName;
    final int computeMajor, computeMinor, multiprocessors, driverVersion;
    final String arch;
    final CachingAllocator allocator;
    private final MemorySegment context;
    private final KernelCompiler compiler;
    private final KernelCache diskCache;
    private final Map<String, Map<String, MemorySegment>> loaded = new ConcurrentHashMap<>();

    /** The runtime, starting it on first call; throws {@link CudaUnavailableException} saying why it cannot. */
    static synchronized CudaRuntime get() {
        if (instance != null) {
            return instance;
        }
        if (failure == null) {
            try {
                CudaDriver driver = CudaDriver.load(CudaDriver.candidates());
                instance = new CudaRuntime(driver, KernelCompiler::find, KernelCache.defaultDirectory());
                return instance;
            } catch (CudaException e) {
                failure = e;
            }
        }
        CudaException again = failure instanceof CudaUnavailableException
                ? new CudaUnavailableException(failure.getMessage(), failure.code())
                : new CudaException(failure.getMessage(), failure.code());
        again.addSuppressed(failure);
        throw again;
    }

    /** A runtime over {@code driver}; tests pass a stand-in driver library, the backend the real one. */
    CudaRuntime(CudaDriver driver, java.util.function.Supplier<KernelCompiler> compilers, java.nio.file.Path cacheDir) {
        this.driver = driver;
        int rc = driver.init();
        if (rc != 0) {
            throw new CudaUnavailableException(explainInitFailure(rc, driver.errorName(rc)), rc);
        }
        int count = driver.deviceCount();
        if (count == 0) {
            throw new CudaUnavailableException("cuda: no GPU: the NVIDIA driver (" + driver.path
                    + ") reports 0 devices; check nvidia-smi and CUDA_VISIBLE_DEVICES, or use --backend fast.");
        }
        String ordinalText = NativeLibraries.env("MINITORCH_CUDA_DEVICE");
        int ordinal = ordinalText == null ? 0 : Integer.parseInt(ordinalText.strip());
        if (ordinal < 0 || ordinal >= count) {
            throw new CudaUnavailableException("cuda: MINITORCH_CUDA_DEVICE=" + ordinal + " but only " + count
                    + " device(s) are visible");
        }
        device = driver.device(ordinal);
        deviceName = driver.deviceName(device);
        computeMajor = driver.attribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        computeMinor = driver.attribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        multiprocessors = driver.attribute(CudaDriver.ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
        driverVersion = driver.driverVersion();
        arch = KernelCompiler.arch(computeMajor, computeMinor);
        context = driver.retainPrimaryContext(device);
        driver.setCurrent(context);
        compiler = compilers.get();
        diskCache = new KernelCache(cacheDir, compiler);
        allocator = new CachingAllocator(new CachingAllocator.DeviceMemory() {
            @Override public long allocate(long bytes) {
                makeCurrent();
                return driver.memAlloc(bytes);
            }

            @Override public void free(long pointer) {
                makeCurrent();
                driver.memFree(pointer);
            }
        }, CudaRuntime::collectGarbage);
    }

    static String explainInitFailure(int rc, String name) {
        String why = switch (rc) {
            case CudaDriver.CUDA_ERROR_NO_DEVICE -> "no CUDA-capable GPU is visible to the driver; check nvidia-smi"
                    + " and CUDA_VISIBLE_DEVICES";
            case CudaDriver.CUDA_ERROR_STUB_LIBRARY -> "the loaded libcuda.so.1 is the toolkit's stub, not the NVIDIA"
                    + " driver; install the driver or point MINITORCH_CUDA_LIB at the real library";
            case CudaDriver.CUDA_ERROR_INSUFFICIENT_DRIVER -> "the NVIDIA driver is older than this CUDA version;"
                    + " update the driver";
            default -> "the NVIDIA driver failed to initialise";
        };
        return "cuda: no GPU: cuInit failed with " + name + " (" + rc + "): " + why + "; or use --backend fast.";
    }

    /** Unreachable storages return their device blocks through cleaners; give those a chance to run. */
    private static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line: device, compute capability, driver and compiler. */
    String describe() {
        return deviceName + " (" + arch + ", " + multiprocessors + " SMs), driver " + driverVersion + ", "
                + compiler.version();
    }

    /** Binds the context to the calling thread (the driver's current context is per OS thread). */
    void makeCurrent() {
        driver.setCurrent(context);
    }

    /** The kernel's function handle, compiling (or reading from disk) and loading its module on first use. */
    MemorySegment function(KernelModule module, String kernel) {
        Map<String, MemorySegment> functions = loaded.computeIfAbsent(module.name(), name -> {
            makeCurrent();
            MemorySegment handle = driver.loadModule(diskCache.image(module, arch), name);
            Map<String, MemorySegment> byName = new HashMap<>();
            for (String k : module.kernels()) {
                byName.put(k, driver.function(handle, k));
            }
            return Map.copyOf(byName);
        });
        MemorySegment function = functions.get(kernel);
        if (function == null) {
            throw new IllegalArgumentException("cuda: module " + module.name() + " has no kernel " + kernel);
        }
        return function;
    }

    /**
     * Launches {@code kernel} of {@code module}. Arguments: {@code Long} (device pointer), {@code Integer},
     * {@code Float}, {@code Double}, and {@code int[]} for a struct of ints passed by value.
     */
    void launch(KernelModule module, String kernel, LaunchGeometry geometry, Object... args) {
        MemorySegment function = function(module, kernel);
        makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            driver.launch(function, geometry, params(arena, args), kernel);
        }
    }

    /** cuLaunchKernel's kernelParams: entry i points to argument i's bytes (the driver copies them at launch). */
    static MemorySegment params(Arena arena, Object... args) {
        MemorySegment array = arena.allocate(ADDRESS, Math.max(1, args.length));
        for (int i = 0; i < args.length; i++) {
            MemorySegment value = switch (args[i]) {
                case Long l -> arena.allocateFrom(JAVA_LONG, l);
                case Integer n -> arena.allocateFrom(JAVA_INT, n);
                case Float f -> arena.allocateFrom(JAVA_FLOAT, f);
                case Double d -> arena.allocateFrom(JAVA_DOUBLE, d);
                case int[] struct -> arena.allocateFrom(JAVA_INT, struct);
                default -> throw new IllegalArgumentException("cuda launch: unsupported argument " + args[i]);
            };
            array.setAtIndex(ADDRESS, i, value);
        }
        return array;
    }

    // ---- memory ---------------------------------------------------------------------------------

    void copyToDevice(long device, MemorySegment host, long bytes) {
        if (bytes == 0) {
            return;
        }
        makeCurrent();
        driver.copyHostToDevice(device, host, bytes);
    }

    void copyToHost(MemorySegment host, long device, long bytes) {
        if (bytes == 0) {
            return;
        }
        makeCurrent();
        driver.copyDeviceToHost(host, device, bytes);
    }

    void copyOnDevice(long target, long source, long bytes) {
        if (bytes == 0) {
            return;
        }
        makeCurrent();
        driver.copyDeviceToDevice(target, source, bytes);
    }

    void zero(long device, long bytes) {
        if (bytes == 0) {
            return;
        }
        makeCurrent();
        driver.memsetZero(device, bytes);
    }

    void synchronize() {
        makeCurrent();
        driver.synchronize();
    }
}
