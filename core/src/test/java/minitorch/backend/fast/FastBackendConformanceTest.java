package minitorch.backend.fast;

import minitorch.backend.BackendConformanceTest;
import minitorch.backend.TensorBackend;

/** FAST equals SIMPLE on every op, dtype and layout, including past its parallel and blocking thresholds. */
class FastBackendConformanceTest extends BackendConformanceTest {
    @Override
    protected TensorBackend backend() { return FastBackend.instance(); }
}
