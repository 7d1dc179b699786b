package minitorch.ops.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import minitorch.layout.ElementType;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * Generates every kernel the CUDA backend can launch and, where nvcc is on the PATH (CI and these
 * machines), compiles them all to PTX in ONE nvcc run (one translation unit: the prelude plus
 * every module body, each in its own namespace), so a syntax error in generated code fails the
 * build without a GPU.
 */
class CudaCodegenTest {

    /** The architecture the accelerator machines have (H100/H200); ptxas also checks registers and shared memory. */
    private static final String ARCH = "sm_90";

    private static final List<KernelModule> ALL = CudaCodegen.allModules();

    @Test
    void everyOpAndDtypeHasItsModuleWithEveryVariant() {
        int variants = CudaCodegen.SPECIALISED_DIMS + 1;
        int expected = 2 * (UnaryOp.values().length + BinaryOp.values().length + ReduceOp.values().length + 2);
        assertEquals(expected, ALL.size());
        for (ElementType dtype : ElementType.values()) {
            for (UnaryOp op : UnaryOp.values()) {
                KernelModule m = module(CudaCodegen.mapModule(op, dtype));
                assertEquals(1 + variants, m.kernels().size(), m.name());
                assertTrue(m.body().contains(op.cuda), m.name() + " splices in the op's CUDA expression");
            }
            for (BinaryOp op : BinaryOp.values()) {
                KernelModule m = module(CudaCodegen.zipModule(op, dtype));
                assertEquals(1 + variants, m.kernels().size(), m.name());
                assertTrue(m.body().contains(op.cuda), m.name());
            }
            for (ReduceOp op : ReduceOp.values()) {
                KernelModule m = module(CudaCodegen.reduceModule(op, dtype));
                assertEquals(2 * variants, m.kernels().size(), m.name());
                assertTrue(m.body().contains(op.combine.cuda), m.name());
            }
            assertTrue(module(CudaCodegen.matmulModule(dtype)).body().contains("typedef " + CudaCodegen.cType(dtype) + " T;"));
            assertEquals(List.of("sum_practice_" + CudaCodegen.suffix(dtype), "mm_practice_" + CudaCodegen.suffix(dtype)),
                    module(CudaCodegen.practiceModule(dtype)).kernels());
        }
    }

    @Test
    void everyListedKernelIsDefinedOnceAndNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (KernelModule m : ALL) {
            assertTrue(m.source().startsWith(CudaCodegen.PRELUDE));
            assertTrue(m.body().contains("namespace " + m.name() + " {"), m.name());
            int globals = m.body().split("extern \"C\" __global__ void ", -1).length - 1;
            assertEquals(m.kernels().size(), globals, "one kernel definition per listed kernel in " + m.name());
            for (String kernel : m.kernels()) {
                assertTrue(names.add(kernel), "duplicate kernel name " + kernel);
                assertTrue(m.body().contains(" " + kernel + "("), "kernel " + kernel + " is defined in " + m.name());
            }
        }
    }

    @Test
    void indexArithmeticIsUnrolledForSpecialisedCountsAndLoopsBeyond() {
        String two = CudaCodegen.locate(2, "i", "out", "a");
        assertTrue(two.contains("shape.v[1]") && !two.contains("for ("), two);
        assertTrue(two.contains("p_a += (int)rest * s_a.v[0];"), two);
        String any = CudaCodegen.locate(CudaCodegen.SPECIALISED_DIMS + 1, "i", "out", "a", "b");
        assertTrue(any.contains("for (int d = nd - 1; d > 0; --d)") && any.contains("p_b += c * s_b.v[d];"), any);
        assertEquals("nd1", CudaCodegen.indexedVariant(1));
        assertEquals("nd4", CudaCodegen.indexedVariant(4));
        assertEquals("ndany", CudaCodegen.indexedVariant(5));
        assertEquals("ndany", CudaCodegen.indexedVariant(32));
        assertThrows(IllegalArgumentException.class, () -> CudaCodegen.indexedVariant(0));
        assertThrows(IllegalArgumentException.class, () -> CudaCodegen.indexedVariant(33));
    }

    @Test
    void everyGeneratedKernelCompilesWithNvcc() {
        NvccCompiler nvcc = nvccOrSkip();
        StringBuilder all = new StringBuilder(CudaCodegen.PRELUDE);
        ALL.forEach(m -> all.append(m.body()));
        String ptx = nvcc.compilePtx(all.toString(), "all_kernels", "compute_90");
        for (KernelModule m : ALL) {
            for (String kernel : m.kernels()) {
                assertTrue(ptx.contains(".entry " + kernel + "("), "PTX defines " + kernel);
            }
        }
    }

    /** The kernels with the most registers and shared memory go through ptxas for the real GPU too. */
    @Test
    void matmulAndReduceAssembleForTheDevice() {
        NvccCompiler nvcc = nvccOrSkip();
        String source = CudaCodegen.matmul(ElementType.FLOAT64).source()
                + CudaCodegen.reduce(ReduceOp.SUM, ElementType.FLOAT64).body();
        byte[] cubin = nvcc.compile(source, "matmul_reduce", ARCH);
        String symbols = new String(cubin, StandardCharsets.ISO_8859_1);
        assertTrue(symbols.contains("matmul_f64\0") && symbols.contains("reduce_sum_f64_block_nd1\0"));
    }

    @Test
    void aCompileErrorCarriesTheCompilerLog() {
        NvccCompiler nvcc = nvccOrSkip();
        KernelCompileException e = assertThrows(KernelCompileException.class, () -> nvcc.compile(
                "extern \"C\" __global__ void broken() { undefined_function_xyz(); }", "broken", ARCH));
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("undefined_function_xyz"), e.getMessage());
        assertFalse(e.log().isBlank());
    }

    private static NvccCompiler nvccOrSkip() {
        Optional<NvccCompiler> nvcc = NvccCompiler.find();
        assumeTrue(nvcc.isPresent(), "nvcc not found (PATH, MINITORCH_NVCC, /usr/local/cuda/bin): generated CUDA C"
                + " is not compiled in this run");
        return nvcc.get();
    }

    private static KernelModule module(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no module " + name));
    }
}
