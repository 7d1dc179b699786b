package minitorch.ops.cuda;

import minitorch.ops.OpsConformanceTest;
import minitorch.ops.TensorOps;

/**
 * CUDA equals SIMPLE on every op, dtype and layout (the shared conformance suite). Without a GPU
 * every case is skipped, and each says why.
 */
class CudaOpsConformanceTest extends OpsConformanceTest {
    @Override
    protected TensorOps backend() { return Gpu.require(); }
}
