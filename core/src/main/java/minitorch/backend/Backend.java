package minitorch.backend;

import java.util.Locale;
import java.util.function.Supplier;
import minitorch.ops.SimpleOps;
import minitorch.ops.TensorOps;

/**
 * Where a tensor's storage lives and whose kernels compute on it. {@code SIMPLE} is the readable
 * reference, {@code FAST} the parallel SIMD CPU backend, {@code CUDA} the GPU backend. The kernels
 * are created on first use, so asking for CUDA on a machine without a GPU fails only then, with a
 * message that says why.
 */
public enum Backend {
    SIMPLE(() -> SimpleOps.INSTANCE),
    FAST(() -> minitorch.ops.fast.FastOps.instance()),
    CUDA(() -> minitorch.ops.cuda.CudaOps.instance());

    private final Supplier<TensorOps> factory;
    private volatile TensorOps ops;

    Backend(Supplier<TensorOps> factory) { this.factory = factory; }

    /** The kernels of this backend, created on first use. */
    public TensorOps ops() {
        TensorOps result = ops;
        if (result == null) {
            synchronized (this) {
                if (ops == null) {
                    ops = factory.get();
                }
                result = ops;
            }
        }
        return result;
    }

    /** Parses a user's name for a backend: simple, fast (alias cpu), cuda (alias gpu); case-insensitive. */
    public static Backend parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "fast", "cpu" -> FAST;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException(
                    "unknown backend '" + name + "': expected simple, fast (or cpu), cuda (or gpu)");
        };
    }
}
