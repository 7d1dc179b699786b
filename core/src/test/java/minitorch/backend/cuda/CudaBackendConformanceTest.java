package minitorch.backend.cuda;

import minitorch.backend.BackendConformanceTest;
import minitorch.backend.TensorBackend;
import org.junit.jupiter.api.BeforeEach;

/**
 * CUDA equals SIMPLE on every op, dtype and layout (the shared conformance suite). Skipped, with
 * the reason, where there is no GPU.
 */
class CudaBackendConformanceTest extends BackendConformanceTest {
    @BeforeEach
    void gpu() {
        Gpu.require();
    }

    @Override
    protected TensorBackend backend() { return CudaBackend.instance(); }
}
