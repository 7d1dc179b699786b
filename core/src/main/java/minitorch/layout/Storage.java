package minitorch.layout;

/**
 * A flat buffer of elements behind a tensor. Only backends look inside: host storages expose their
 * array to CPU kernels, device storages their pointer to GPU kernels. Everything above the backends
 * goes through this interface, so it never depends on {@code double[]} versus {@code float[]}.
 *
 * <p>{@link #get} and {@link #set} are for single elements (item(), printing, tests); kernels use
 * the typed implementation directly.
 */
public interface Storage {

    ElementType elementType();

    /** Number of elements. */
    int size();

    double get(int position);

    void set(int position, double value);

    /** True when the elements live in this JVM's heap (not on a device). */
    default boolean isHost() { return true; }

    /** A host copy of every element as float64, for printing and tests. */
    default double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
    }
}
