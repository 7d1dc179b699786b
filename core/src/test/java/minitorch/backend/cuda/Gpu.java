package minitorch.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/** GPU tests call {@link #require()} first: on a machine without CUDA they are skipped, and the report says why. */
final class Gpu {
    private Gpu() {}

    static CudaBackend require() {
        Optional<String> reason = CudaBackend.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "no CUDA device: " + reason.orElse(""));
        return CudaBackend.instance();
    }
}
