package minitorch.module;

import java.util.Objects;

import minitorch.scalar.Scalar;
import minitorch.tensor.Tensor;

/**
 * A trainable value held by a {@link Module}: a {@link Scalar} on the scalar track, a tensor on the tensor
 * track. An optimizer replaces the value with {@link #update}; the parameter object itself stays the same,
 * so a module's references to it remain valid.
 *
 * @param <V> the type of the value
 */
public final class Parameter<V> {
    private final String name;
    private V value;

    public Parameter(V value) { this(value, null); }

    /** A parameter called {@code name} (may be null). */
    public Parameter(V value, String name) {
        this.name = name;
        this.value = prepare(value);
    }

    public V value() { return value; }

    /** The name given when the parameter was made, or {@code null}. */
    public String name() { return name; }

    /** Replaces the value (what an optimizer step does). */
    public void update(V newValue) { this.value = prepare(newValue); }

    /**
     * Makes a new value ready to be trained, as the original's Parameter does: a value that can be named
     * takes the parameter's name; a tensor becomes a leaf that requires gradients (a result of some
     * computation is detached first, sharing its data, as Torch's Parameter does).
     */
    @SuppressWarnings("unchecked")
    private V prepare(V newValue) {
        Objects.requireNonNull(newValue, "Parameter value");
        switch (newValue) {
            case Scalar s when name != null -> s.setName(name);
            case Tensor t -> {
                return (V) (t.isLeaf() ? t : t.detach()).requiresGrad(true);
            }
            default -> { }
        }
        return newValue;
    }

    @Override
    public String toString() { return String.valueOf(value); }
}
