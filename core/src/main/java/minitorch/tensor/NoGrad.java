package minitorch.tensor;

/**
 * Torch's {@code no_grad}: while a {@code NoGrad} is open on a thread, tensor functions record no
 * history, so their results are constants that hold nothing alive for a backward pass. Evaluation
 * loops and optimizer updates use it:
 *
 * <pre>{@code
 * try (var g = Tensor.noGrad()) {
 *     Tensor prediction = model.forward(x);   // no graph is built
 * }
 * }</pre>
 *
 * Blocks nest; closing one restores the mode that was current when it was opened. The mode is per
 * thread, so one thread's evaluation never switches off another's training.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private final boolean previous;
    private final Thread owner;
    private boolean closed;

    NoGrad() {
        this.previous = ENABLED.get();
        this.owner = Thread.currentThread();
        ENABLED.set(Boolean.FALSE);
    }

    /** True unless a {@code NoGrad} block is open on this thread. */
    static boolean gradEnabled() { return ENABLED.get(); }

    /** Restores the previous mode; closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("NoGrad: closed on thread " + Thread.currentThread().getName()
                    + " but opened on " + owner.getName());
        }
        closed = true;
        ENABLED.set(previous);
    }
}
