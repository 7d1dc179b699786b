package minitorch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import minitorch.scalar.Scalar;

class ComputationGraphTest {

    static ComputationGraph graphOf(String text) {
        ScalarAlgebra algebra = new ScalarAlgebra(1, 1, 1);
        Scalar out = Expression.parse(text).evaluate(algebra);
        Map<Long, String> names = new HashMap<>();
        algebra.variables().forEach((name, s) -> names.put(s.uniqueId(), name));
        return ComputationGraph.<Double, Scalar>of(out, s -> s.history().lastFunction().name(),
                s -> String.valueOf(s.data()), names);
    }

    @Test
    void theDefaultExpressionAsTheOriginalDrawsIt() {
        ComputationGraph g = graphOf("(x * x) * y + 10.0 * x");
        List<String> labels = g.nodes().stream().map(ComputationGraph.Node::label).toList();
        assertEquals(Set.of("x", "y", "constant 10.0", "Mul (Op 1)", "Mul (Op 2)", "Mul (Op 3)", "Add (Op 4)"),
                Set.copyOf(labels));
        assertEquals(7, labels.size());
        assertEquals("Add (Op 4)", labels.getLast());
        assertEquals("11.0", g.nodes().getLast().value());
        // x * x: x is both argument 0 and argument 1 of the first Mul
        int x = labels.indexOf("x");
        int mul1 = labels.indexOf("Mul (Op 1)");
        assertEquals(Set.of(0, 1), Set.copyOf(g.edges().stream().filter(e -> e.from() == x && e.to() == mul1)
                .map(ComputationGraph.Edge::argument).toList()));
        assertEquals(8, g.edges().size());
        assertEquals(1, g.edges().stream().filter(e -> e.from() == labels.indexOf("constant 10.0")).count());
    }

    @Test
    void layoutRunsLeftToRightWithoutOverlaps() {
        Random random = new Random(3);
        for (String text : List.of("(x * x) * y + 10.0 * x", "x", "3.0", "log(x * y + z) - (x / y).sigmoid() * 2.0",
                "((x + y) * (x + y)) * (x + y) + x.relu() - 1.0 * 2.0")) {
            check(text, graphOf(text));
        }
        for (int i = 0; i < 100; i++) {
            String text = randomExpression(random, 4);
            check(text, graphOf(text));
        }
    }

    private static void check(String text, ComputationGraph g) {
        Set<String> places = new HashSet<>();
        int maxLayer = 0;
        for (ComputationGraph.Node n : g.nodes()) {
            assertTrue(places.add(n.x() + "," + n.y()), () -> text + ": two nodes at one place");
            assertTrue(n.x() >= ComputationGraph.MARGIN && n.x() <= g.width() - ComputationGraph.MARGIN, text);
            assertTrue(n.y() >= ComputationGraph.MARGIN && n.y() <= g.height() - ComputationGraph.MARGIN, text);
            if (n.kind().equals("variable")) {
                assertEquals(0, n.layer(), () -> text + ": inputs come first");
            }
            maxLayer = Math.max(maxLayer, n.layer());
        }
        for (ComputationGraph.Edge e : g.edges()) {
            assertTrue(g.nodes().get(e.from()).layer() < g.nodes().get(e.to()).layer(),
                    () -> text + ": edge " + e + " does not run left to right");
            assertTrue(e.from() < e.to(), () -> text + ": nodes are not in topological order");
        }
        assertEquals(maxLayer, g.nodes().getLast().layer(), () -> text + ": the output is not rightmost");
    }

    private static String randomExpression(Random random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return random.nextBoolean() ? List.of("x", "y", "z").get(random.nextInt(3)) : "2.0";
        }
        if (random.nextInt(3) == 0) {
            return "sigmoid(" + randomExpression(random, depth - 1) + ")";
        }
        return "(" + randomExpression(random, depth - 1) + List.of(" + ", " * ", " - ").get(random.nextInt(3))
                + randomExpression(random, depth - 1) + ")";
    }
}
