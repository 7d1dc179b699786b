package minitorch.ops.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import minitorch.backend.Backend;
import minitorch.ops.ReduceOp;
import org.junit.jupiter.api.Test;

/** What a machine without CUDA sees: one clear line saying what is missing and what to do. */
class CudaAvailabilityTest {

    @Test
    void aMissingDriverLibraryIsNamedWithWhatToDo() {
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
                () -> CudaDriver.load(List.of("/nonexistent/libcuda.so.1", "libcuda-not-a-real-name.so.1")));
        String message = e.getMessage();
        assertTrue(message.startsWith("cuda: no NVIDIA driver: libcuda.so.1 could not be loaded"), message);
        assertTrue(message.contains("/nonexistent/libcuda.so.1") && message.contains("libcuda-not-a-real-name.so.1"),
                "lists what was tried: " + message);
        assertTrue(message.contains("MINITORCH_CUDA_LIB") && message.contains("--backend fast"), message);
        assertFalse(message.contains("\n"), "one line");
        assertTrue(e instanceof IllegalStateException, "the CLI prints IllegalStateException messages");
    }

    @Test
    void cuInitFailuresAreExplained() {
        String noDevice = CudaRuntime.explainInitFailure(CudaDriver.CUDA_ERROR_NO_DEVICE, "CUDA_ERROR_NO_DEVICE");
        assertTrue(noDevice.startsWith("cuda: no GPU: cuInit failed with CUDA_ERROR_NO_DEVICE (100)"), noDevice);
        assertTrue(noDevice.contains("nvidia-smi"), noDevice);
        String stub = CudaRuntime.explainInitFailure(CudaDriver.CUDA_ERROR_STUB_LIBRARY, "CUDA_ERROR_STUB_LIBRARY");
        assertTrue(stub.contains("stub"), stub);
    }

    @Test
    void withoutAGpuTheBackendFailsWithTheSameReasonEveryTime() {
        Optional<String> reason = CudaOps.unavailableReason();
        assumeTrue(reason.isPresent(), "a CUDA device is available here; this test covers machines without one");
        CudaUnavailableException first = assertThrows(CudaUnavailableException.class, CudaOps::instance);
        assertEquals(reason.get(), first.getMessage());
        IllegalStateException viaEnum = assertThrows(IllegalStateException.class, () -> Backend.CUDA.ops());
        assertEquals(reason.get(), viaEnum.getMessage());
        assertTrue(reason.get().startsWith("cuda: "), reason.get());
        assertFalse(reason.get().contains("\n"), "one line: " + reason.get());
    }

    @Test
    void theCompilerSearchSaysWhereItLookedAndFallsBackToNvcc() {
        List<String> tried = new java.util.ArrayList<>();
        boolean nvrtc = NvrtcCompiler.find(tried).isPresent();
        if (!nvrtc) {
            assertTrue(tried.contains("libnvrtc.so.13") && tried.contains("libnvrtc.so.12"), tried.toString());
            assertTrue(tried.contains("/usr/local/cuda/lib64/libnvrtc.so.13"), tried.toString());
        }
        assumeTrue(!nvrtc && NvccCompiler.find().isPresent(), "this check needs nvcc and no NVRTC");
        KernelCompiler compiler = KernelCompiler.find();
        assertTrue(compiler instanceof NvccCompiler && compiler.version().startsWith("nvcc "), compiler.version());
    }

    /** Every thread of a reduce kernel starts from op.start, so it must be the op's identity. */
    @Test
    void reduceStartsAreIdentities() {
        double[] samples = {-3.5, -1, 0, 0.25, 2, 1e6};
        for (ReduceOp op : ReduceOp.values()) {
            for (double x : samples) {
                assertEquals(x, op.combine.apply(op.start, x), op + " start " + op.start);
                assertEquals(x, op.combine.apply(x, op.start), op + " start " + op.start);
            }
        }
    }
}
