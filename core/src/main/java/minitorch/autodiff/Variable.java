package minitorch.autodiff;

import java.util.List;

/**
 * A node of a computation graph that backpropagation can walk. {@code Scalar} implements it with
 * {@code Double} derivatives and {@code Tensor} with {@code Tensor} derivatives, so one
 * {@link Autodiff#backpropagate} serves both tracks.
 *
 * @param <D> the type of a derivative flowing through the graph
 */
public interface Variable<D> {

    /** A number unique to this variable, stable for its lifetime; used to key the walk. */
    long uniqueId();

    /** A leaf was created by the user (no history of a function) and collects derivatives. */
    boolean isLeaf();

    /** A constant records no history at all: nothing flows into or through it. */
    boolean isConstant();

    /** The inputs of the function that produced this variable (empty for leaves and constants). */
    List<? extends Variable<D>> parents();

    /** Runs the producing function's backward and pairs each input with its derivative. */
    List<Derivative<D>> chainRule(D dOutput);

    /** Adds {@code d} to a leaf's stored derivative. */
    void accumulateDerivative(D d);

    /** Sums two derivatives flowing into the same variable from different paths. */
    D addDerivatives(D a, D b);

    /** One input of a function paired with the derivative of the output with respect to it. */
    record Derivative<D>(Variable<D> variable, D value) {}
}
