package minitorch.ops.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import minitorch.layout.ElementType;
import minitorch.ops.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCacheTest {

    /** Records what it compiles; its image is the source bytes. */
    static final class CountingCompiler implements KernelCompiler {
        final List<String> compiled = new ArrayList<>();
        String version = "fake 1.0";

        @Override public String version() { return version; }

        @Override public byte[] compile(String source, String moduleName, String arch) {
            compiled.add(moduleName + "@" + arch);
            return (arch + source).getBytes();
        }
    }

    @Test
    void theKeyChangesWithSourceArchOrCompiler() {
        String key = KernelCache.key("src", "sm_90", "nvcc 13.0");
        assertEquals(64, key.length());
        assertEquals(key, KernelCache.key("src", "sm_90", "nvcc 13.0"));
        assertNotEquals(key, KernelCache.key("src2", "sm_90", "nvcc 13.0"));
        assertNotEquals(key, KernelCache.key("src", "sm_80", "nvcc 13.0"));
        assertNotEquals(key, KernelCache.key("src", "sm_90", "nvrtc 13.0"));
        // parts are length-prefixed, so moving text between them changes the key
        assertNotEquals(KernelCache.key("ab", "c", "v"), KernelCache.key("a", "bc", "v"));
    }

    @Test
    void aModuleIsCompiledOnceAndThenReadFromDisk(@TempDir Path dir) throws Exception {
        CountingCompiler compiler = new CountingCompiler();
        KernelModule module = CudaCodegen.map(UnaryOp.EXP, ElementType.FLOAT32);
        byte[] first = new KernelCache(dir, compiler).image(module, "sm_90");
        byte[] second = new KernelCache(dir, compiler).image(module, "sm_90");   // a "new run"
        assertArrayEquals(first, second);
        assertEquals(List.of("map_exp_f32@sm_90"), compiler.compiled);
        assertTrue(Files.isRegularFile(new KernelCache(dir, compiler).file(module, "sm_90")));
        new KernelCache(dir, compiler).image(module, "sm_80");
        compiler.version = "fake 2.0";
        new KernelCache(dir, compiler).image(module, "sm_90");
        assertEquals(List.of("map_exp_f32@sm_90", "map_exp_f32@sm_80", "map_exp_f32@sm_90"), compiler.compiled);
    }

    @Test
    void anUnwritableCacheOnlyCostsTime(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        CountingCompiler compiler = new CountingCompiler();
        KernelModule module = CudaCodegen.map(UnaryOp.NEG, ElementType.FLOAT64);
        KernelCache cache = new KernelCache(notADirectory.resolve("cuda"), compiler);
        assertTrue(cache.image(module, "sm_90").length > 0);
        assertTrue(cache.image(module, "sm_90").length > 0);
        assertEquals(2, compiler.compiled.size());
    }
}
