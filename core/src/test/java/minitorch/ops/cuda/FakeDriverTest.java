package minitorch.ops.cuda;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import minitorch.layout.DoubleStorage;
import minitorch.layout.ElementType;
import minitorch.layout.FloatStorage;
import minitorch.layout.IndexingError;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.UnaryOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FFM driver bindings, CudaRuntime, CudaStorage and the backend's host side, run against
 * {@code fake_libcuda.c}: a stand-in libcuda compiled here with gcc against the toolkit's real
 * {@code cuda.h}, so each function has the header's prototype and versioned export name. "Device"
 * memory is host memory and kernels are recorded, not run, so this checks the binding ABI (names,
 * argument types, out-parameters, kernelParams as pointers to values, error strings, the JIT log
 * buffer), not GPU results. Skipped where gcc or cuda.h is missing.
 */
class FakeDriverTest {
    private static CudaDriver driver;
    private static SymbolLookup fake;

    @BeforeAll
    static void buildFakeDriver(@TempDir Path dir) throws IOException, InterruptedException {
        Path header = List.of(Path.of("/usr/local/cuda/include/cuda.h"), Path.of("/usr/include/cuda.h")).stream()
                .filter(Files::isRegularFile).findFirst().orElse(null);
        assumeTrue(header != null, "cuda.h not found (/usr/local/cuda/include): the fake driver cannot be built");
        Path source = dir.resolve("fake_libcuda.c");
        try (InputStream in = FakeDriverTest.class.getResourceAsStream("fake_libcuda.c")) {
            Files.copy(in, source);
        }
        Path library = dir.resolve("libcuda-fake.so");
        List<String> command = List.of("gcc", "-shared", "-fPIC", "-Wall", "-Werror", "-I" + header.getParent(),
                source.toString(), "-o", library.toString());
        Process gcc;
        try {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noGcc) {
            assumeTrue(false, "gcc not found: the fake driver cannot be built");
            return;
        }
        String output = new String(gcc.getInputStream().readAllBytes());
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc failed:\n" + output);
        driver = CudaDriver.load(List.of(library.toString()));
        fake = SymbolLookup.libraryLookup(library, Arena.global());
        assertEquals(0, driver.init());
    }

    private static int launches() {
        return fake.find("fake_launches").orElseThrow().reinterpret(4).get(JAVA_INT, 0);
    }

