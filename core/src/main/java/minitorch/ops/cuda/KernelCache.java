package minitorch.ops.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compiled kernel images on disk, so a module is compiled once per machine rather than once per
 * run: {@code <dir>/<key>.cubin}, where the key is a SHA-256 of the source, the target architecture
 * and the compiler's version (any change to one of them compiles afresh). The directory is
 * $MINITORCH_CUDA_CACHE, else {@code ~/.cache/minitorch/cuda}. A cache that cannot be written is
 * only slower, never an error.
 */
final class KernelCache {
    private final Path directory;
    private final KernelCompiler compiler;

    KernelCache(Path directory, KernelCompiler compiler) {
        this.directory = directory;
        this.compiler = compiler;
    }

    static Path defaultDirectory() {
        String env = NativeLibraries.env("MINITORCH_CUDA_CACHE");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "minitorch", "cuda");
    }

    /** Hex SHA-256 of source, arch and compiler version, separated so that no two inputs collide. */
    static String key(String source, String arch, String compilerVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {source, arch, compilerVersion}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    Path file(KernelModule module, String arch) {
        return directory.resolve(key(module.source(), arch, compiler.version()) + ".cubin");
    }

    /** The module's image for {@code arch}: from disk if compiled before, else compiled now and stored. */
    byte[] image(KernelModule module, String arch) {
        Path file = file(module, arch);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
        } catch (IOException unreadable) {
            // compile afresh
        }
        byte[] image = compiler.compile(module.source(), module.name(), arch);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, module.name(), ".tmp");
            Files.write(temp, image);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException unwritable) {
            // no disk cache: the next run compiles again
        }
        return image;
    }
}
