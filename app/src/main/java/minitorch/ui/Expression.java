package minitorch.ui;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An arithmetic expression over the variables x, y and z, as typed into the Autodiff sandboxes:
 * numbers, {@code + - * /}, comparisons {@code < > ==}, unary minus, parentheses, and the functions
 * {@code log exp sigmoid relu neg inv sum} written either as calls ({@code log(x)}) or as methods
 * ({@code x.log()}, the original's Python form). It is evaluated by an {@link Algebra}, so the same
 * expression runs on Scalars or on Tensors.
 *
 * <pre>
 * expr    := compare
 * compare := sum (('&lt;' | '&gt;' | '==') sum)*
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := '-' unary | postfix
 * postfix := primary ('.' NAME '(' ')')*
 * primary := NUMBER | VARIABLE | NAME '(' expr ')' | '(' expr ')'
 * </pre>
 */
public sealed interface Expression {

    Set<String> VARIABLES = Set.of("x", "y", "z");
    List<String> FUNCTIONS = List.of("log", "exp", "sigmoid", "relu", "neg", "inv", "sum");

    record Variable(String name) implements Expression {}

    record Constant(double value) implements Expression {}

    /** One of {@link #FUNCTIONS} applied to one argument. */
    record Call(String function, Expression argument) implements Expression {}

    /** {@code op} is one of {@code + - * / < > ==}. */
    record Binary(String op, Expression left, Expression right) implements Expression {}

    /** What an expression computes with: the variables' values and one method per operation. */
    interface Algebra<T> {
        T variable(String name);

        T constant(double value);

        T call(String function, T argument);

        T binary(String op, T left, T right);
    }

    /** Evaluates this expression with {@code algebra}. */
    default <T> T evaluate(Algebra<T> algebra) {
        return switch (this) {
            case Variable v -> algebra.variable(v.name());
            case Constant c -> algebra.constant(c.value());
            case Call c -> algebra.call(c.function(), c.argument().evaluate(algebra));
            case Binary b -> algebra.binary(b.op(), b.left().evaluate(algebra), b.right().evaluate(algebra));
        };
    }

    /**
     * Parses {@code text}.
     *
     * @throws ExpressionError naming the column and what was expected there
     */
    static Expression parse(String text) {
        return new Parser(text).parseAll();
    }

    /** An expression that does not parse; the message names the column (from 1) and the problem. */
    final class ExpressionError extends IllegalArgumentException {
        ExpressionError(String message) { super(message); }
    }

    /** A recursive-descent parser over the grammar above. */
    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) { this.text = text == null ? "" : text; }

        Expression parseAll() {
            skipSpace();
            if (pos == text.length()) {
                throw new ExpressionError("empty expression: type one over x, y and z, e.g. (x * x) * y + 10.0 * x");
            }
            Expression e = compare();
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "'");
            }
            return e;
        }

        private Expression compare() {
            Expression left = sum();
            while (true) {
                if (eat("==")) {
                    left = new Binary("==", left, sum());
                } else if (eat("<")) {
                    left = new Binary("<", left, sum());
                } else if (eat(">")) {
                    left = new Binary(">", left, sum());
                } else {
                    return left;
                }
            }
        }

        private Expression sum() {
            Expression left = product();
            while (true) {
                if (eat("+")) {
                    left = new Binary("+", left, product());
                } else if (eat("-")) {
                    left = new Binary("-", left, product());
                } else {
                    return left;
                }
            }
        }

        private Expression product() {
            Expression left = unary();
            while (true) {
                if (eat("*")) {
                    left = new Binary("*", left, unary());
                } else if (eat("/")) {
                    left = new Binary("/", left, unary());
                } else {
                    return left;
                }
            }
        }

        private Expression unary() {
            if (eat("-")) {
                return new Call("neg", unary());
            }
            return postfix();
        }

        private Expression postfix() {
            Expression e = primary();
            while (eat(".")) {
                int at = pos;
                String name = name();
                checkFunction(name, at);
                expect("(");
                expect(")");
                e = new Call(name, e);
            }
            return e;
        }

        private Expression primary() {
            skipSpace();
            if (pos == text.length()) {
                throw error("the expression ends where a number, a variable or '(' was expected");
            }
            char c = text.charAt(pos);
            if (Character.isDigit(c) || c == '.') {
                return new Constant(number());
            }
            if (Character.isLetter(c) || c == '_') {
                int at = pos;
                String name = name();
                if (VARIABLES.contains(name)) {
                    return new Variable(name);
                }
                checkFunction(name, at);
                expect("(");
                Expression argument = compare();
                expect(")");
                return new Call(name, argument);
            }
            if (eat("(")) {
                Expression inner = compare();
                expect(")");
                return inner;
            }
            throw error("unexpected '" + c + "'");
        }

        private void checkFunction(String name, int at) {
            if (!FUNCTIONS.contains(name)) {
                pos = at;
                throw error("unknown name '" + name + "': the variables are x, y and z, the functions "
                        + String.join(", ", FUNCTIONS));
            }
        }

        private double number() {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int mark = pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos == text.length() || !Character.isDigit(text.charAt(pos))) {
                    pos = mark; // not an exponent after all
                }
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            String literal = text.substring(start, pos);
            try {
                return Double.parseDouble(literal);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("'" + literal + "' is not a number");
            }
        }

        private String name() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("a function name was expected");
            }
            return text.substring(start, pos);
        }

        private boolean eat(String token) {
            skipSpace();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!eat(token)) {
                throw error(pos == text.length() ? "the expression ends where '" + token + "' was expected"
                        : "expected '" + token + "' but found '" + text.charAt(pos) + "'");
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private ExpressionError error(String problem) {
            return new ExpressionError(String.format(Locale.ROOT, "column %d: %s", pos + 1, problem));
        }
    }
}