    @Test
    void devicePropertiesAndMemoryCallsPassArgumentsAsTheHeaderDeclares() {
        assertEquals(13000, driver.driverVersion());
        assertEquals(1, driver.deviceCount());
        int device = driver.device(0);
        assertEquals("Fake GPU", driver.deviceName(device));
        assertEquals(9, driver.attribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device));
        assertEquals(0, driver.attribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device));
        assertEquals(132, driver.attribute(CudaDriver.ATTRIBUTE_MULTIPROCESSOR_COUNT, device));
        driver.setCurrent(driver.retainPrimaryContext(device));
        long p = driver.memAlloc(80), q = driver.memAlloc(80);
        try (Arena arena = Arena.ofConfined()) {
            double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            driver.copyHostToDevice(p, arena.allocateFrom(JAVA_DOUBLE, values), 80);
            driver.copyDeviceToDevice(q, p, 80);
            driver.memsetZero(q, 16);   // the first two doubles
            MemorySegment back = arena.allocate(80);
            driver.copyDeviceToHost(back, q, 80);
            assertArrayEquals(new double[] {0, 0, 3, 4, 5, 6, 7, 8, 9, 10}, back.toArray(JAVA_DOUBLE));
        }
        long[] info = driver.memInfo();
        assertEquals(1L << 30, info[1]);
        assertTrue(info[0] < info[1]);
        driver.memFree(p);
        driver.memFree(q);
        driver.synchronize();
    }

    @Test
    void errorsCarryTheDriversNameAndDescription() {
        DeviceOutOfMemoryException oom = assertThrows(DeviceOutOfMemoryException.class, () -> driver.memAlloc(1L << 40));
        assertTrue(oom.getMessage().contains("cuMemAlloc(1099511627776 bytes) failed with CUDA_ERROR_OUT_OF_MEMORY (2): out of memory"),
                oom.getMessage());
        CudaException badImage = assertThrows(CudaException.class, () -> driver.loadModule("garbage".getBytes(), "m"));
        assertTrue(badImage.getMessage().contains("CUDA_ERROR_INVALID_IMAGE") && badImage.getMessage().contains("fake JIT: bad image"),
                "the JIT error log comes through: " + badImage.getMessage());
        MemorySegment module = driver.loadModule("FAKE".getBytes(), "m");
        CudaException missing = assertThrows(CudaException.class, () -> driver.function(module, "missing"));
        assertTrue(missing.getMessage().contains("cuModuleGetFunction(missing) failed with CUDA_ERROR_NOT_FOUND"), missing.getMessage());
        CudaException unknown = assertThrows(CudaException.class, () -> driver.check(999, "cuSomething"));
        assertEquals("cuda: cuSomething failed with CUDA_ERROR_999 (999): unknown error", unknown.getMessage());
        assertEquals(999, unknown.code());
    }

    /** kernelParams entry i points to argument i's bytes: pointers, ints, doubles, floats and structs. */
    @Test
    void launchesPassEachArgumentThroughAPointer() {
        driver.setCurrent(driver.retainPrimaryContext(0));
        MemorySegment probe = driver.function(driver.loadModule("FAKE".getBytes(), "m"), "probe");
        long out = driver.memAlloc(9 * 8);
        int before = launches();
        try (Arena arena = Arena.ofConfined()) {
            driver.launch(probe, new LaunchGeometry(3, 1, 1, 32, 4, 1),
                    CudaRuntime.params(arena, out, 5, 2.5, 1.5f, new int[] {7, 8, 9}), "probe");
            MemorySegment back = arena.allocate(9 * 8);
            driver.copyDeviceToHost(back, out, 9 * 8);
            assertArrayEquals(new double[] {3, 32, 4, 5, 2.5, 1.5, 7, 8, 9}, back.toArray(JAVA_DOUBLE));
        }
        assertEquals(before + 1, launches());
        driver.memFree(out);
    }

    /** A compiler that returns a recognisable image and counts its calls. */
    static final class FakeCompiler implements KernelCompiler {
        final List<String> compiled = new ArrayList<>();

        @Override public String version() { return "fake compiler"; }

        @Override public byte[] compile(String source, String moduleName, String arch) {
            compiled.add(moduleName + "@" + arch);
            return "FAKE".getBytes();
        }
    }

    @Test
    void storageLivesInDeviceMemoryAndBlocksAreReused(@TempDir Path cache) {
        CudaRuntime runtime = new CudaRuntime(driver, FakeCompiler::new, cache);
        assertEquals("Fake GPU (sm_90, 132 SMs), driver 13000, fake compiler", runtime.describe());
        CudaStorage s = CudaStorage.zeros(runtime, ElementType.FLOAT32, 10);
        assertEquals(0.0, s.get(9));
        s.set(3, 1.25);
        assertEquals(1.25, s.get(3));
        assertEquals(1.25, s.toDoubleArray()[3]);
        assertArrayEquals(new float[] {0, 0, 0, 1.25f, 0, 0, 0, 0, 0, 0}, ((FloatStorage) s.toHost()).array());
        CudaStorage d = CudaStorage.copyOf(runtime, new DoubleStorage(new double[] {1, 2, 3}));
        assertArrayEquals(new double[] {1, 2, 3}, d.toDoubleArray());
        CudaStorage converted = CudaStorage.zeros(runtime, ElementType.FLOAT32, 3);
        converted.upload(d);
        assertArrayEquals(new double[] {1, 2, 3}, converted.toDoubleArray());
        CudaStorage copy = CudaStorage.copyOf(runtime, d);
        assertArrayEquals(new double[] {1, 2, 3}, copy.toDoubleArray());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(10));
        long pointer = s.pointer();
        s.close();
        s.close();   // idempotent
        assertThrows(IllegalStateException.class, s::pointer);
        assertTrue(runtime.allocator.cachedBytes() >= 512);
        CudaStorage again = CudaStorage.zeros(runtime, ElementType.FLOAT64, 5);   // 40 bytes: the same 512-byte bucket
        assertEquals(pointer, again.pointer());
        assertEquals(0.0, again.get(0), "a reused block is zeroed");
        assertEquals(0, CudaStorage.zeros(runtime, ElementType.FLOAT64, 0).toDoubleArray().length);
    }

    /** The backend's host side end to end: layouts, staging, module loading (cached), launches. */
    @Test
    void everyBackendOpLaunchesOnceWithItsModuleLoadedOnce(@TempDir Path cache) {
        FakeCompiler compiler = new FakeCompiler();
        CudaOps cuda = new CudaOps(new CudaRuntime(driver, () -> compiler, cache));
        TensorData a = TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 24), 2, 3, 4);
        TensorData b = TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 4), 4);
        TensorData out = TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 24), 2, 3, 4);
        int before = launches();
        cuda.map(UnaryOp.EXP, a, out);                               // flat
        cuda.map(UnaryOp.EXP, a.permute(2, 1, 0), out.view(4, 3, 2));   // transposed input: indexed
        cuda.zip(BinaryOp.ADD, a, b, out);                           // broadcast
        cuda.zip(BinaryOp.MUL, TensorData.zeros(ElementType.FLOAT32, 2, 3, 4), b, out);   // host input staged
        cuda.reduce(ReduceOp.SUM, a, 1, TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 8), 2, 1, 4));
        cuda.matmul(a.view(2, 3, 4), TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 8), 1, 4, 2),
                TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 12), 2, 3, 2));
        cuda.map(UnaryOp.NEG, TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 0), 0), TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 0), 0));
        assertEquals(before + 6, launches(), "one launch per op, none for an empty tensor");
        assertEquals(List.of("map_exp_f32@sm_90", "zip_add_f32@sm_90", "zip_mul_f32@sm_90", "reduce_sum_f32@sm_90",
                "matmul_f32@sm_90"), compiler.compiled, "each module compiled once, for the device's architecture");
        // the same rule, type and message as every backend (minitorch.layout.Shapes)
        IndexingError shape = assertThrows(IndexingError.class, () -> cuda.reduce(ReduceOp.SUM, a, 1, out));
        assertTrue(shape.getMessage().contains("output shape [2, 3, 4] must be [2, 1, 4]"), shape.getMessage());
        IndexingError mm = assertThrows(IndexingError.class, () -> cuda.matmul(a, a, out));
        assertTrue(mm.getMessage().startsWith("matmul: cannot multiply shapes [2, 3, 4] and [2, 3, 4]"), mm.getMessage());
        IndexingError dim = assertThrows(IndexingError.class, () -> cuda.reduce(ReduceOp.SUM, a, 3, out));
        assertTrue(dim.getMessage().startsWith("reduce: dim 3 out of range for shape [2, 3, 4]"), dim.getMessage());
        TensorData column = TensorData.contiguous(cuda.allocate(ElementType.FLOAT32, 3), 3);
        IndexingError map = assertThrows(IndexingError.class, () -> cuda.map(UnaryOp.NEG, column, out));
        assertEquals("map: shape [3] does not broadcast to [2, 3, 4]", map.getMessage());
        IndexingError zip = assertThrows(IndexingError.class, () -> cuda.zip(BinaryOp.ADD, a, column, out));
        assertEquals("zip: shape [3] does not broadcast to [2, 3, 4]", zip.getMessage());
    }
}
