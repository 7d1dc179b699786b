package minitorch.ops.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/** GPU tests call {@link #require()} first: on a machine without CUDA they are skipped, and the report says why. */
final class Gpu {
    private Gpu() {}

    static CudaOps require() {
        Optional<String> reason = CudaOps.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "no CUDA device: " + reason.orElse(""));
        return CudaOps.instance();
    }
}
