package minitorch.testing;

import java.util.ArrayList;
import java.util.List;
import minitorch.backend.Backend;
import minitorch.ops.cuda.CudaOps;

/**
 * The backends that backend-parametrised tests run on, in ONE place: SIMPLE always; the fast
 * backend (FAST) is here too, and CUDA is added when a GPU is present.
 */
public final class TestBackends {
    private TestBackends() {}

    public static List<Backend> all() {
        List<Backend> backends = new ArrayList<>(List.of(Backend.SIMPLE, Backend.FAST));
        if (CudaOps.unavailableReason().isEmpty()) {
            backends.add(Backend.CUDA);
        }
        return List.copyOf(backends);
    }
}
