package minitorch.ops.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The CUDA driver API ({@code libcuda.so.1}, shipped with the NVIDIA driver) bound through the FFM
 * API: the ~20 functions the backend needs. Every binding uses the exported versioned symbol
 * ({@code cuMemAlloc_v2} and so on): the unsuffixed exports are the legacy 32-bit ABI. Every method
 * checks the CUresult and throws a {@link CudaException} naming the call and the error.
 */
final class CudaDriver {

    /** Where libcuda.so.1 is looked for: $MINITORCH_CUDA_LIB, the loader's search path, then usual driver dirs. */
    static List<String> candidates() {
        List<String> list = new ArrayList<>();
        list.add(NativeLibraries.env("MINITORCH_CUDA_LIB"));
        list.add("libcuda.so.1");
        list.add("/usr/lib/x86_64-linux-gnu/libcuda.so.1");
        list.add("/usr/local/nvidia/lib64/libcuda.so.1");
        list.add("/usr/lib64/libcuda.so.1");
        list.add("/usr/lib/wsl/lib/libcuda.so.1");
        return list;
    }

    static final int CUDA_ERROR_OUT_OF_MEMORY = 2;
    static final int CUDA_ERROR_STUB_LIBRARY = 34;
    static final int CUDA_ERROR_INSUFFICIENT_DRIVER = 35;
    static final int CUDA_ERROR_NO_DEVICE = 100;
    static final int ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    static final int ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    private static final int CU_JIT_ERROR_LOG_BUFFER = 5;
    private static final int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;

    final String path;
    private final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName,
            cuDeviceGetAttribute, cuDevicePrimaryCtxRetain, cuCtxSetCurrent, cuCtxSynchronize, cuModuleLoadDataEx,
            cuModuleGetFunction, cuMemAlloc, cuMemFree, cuMemGetInfo, cuMemcpyHtoD, cuMemcpyDtoH, cuMemcpyDtoD,
            cuMemsetD8, cuLaunchKernel, cuGetErrorName, cuGetErrorString;

    private CudaDriver(SymbolLookup l, String path) {
        this.path = path;
        String lib = "libcuda.so.1";
        cuInit = NativeLibraries.bind(l, lib, "cuInit", JAVA_INT, JAVA_INT);
        cuDriverGetVersion = NativeLibraries.bind(l, lib, "cuDriverGetVersion", JAVA_INT, ADDRESS);
        cuDeviceGetCount = NativeLibraries.bind(l, lib, "cuDeviceGetCount", JAVA_INT, ADDRESS);
        cuDeviceGet = NativeLibraries.bind(l, lib, "cuDeviceGet", JAVA_INT, ADDRESS, JAVA_INT);
        cuDeviceGetName = NativeLibraries.bind(l, lib, "cuDeviceGetName", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceGetAttribute = NativeLibraries.bind(l, lib, "cuDeviceGetAttribute", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        cuDevicePrimaryCtxRetain = NativeLibraries.bind(l, lib, "cuDevicePrimaryCtxRetain", JAVA_INT, ADDRESS, JAVA_INT);
        cuCtxSetCurrent = NativeLibraries.bind(l, lib, "cuCtxSetCurrent", JAVA_INT, ADDRESS);
        cuCtxSynchronize = NativeLibraries.bind(l, lib, "cuCtxSynchronize", JAVA_INT);
        cuModuleLoadDataEx = NativeLibraries.bind(l, lib, "cuModuleLoadDataEx", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
                ADDRESS, ADDRESS);
        cuModuleGetFunction = NativeLibraries.bind(l, lib, "cuModuleGetFunction", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuMemAlloc = NativeLibraries.bind(l, lib, "cuMemAlloc_v2", JAVA_INT, ADDRESS, JAVA_LONG);
        cuMemFree = NativeLibraries.bind(l, lib, "cuMemFree_v2", JAVA_INT, JAVA_LONG);
        cuMemGetInfo = NativeLibraries.bind(l, lib, "cuMemGetInfo_v2", JAVA_INT, ADDRESS, ADDRESS);
        cuMemcpyHtoD = NativeLibraries.bind(l, lib, "cuMemcpyHtoD_v2", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = NativeLibraries.bind(l, lib, "cuMemcpyDtoH_v2", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG);
        cuMemcpyDtoD = NativeLibraries.bind(l, lib, "cuMemcpyDtoD_v2", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);
        cuMemsetD8 = NativeLibraries.bind(l, lib, "cuMemsetD8_v2", JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG);
        cuLaunchKernel = NativeLibraries.bind(l, lib, "cuLaunchKernel", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuGetErrorName = NativeLibraries.bind(l, lib, "cuGetErrorName", JAVA_INT, JAVA_INT, ADDRESS);
        cuGetErrorString = NativeLibraries.bind(l, lib, "cuGetErrorString", JAVA_INT, JAVA_INT, ADDRESS);
    }

    /** Loads libcuda.so.1 from the first of {@code candidates} that works, or explains why it cannot. */
    static CudaDriver load(List<String> candidates) {
        List<String> tried = new ArrayList<>();
        NativeLibraries.Loaded loaded = NativeLibraries.load(candidates, tried).orElseThrow(() ->
                new CudaUnavailableException("cuda: no NVIDIA driver: libcuda.so.1 could not be loaded (tried "
                        + String.join(", ", tried) + "). The CUDA backend needs an NVIDIA GPU with its driver installed;"
                        + " set MINITORCH_CUDA_LIB to libcuda.so.1's path if it is elsewhere, or use --backend fast."));
        return new CudaDriver(loaded.lookup(), loaded.path());
    }

    // ---- errors -----------------------------------------------------------------------------------

    /** Throws a {@link CudaException} for a failing CUresult, with the driver's name and description of it. */
    void check(int result, String call) {
        if (result == 0) {
            return;
        }
        String message = "cuda: " + call + " failed with " + errorName(result) + " (" + result + "): "
                + errorString(result);
        if (result == CUDA_ERROR_OUT_OF_MEMORY) {
            throw new DeviceOutOfMemoryException(message);
        }
        throw new CudaException(message, result);
    }

    String errorName(int result) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) cuGetErrorName.invokeExact(result, out);
            return rc == 0 ? NativeLibraries.cString(out.get(ADDRESS, 0)) : "CUDA_ERROR_" + result;
        } catch (Throwable e) {
            return "CUDA_ERROR_" + result;
        }
    }

    String errorString(int result) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) cuGetErrorString.invokeExact(result, out);
            return rc == 0 ? NativeLibraries.cString(out.get(ADDRESS, 0)) : "unknown error";
        } catch (Throwable e) {
            return "unknown error";
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CudaException("cuda: native call failed: " + t);
    }

