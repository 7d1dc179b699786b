package minitorch.autodiff;

/**
 * What a function's forward pass saves for its backward pass. When no input needs a gradient the
 * context is created with {@code noGrad} and saving is a no-op, so nothing is kept alive needlessly.
 */
public final class Context {
    private final boolean noGrad;
    private Object[] savedValues = new Object[0];

    public Context() { this(false); }

    public Context(boolean noGrad) { this.noGrad = noGrad; }

    public boolean noGrad() { return noGrad; }

    public void saveForBackward(Object... values) {
        if (!noGrad) {
            savedValues = values.clone();
        }
    }

    public Object[] savedValues() { return savedValues.clone(); }

    /** The i-th saved value, cast to the type the caller expects. */
    @SuppressWarnings("unchecked")
    public <T> T saved(int i) {
        if (i < 0 || i >= savedValues.length) {
            throw new IllegalStateException("Context.saved: asked for value " + i + " but "
                    + savedValues.length + " were saved" + (noGrad ? " (context is no-grad)" : ""));
        }
        return (T) savedValues[i];
    }
}
