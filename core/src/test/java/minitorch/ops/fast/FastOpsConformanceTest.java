package minitorch.ops.fast;

import minitorch.ops.OpsConformanceTest;
import minitorch.ops.TensorOps;

/** FAST equals SIMPLE on every op, dtype and layout, including past its parallel and blocking thresholds. */
class FastOpsConformanceTest extends OpsConformanceTest {
    @Override
    protected TensorOps backend() { return FastOps.instance(); }
}
