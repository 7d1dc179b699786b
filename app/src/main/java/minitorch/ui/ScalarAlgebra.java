package minitorch.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import minitorch.scalar.Scalar;

/**
 * Evaluates an {@link Expression} with this library's {@link Scalar}s, as the original's Autodiff Sandbox
 * does: x, y and z are leaves, a number in the expression is a constant (no derivative flows into it).
 */
final class ScalarAlgebra implements Expression.Algebra<Scalar> {
    private final Map<String, Scalar> variables = new LinkedHashMap<>();

    ScalarAlgebra(double x, double y, double z) {
        put("x", x);
        put("y", y);
        put("z", z);
    }

    private void put(String name, double value) {
        Scalar s = new Scalar(value);
        s.setName(name);
        variables.put(name, s);
    }

    /** x, y and z, in that order, with their derivatives once a backward has run. */
    Map<String, Scalar> variables() { return variables; }

    @Override
    public Scalar variable(String name) { return variables.get(name); }

    @Override
    public Scalar constant(double value) { return Scalar.constant(value); }

    @Override
    public Scalar call(String function, Scalar a) {
        return switch (function) {
            case "log" -> a.log();
            case "exp" -> a.exp();
            case "sigmoid" -> a.sigmoid();
            case "relu" -> a.relu();
            case "neg" -> a.neg();
            case "inv" -> a.inv();
            case "sum" -> throw new BadRequest("sum() applies to tensors; a Scalar is already one number");
            default -> throw new BadRequest("unknown function '" + function + "'");
        };
    }

    @Override
    public Scalar binary(String op, Scalar a, Scalar b) {
        return switch (op) {
            case "+" -> a.add(b);
            case "-" -> a.sub(b);
            case "*" -> a.mul(b);
            case "/" -> a.div(b);
            case "<" -> a.lt(b);
            case ">" -> a.gt(b);
            case "==" -> a.eq(b);
            default -> throw new BadRequest("unknown operator '" + op + "'");
        };
    }
}
