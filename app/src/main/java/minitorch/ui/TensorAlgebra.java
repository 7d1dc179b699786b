package minitorch.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import minitorch.tensor.Tensor;

/**
 * Evaluates an {@link Expression} with this library's {@link Tensor}s, as the original's Autograd Sandbox
 * does: x, y and z are leaves that require a gradient; a number is a one-element constant that broadcasts.
 */
final class TensorAlgebra implements Expression.Algebra<Tensor> {
    private final Map<String, Tensor> variables = new LinkedHashMap<>();

    /** Each variable starts as {@code values} with {@code shape} (the original: [[1.0, 2.0, 3.0]]). */
    TensorAlgebra(double[] values, int[] shape) {
        for (String name : new String[] {"x", "y", "z"}) {
            variables.put(name, Tensor.of(values.clone(), shape).requiresGrad(true));
        }
    }

    Map<String, Tensor> variables() { return variables; }

    @Override
    public Tensor variable(String name) { return variables.get(name); }

    @Override
    public Tensor constant(double value) { return Tensor.of(value); }

    @Override
    public Tensor call(String function, Tensor a) {
        return switch (function) {
            case "log" -> a.log();
            case "exp" -> a.exp();
            case "sigmoid" -> a.sigmoid();
            case "relu" -> a.relu();
            case "neg" -> a.neg();
            case "inv" -> a.inv();
            case "sum" -> a.sum();
            default -> throw new BadRequest("unknown function '" + function + "'");
        };
    }

    @Override
    public Tensor binary(String op, Tensor a, Tensor b) {
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
