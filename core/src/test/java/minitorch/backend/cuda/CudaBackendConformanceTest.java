package minitorch.backend.cuda;

import minitorch.backend.BackendConformanceTest;
import minitorch.backend.TensorBackend;

/**
 * CUDA equals SIMPLE on every op, dtype and layout (the shared conformance suite). Without a GPU
 * every case is skipped, and each says why.
 */
class CudaBackendConformanceTest extends BackendConformanceTest {
    @Override
    protected TensorBackend backend() { return Gpu.require(); }
}
