package minitorch.ops.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * NVRTC, the CUDA runtime compiler library, bound through FFM: CUDA C to cubin in-process (about
 * 0.1 s per module). NVRTC {@code dlopen}s its builtins library by soname, so when NVRTC is loaded
 * by path its sibling {@code libnvrtc-builtins.so.*} is loaded first by path as well.
 */
public final class NvrtcCompiler implements KernelCompiler {

    private final String version;
    private final MethodHandle create, compile, logSize, log, cubinSize, cubin, destroy, errorString;

    private NvrtcCompiler(SymbolLookup l, String path) {
        String lib = "libnvrtc";
        MethodHandle versionFn = NativeLibraries.bind(l, lib, "nvrtcVersion", JAVA_INT, ADDRESS, ADDRESS);
        create = NativeLibraries.bind(l, lib, "nvrtcCreateProgram", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT,
                ADDRESS, ADDRESS);
        compile = NativeLibraries.bind(l, lib, "nvrtcCompileProgram", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        logSize = NativeLibraries.bind(l, lib, "nvrtcGetProgramLogSize", JAVA_INT, ADDRESS, ADDRESS);
        log = NativeLibraries.bind(l, lib, "nvrtcGetProgramLog", JAVA_INT, ADDRESS, ADDRESS);
        cubinSize = NativeLibraries.bind(l, lib, "nvrtcGetCUBINSize", JAVA_INT, ADDRESS, ADDRESS);
        cubin = NativeLibraries.bind(l, lib, "nvrtcGetCUBIN", JAVA_INT, ADDRESS, ADDRESS);
        destroy = NativeLibraries.bind(l, lib, "nvrtcDestroyProgram", JAVA_INT, ADDRESS);
        errorString = NativeLibraries.bind(l, lib, "nvrtcGetErrorString", ADDRESS, JAVA_INT);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(JAVA_INT), minor = arena.allocate(JAVA_INT);
            check((int) versionFn.invokeExact(major, minor), "nvrtcVersion");
            version = "nvrtc " + major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0) + " (" + path + ")";
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new CudaException("cuda: nvrtcVersion failed: " + t);
        }
    }

    /** NVRTC from $MINITORCH_NVRTC, the loader's path, the CUDA toolkit, or Python NVIDIA wheels. */
    static Optional<NvrtcCompiler> find(List<String> tried) {
        List<String> candidates = new ArrayList<>();
        candidates.add(NativeLibraries.env("MINITORCH_NVRTC"));
        List<String> names = List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so");
        candidates.addAll(names);
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/local/cuda/lib64"),
                Path.of("/usr/local/cuda/targets/x86_64-linux/lib"), Path.of("/usr/lib/x86_64-linux-gnu")));
        dirs.addAll(NativeLibraries.pythonNvidiaLibDirs());
        for (Path dir : dirs) {
            for (String name : names) {
                candidates.add(dir.resolve(name).toString());
            }
        }
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            if (candidate.contains("/")) {
                if (!Files.isRegularFile(Path.of(candidate))) {
                    tried.add(candidate);
                    continue;
                }
                preloadBuiltins(Path.of(candidate).getParent());
            }
            var loaded = NativeLibraries.load(List.of(candidate), tried);
            if (loaded.isPresent()) {
                try {
                    return Optional.of(new NvrtcCompiler(loaded.get().lookup(), loaded.get().path()));
                } catch (CudaException unusable) {
                    tried.add(candidate + " (" + unusable.getMessage() + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static void preloadBuiltins(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith("libnvrtc-builtins.so"))
                    .forEach(p -> NativeLibraries.load(List.of(p.toString()), new ArrayList<>()));
        } catch (IOException | SecurityException ignored) {
            // NVRTC will report a missing builtins library itself
        }
    }

    @Override
    public String version() { return version; }

    @Override
    public byte[] compile(String source, String moduleName, String arch) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment program = arena.allocate(ADDRESS);
            check((int) create.invokeExact(program, arena.allocateFrom(source), arena.allocateFrom(moduleName + ".cu"),
                    0, MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment handle = program.get(ADDRESS, 0);
            try {
                String[] options = {"--gpu-architecture=" + arch, "--std=c++17"};
                MemorySegment optionArray = arena.allocate(ADDRESS, options.length);
                for (int i = 0; i < options.length; i++) {
                    optionArray.setAtIndex(ADDRESS, i, arena.allocateFrom(options[i]));
                }
                int rc = (int) compile.invokeExact(handle, options.length, optionArray);
                if (rc != 0) {
                    throw new KernelCompileException(moduleName, version, message(rc) + "\n" + programLog(arena, handle));
                }
                MemorySegment size = arena.allocate(JAVA_LONG);
                check((int) cubinSize.invokeExact(handle, size), "nvrtcGetCUBINSize");
                MemorySegment image = arena.allocate(size.get(JAVA_LONG, 0));
                check((int) cubin.invokeExact(handle, image), "nvrtcGetCUBIN");
                return image.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            } finally {
                int ignored = (int) destroy.invokeExact(program);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cuda: NVRTC failed on " + moduleName + ": " + t);
        }
    }

    private String programLog(Arena arena, MemorySegment handle) throws Throwable {
        MemorySegment size = arena.allocate(JAVA_LONG);
        if ((int) logSize.invokeExact(handle, size) != 0) {
            return "(no log)";
        }
        MemorySegment text = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
        if ((int) log.invokeExact(handle, text) != 0) {
            return "(no log)";
        }
        return text.getString(0);
    }

    private String message(int result) {
        try {
            return NativeLibraries.cString((MemorySegment) errorString.invokeExact(result));
        } catch (Throwable t) {
            return "NVRTC error " + result;
        }
    }

    private void check(int result, String call) {
        if (result != 0) {
            throw new CudaException("cuda: " + call + " failed: " + message(result) + " (" + result + ")", result);
        }
    }

    @Override
    public String toString() { return version; }
}