    // ---- initialisation and devices ---------------------------------------------------------------

    /** cuInit(0): the result code, unchecked, so the caller can explain "no GPU" versus other failures. */
    int init() {
        try {
            return (int) cuInit.invokeExact(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int driverVersion() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) cuDriverGetVersion.invokeExact(out), "cuDriverGetVersion");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int deviceCount() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) cuDeviceGetCount.invokeExact(out), "cuDeviceGetCount");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int device(int ordinal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) cuDeviceGet.invokeExact(out, ordinal), "cuDeviceGet");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    String deviceName(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(256);
            check((int) cuDeviceGetName.invokeExact(out, 256, device), "cuDeviceGetName");
            return out.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int attribute(int attribute, int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) cuDeviceGetAttribute.invokeExact(out, attribute, device), "cuDeviceGetAttribute");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The device's primary context (shared with any other CUDA library in the process). */
    MemorySegment retainPrimaryContext(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) cuDevicePrimaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The current context is per OS thread: every thread calls this before its first driver call. */
    void setCurrent(MemorySegment context) {
        try {
            check((int) cuCtxSetCurrent.invokeExact(context), "cuCtxSetCurrent");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void synchronize() {
        try {
            check((int) cuCtxSynchronize.invokeExact(), "cuCtxSynchronize (an earlier kernel failed)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- modules and launches ---------------------------------------------------------------------

    /** Loads a cubin or NUL-terminated PTX image; the JIT's error log goes into the exception. */
    MemorySegment loadModule(byte[] image, String name) {
        try (Arena arena = Arena.ofConfined()) {
            int logSize = 16384;
            MemorySegment log = arena.allocate(logSize);
            MemorySegment options = arena.allocateFrom(JAVA_INT, CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
            MemorySegment values = arena.allocate(ADDRESS, 2);
            values.setAtIndex(ADDRESS, 0, log);
            values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(logSize)); // a scalar option travels as the pointer value
            MemorySegment data = arena.allocate(image.length + 1L);          // NUL-terminated for PTX
            MemorySegment.copy(image, 0, data, JAVA_BYTE, 0, image.length);
            MemorySegment module = arena.allocate(ADDRESS);
            int rc = (int) cuModuleLoadDataEx.invokeExact(module, data, 2, options, values);
            if (rc != 0) {
                String jitLog = log.getString(0);
                check(rc, "cuModuleLoadDataEx(" + name + ")" + (jitLog.isBlank() ? "" : " JIT log: " + jitLog.strip()));
            }
            return module.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    MemorySegment function(MemorySegment module, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) cuModuleGetFunction.invokeExact(out, module, arena.allocateFrom(name)),
                    "cuModuleGetFunction(" + name + ")");
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Launches on the legacy default stream; {@code params} is the void*[] of pointers to each argument. */
    void launch(MemorySegment function, LaunchGeometry g, MemorySegment params, String name) {
        try {
            check((int) cuLaunchKernel.invokeExact(function, g.gridX(), g.gridY(), g.gridZ(), g.blockX(), g.blockY(),
                    g.blockZ(), 0, MemorySegment.NULL, params, MemorySegment.NULL), "cuLaunchKernel(" + name + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- memory -----------------------------------------------------------------------------------

    long memAlloc(long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            check((int) cuMemAlloc.invokeExact(out, bytes), "cuMemAlloc(" + bytes + " bytes)");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void memFree(long pointer) {
        try {
            check((int) cuMemFree.invokeExact(pointer), "cuMemFree");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {free, total} bytes of device memory. */
    long[] memInfo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(JAVA_LONG), total = arena.allocate(JAVA_LONG);
            check((int) cuMemGetInfo.invokeExact(free, total), "cuMemGetInfo");
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void copyHostToDevice(long device, MemorySegment host, long bytes) {
        try {
            check((int) cuMemcpyHtoD.invokeExact(device, host, bytes), "cuMemcpyHtoD(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Synchronous: waits for earlier kernels, so it is also where their errors surface. */
    void copyDeviceToHost(MemorySegment host, long device, long bytes) {
        try {
            check((int) cuMemcpyDtoH.invokeExact(host, device, bytes), "cuMemcpyDtoH(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void copyDeviceToDevice(long target, long source, long bytes) {
        try {
            check((int) cuMemcpyDtoD.invokeExact(target, source, bytes), "cuMemcpyDtoD(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void memsetZero(long device, long bytes) {
        try {
            check((int) cuMemsetD8.invokeExact(device, (byte) 0, bytes), "cuMemsetD8(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
