package minitorch.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import minitorch.autodiff.Variable;

/**
 * The picture of how a value was computed, as the original's GraphBuilder draws it: one node per input
 * variable, per constant ("constant 10.0") and per function application ("Mul (Op 1)"), and an edge from
 * each input to the function that used it, labelled with the argument's index. Laid out left to right in
 * layers: variables first, each function right of its inputs and, like a constant, just left of its nearest
 * user.
 *
 * @param nodes  in topological order (inputs before the functions that use them); the last is the output
 * @param edges  input to function, with the argument index
 */
public record ComputationGraph(List<Node> nodes, List<Edge> edges, double width, double height) {

    public static final double COLUMN = 200;
    public static final double ROW = 80;
    public static final double MARGIN = 70;

    /**
     * @param kind  "variable", "constant" or "op"
     * @param value the node's value as text (a number, or a tensor's shape and values)
     */
    public record Node(int id, String kind, String label, String value, int layer, int row, double x, double y) {}

    public record Edge(int from, int to, int argument) {}

    /**
     * The graph of everything {@code output} was computed from.
     *
     * @param functionName the name of the function that produced a variable ("Mul"), null for leaves and constants
     * @param valueText    how to show a variable's value
     * @param names        the names of the input variables (x, y, z) by unique id
     */
    public static <D, V extends Variable<D>> ComputationGraph of(V output, Function<V, String> functionName,
            Function<V, String> valueText, Map<Long, String> names) {
        List<V> order = new ArrayList<>();
        topological(output, new HashMap<>(), order);
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i).uniqueId(), i);
        }

        // Layers: inputs at 0, a function one right of its furthest non-constant input.
        int[] layer = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            for (Variable<D> p : order.get(i).parents()) {
                int j = index.get(p.uniqueId());
                if (!p.isConstant()) {
                    layer[i] = Math.max(layer[i], layer[j] + 1);
                }
            }
            if (!order.get(i).parents().isEmpty()) {
                layer[i] = Math.max(layer[i], 1);
            }
        }
        // Then pull functions and constants right, to just left of their nearest user, so edges stay short.
        for (int i = order.size() - 2; i >= 0; i--) {
            V v = order.get(i);
            if (v.isConstant() || !v.parents().isEmpty()) {
                int nearest = Integer.MAX_VALUE;
                for (int u = i + 1; u < order.size(); u++) {
                    for (Variable<D> p : order.get(u).parents()) {
                        if (p.uniqueId() == v.uniqueId()) {
                            nearest = Math.min(nearest, layer[u]);
                        }
                    }
                }
                if (nearest != Integer.MAX_VALUE) {
                    layer[i] = Math.max(layer[i], nearest - 1);
                }
            }
        }

        Map<Integer, Integer> rowsInLayer = new LinkedHashMap<>();
        int[] row = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            row[i] = rowsInLayer.merge(layer[i], 1, Integer::sum) - 1;
        }
        int maxRows = rowsInLayer.values().stream().max(Integer::compare).orElse(1);
        int maxLayer = rowsInLayer.keySet().stream().max(Integer::compare).orElse(0);

        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        int ops = 0;
        for (int i = 0; i < order.size(); i++) {
            V v = order.get(i);
            String label;
            String kind;
            if (v.isConstant()) {
                kind = "constant";
                label = "constant " + valueText.apply(v);
            } else if (v.parents().isEmpty()) {
                kind = "variable";
                label = names.getOrDefault(v.uniqueId(), "v" + (i + 1));
            } else {
                kind = "op";
                label = functionName.apply(v) + " (Op " + (++ops) + ")";
            }
            // centre each layer's column vertically
            double offset = (maxRows - rowsInLayer.get(layer[i])) / 2.0;
            nodes.add(new Node(i, kind, label, valueText.apply(v), layer[i], row[i],
                    MARGIN + layer[i] * COLUMN, MARGIN + (row[i] + offset) * ROW));
            List<? extends Variable<D>> parents = v.parents();
            for (int a = 0; a < parents.size(); a++) {
                edges.add(new Edge(index.get(parents.get(a).uniqueId()), i, a));
            }
        }
        return new ComputationGraph(List.copyOf(nodes), List.copyOf(edges),
                2 * MARGIN + maxLayer * COLUMN, 2 * MARGIN + (maxRows - 1) * ROW);
    }

    /** Depth-first, inputs before users; each variable once (graphs share subexpressions). */
    @SuppressWarnings("unchecked")
    private static <D, V extends Variable<D>> void topological(V v, Map<Long, Boolean> seen, List<V> order) {
        if (seen.putIfAbsent(v.uniqueId(), Boolean.TRUE) != null) {
            return;
        }
        for (Variable<D> p : v.parents()) {
            topological((V) p, seen, order);
        }
        order.add(v);
    }
}
