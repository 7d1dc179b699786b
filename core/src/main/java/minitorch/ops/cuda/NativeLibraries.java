package minitorch.ops.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finding shared libraries and binding their C functions through the FFM API (no JNI). */
final class NativeLibraries {
    private NativeLibraries() {}

    /** A loaded library and the candidate that worked. */
    record Loaded(SymbolLookup lookup, String path) {}

    /**
     * The first candidate that loads: a bare name goes through {@code dlopen} (LD_LIBRARY_PATH,
     * ld.so.cache), a path must exist. Records what was tried, for the error message.
     */
    static Optional<Loaded> load(List<String> candidates, List<String> tried) {
        for (String candidate : candidates) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            tried.add(candidate);
            try {
                if (candidate.contains("/")) {
                    Path path = Path.of(candidate);
                    if (Files.isRegularFile(path)) {
                        return Optional.of(new Loaded(SymbolLookup.libraryLookup(path, Arena.global()), candidate));
                    }
                } else {
                    return Optional.of(new Loaded(SymbolLookup.libraryLookup(candidate, Arena.global()), candidate));
                }
            } catch (IllegalArgumentException | IllegalCallerException notLoadable) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    /** A downcall handle for {@code name}, which the library must export. */
    static MethodHandle bind(SymbolLookup lookup, String library, String name, MemoryLayout result,
                             MemoryLayout... args) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new CudaUnavailableException(
                "cuda: " + library + " has no function " + name + "; it is too old or not the real library"));
        FunctionDescriptor descriptor = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
        return Linker.nativeLinker().downcallHandle(symbol, descriptor);
    }

    /** The first of {@code names} the library exports (versioned exports differ between releases). */
    static MethodHandle bindAny(SymbolLookup lookup, String library, List<String> names, MemoryLayout result,
                                MemoryLayout... args) {
        for (String name : names) {
            if (lookup.find(name).isPresent()) {
                return bind(lookup, library, name, result, args);
            }
        }
        throw new CudaUnavailableException("cuda: " + library + " exports none of " + names);
    }

    /** Reads a NUL-terminated C string returned by a native call (its segment has size 0 until reinterpreted). */
    static String cString(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? "" : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Environment variable, or null when unset or empty. */
    static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Directories where Python wheels put NVIDIA libraries (torch cu12/cu13 wheels, nvidia-cuda-nvrtc). */
    static List<Path> pythonNvidiaLibDirs() {
        List<Path> dirs = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        for (String base : List.of("/usr/local/lib", "/usr/lib", System.getProperty("user.home") + "/.local/lib",
                "/opt/conda/lib")) {
            Path dir = Path.of(base);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var pythons = Files.list(dir)) {
                pythons.filter(p -> p.getFileName().toString().startsWith("python3")).forEach(p -> {
                    roots.add(p.resolve("site-packages/nvidia"));
                    roots.add(p.resolve("dist-packages/nvidia"));
                });
            } catch (java.io.IOException | SecurityException ignored) {
                // an unreadable directory simply contributes nothing
            }
        }
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (var packages = Files.list(root)) {
                packages.map(p -> p.resolve("lib")).filter(Files::isDirectory).forEach(dirs::add);
            } catch (java.io.IOException | SecurityException ignored) {
                // as above
            }
        }
        return dirs;
    }
}
