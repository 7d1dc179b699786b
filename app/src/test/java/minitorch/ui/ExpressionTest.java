package minitorch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ExpressionTest {

    /** Writes an expression back fully parenthesised, so a test can see how it was grouped. */
    static final class Printer implements Expression.Algebra<String> {
        @Override public String variable(String name) { return name; }

        @Override public String constant(double value) { return String.valueOf(value); }

        @Override public String call(String function, String argument) { return function + "(" + argument + ")"; }

        @Override public String binary(String op, String left, String right) { return "(" + left + " " + op + " " + right + ")"; }
    }

    static String grouped(String text) { return Expression.parse(text).evaluate(new Printer()); }

    @Test
    void theDefaultExpressionGroupsAsPythonDoes() {
        assertEquals("(((x * x) * y) + (10.0 * x))", grouped("(x * x) * y + 10.0 * x"));
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals("((x - y) - z)", grouped("x - y - z"));
        assertEquals("((x / y) * z)", grouped("x / y * z"));
        assertEquals("(x + (y * z))", grouped("x + y * z"));
        assertEquals("((x + y) < (z * 2.0))", grouped("x + y < z * 2.0"));
        assertEquals("(neg(x) * y)", grouped("-x * y"));
        assertEquals("neg(neg(x))", grouped("--x"));
        assertEquals("(x == y)", grouped("x == y"));
    }

    @Test
    void functionsAsCallsAndAsMethods() {
        assertEquals("sum(((x * x) + 1.0))", grouped("sum(x * x + 1.0)"));
        assertEquals("(10.0 * sum(x))", grouped("10.0 * x.sum()"));
        assertEquals("relu(sigmoid(log(x)))", grouped("x.log().sigmoid().relu()"));
        assertEquals("exp(neg(x))", grouped("exp(-x)"));
    }

    @Test
    void numbers() {
        assertEquals("(2.5 * 0.001)", grouped("2.5 * 1e-3"));
        assertEquals("(0.5 + 100.0)", grouped(".5 + 1E2"));
        assertEquals("(3.0 * x)", grouped("3 * x"));
    }

    @Test
    void errorsNameTheColumnAndTheProblem() {
        assertMessage("", "empty expression");
        assertMessage("   ", "empty expression");
        assertMessage("(x * x", "column 7: the expression ends where ')' was expected");
        assertMessage("x * ", "column 5: the expression ends where a number, a variable or '(' was expected");
        assertMessage("x + w", "column 5: unknown name 'w'");
        assertMessage("x.foo()", "column 3: unknown name 'foo'");
        assertMessage("x $ y", "column 3: unexpected '$'");
        assertMessage("x y", "column 3: unexpected 'y'");
        assertMessage("1.2.3 * x", "column 1: '1.2.3' is not a number");
        assertMessage("log x", "column 5: expected '(' but found 'x'");
    }

    private static void assertMessage(String text, String expected) {
        Expression.ExpressionError e = assertThrows(Expression.ExpressionError.class, () -> Expression.parse(text));
        assertTrue(e.getMessage().contains(expected), () -> "'" + text + "': got " + e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    /** Random trees, printed fully parenthesised, parse back to the same tree. */
    @Test
    void printedTreesParseBack() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String text = randomTree(random, 4);
            assertEquals(text, grouped(text), "round trip of " + text);
        }
    }

    private static String randomTree(Random random, int depth) {
        int kind = depth == 0 ? random.nextInt(2) : random.nextInt(4);
        List<String> ops = List.of("+", "-", "*", "/", "<", ">", "==");
        return switch (kind) {
            case 0 -> List.of("x", "y", "z").get(random.nextInt(3));
            case 1 -> String.format(Locale.ROOT, "%.1f", random.nextInt(100) / 10.0);
            case 2 -> Expression.FUNCTIONS.get(random.nextInt(Expression.FUNCTIONS.size())) + "(" + randomTree(random, depth - 1) + ")";
            default -> "(" + randomTree(random, depth - 1) + " " + ops.get(random.nextInt(ops.size())) + " "
                    + randomTree(random, depth - 1) + ")";
        };
    }

    @Test
    void evaluatesWithScalarsAndBackpropagates() {
        // f = x^2 y + 10 x at x = 2, y = 3: f = 32, df/dx = 2xy + 10 = 22, df/dy = x^2 = 4
        double[] g = MathPages.valueAndGradient(Expression.parse("(x * x) * y + 10.0 * x"), 2, 3);
        assertEquals(32, g[0], 1e-12);
        assertEquals(22, g[1], 1e-12);
        assertEquals(4, g[2], 1e-12);
    }
}
