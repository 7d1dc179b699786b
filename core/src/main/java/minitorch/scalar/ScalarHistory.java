package minitorch.scalar;

import java.util.List;

import minitorch.autodiff.Context;

/**
 * How a {@link Scalar} came to be: the function that produced it, the context that function saved for its
 * backward pass, and its inputs. A user-created leaf has an empty history ({@code lastFunction == null}).
 * Kept on every result so backpropagation can walk the graph and a picture of the graph can be drawn.
 */
public record ScalarHistory(ScalarFunction lastFunction, Context context, List<Scalar> inputs) {

    /** The history of a leaf: no function, no inputs. */
    public static final ScalarHistory LEAF = new ScalarHistory(null, null, List.of());

    public ScalarHistory {
        inputs = List.copyOf(inputs);
    }
}
