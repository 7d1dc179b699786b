package minitorch.autodiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Module 1: numerical derivatives, topological ordering and backpropagation over {@link Variable}s. */
public final class Autodiff {
    private Autodiff() {}

    /**
     * Central difference (f(x + e) - f(x - e)) / 2e of {@code fn} in argument {@code arg}.
     *
     * @throws IllegalArgumentException if {@code arg} is not an index of {@code vals} or epsilon is not positive
     */
    public static double centralDifference(ToDoubleFunction<double[]> fn, double[] vals, int arg, double epsilon) {
        if (arg < 0 || arg >= vals.length) {
            throw new IllegalArgumentException("centralDifference: arg " + arg + " is not an index of "
                    + vals.length + " values");
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("centralDifference: epsilon must be positive, got " + epsilon);
        }
        double[] up = vals.clone();
        double[] down = vals.clone();
        up[arg] += epsilon;
        down[arg] -= epsilon;
        return (fn.applyAsDouble(up) - fn.applyAsDouble(down)) / (2 * epsilon);
    }

    /** {@link #centralDifference(ToDoubleFunction, double[], int, double)} with the original's epsilon 1e-6. */
    public static double centralDifference(ToDoubleFunction<double[]> fn, double[] vals, int arg) {
        return centralDifference(fn, vals, arg, 1e-6);
    }

    /**
     * The non-constant variables reachable from {@code variable}, each before all of its parents
     * (so the output comes first). Iterative, so deep graphs cannot overflow the stack.
     */
    public static <D> List<Variable<D>> topologicalSort(Variable<D> variable) {
        List<Variable<D>> postOrder = new ArrayList<>();
        if (variable.isConstant()) {
            return postOrder;
        }
        Set<Long> visited = new HashSet<>();
        // Each frame is a variable and how many of its parents have been pushed so far.
        record Frame<D>(Variable<D> node, List<? extends Variable<D>> parents, int[] next) {}
        List<Frame<D>> stack = new ArrayList<>();
        visited.add(variable.uniqueId());
        stack.add(new Frame<>(variable, variable.parents(), new int[] {0}));
        while (!stack.isEmpty()) {
            Frame<D> top = stack.getLast();
            if (top.next()[0] < top.parents().size()) {
                Variable<D> parent = top.parents().get(top.next()[0]++);
                if (!parent.isConstant() && visited.add(parent.uniqueId())) {
                    stack.add(new Frame<>(parent, parent.parents(), new int[] {0}));
                }
            } else {
                postOrder.add(top.node());
                stack.removeLast();
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }

    /**
     * Backpropagates {@code deriv}, the derivative of the final output with respect to
     * {@code variable}, to every leaf, whose {@link Variable#accumulateDerivative} receives the sum of
     * all paths into it.
     */
    public static <D> void backpropagate(Variable<D> variable, D deriv) {
        Map<Long, D> derivatives = new HashMap<>();
        derivatives.put(variable.uniqueId(), deriv);
        for (Variable<D> node : topologicalSort(variable)) {
            D d = derivatives.remove(node.uniqueId());
            if (d == null) {
                continue;
            }
            if (node.isLeaf()) {
                node.accumulateDerivative(d);
                continue;
            }
            for (Variable.Derivative<D> back : node.chainRule(d)) {
                Variable<D> parent = back.variable();
                if (parent.isConstant()) {
                    continue;
                }
                derivatives.merge(parent.uniqueId(), back.value(), parent::addDerivatives);
            }
        }
    }
}
