package minitorch.testing;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import minitorch.operators.Operators;
import minitorch.tensor.Tensor;

/**
 * The original's {@code MathTest} / {@code MathTestVariable} table (reference §1.15): each case
 * pairs a float function with the same function written with tensor operations, so tests can check
 * one against the other at every index and check gradients of the tensor version.
 */
public final class TensorMathCases {
    private TensorMathCases() {}

    public record OneArg(String name, DoubleUnaryOperator scalar, UnaryOperator<Tensor> tensor) {
        @Override public String toString() { return name; }
    }

    public record TwoArg(String name, DoubleBinaryOperator scalar, BinaryOperator<Tensor> tensor) {
        @Override public String toString() { return name; }
    }

    /** A reduction: the float version over a list of values, the tensor version along dimension 0 or over all. */
    public record Reduction(String name, ToDoubleFunction<double[]> scalar, UnaryOperator<Tensor> tensor) {
        @Override public String toString() { return name; }
    }

    public static final List<OneArg> ONE_ARG = List.of(
            new OneArg("addConstant", a -> 5 + a, a -> a.add(5)),
            new OneArg("complex",
                    a -> Operators.log(Operators.sigmoid(Operators.relu(Operators.relu(a * 10 + 7) * 6 + 5) * 10)) / 50,
                    a -> a.mul(10).add(7).relu().mul(6).add(5).relu().mul(10).sigmoid().log().div(50)),
            new OneArg("cube", a -> a * a * a, a -> a.mul(a).mul(a)),
            new OneArg("div", a -> a / 5, a -> a.div(5)),
            new OneArg("exp", a -> Operators.exp(a - 200), a -> a.sub(200).exp()),
            new OneArg("explog", a -> Operators.log(a + 100000) + Operators.exp(a - 200),
                    a -> a.add(100000).log().add(a.sub(200).exp())),
            new OneArg("inv", a -> Operators.inv(a + 3.5), a -> a.add(3.5).inv()),
            new OneArg("log", a -> Operators.log(a + 100000), a -> a.add(100000).log()),
            new OneArg("multConstant", a -> 5 * a, a -> a.mul(5)),
            new OneArg("neg", a -> -a, Tensor::neg),
            new OneArg("relu", a -> Operators.relu(a + 5.5), a -> a.add(5.5).relu()),
            new OneArg("sig", Operators::sigmoid, Tensor::sigmoid),
            new OneArg("square", a -> a * a, a -> a.mul(a)),
            new OneArg("subConstant", a -> a - 5, a -> a.sub(5)));

    public static final List<TwoArg> TWO_ARG = List.of(
            new TwoArg("add2", (a, b) -> a + b, Tensor::add),
            new TwoArg("div2", (a, b) -> a / (b + 5.5), (a, b) -> a.div(b.add(5.5))),
            new TwoArg("eq2", (a, b) -> Operators.eq(a, b + 5.5), (a, b) -> a.eq(b.add(5.5))),
            new TwoArg("gt2", (a, b) -> Operators.lt(b, a + 1.2), (a, b) -> a.add(1.2).gt(b)),
            new TwoArg("lt2", (a, b) -> Operators.lt(a + 1.2, b), (a, b) -> a.add(1.2).lt(b)),
            new TwoArg("mul2", (a, b) -> a * b, Tensor::mul));

    /** The two-argument cases that are smooth (comparisons have zero derivative and jump). */
    public static final List<TwoArg> TWO_ARG_SMOOTH = TWO_ARG.stream()
            .filter(c -> !List.of("eq2", "gt2", "lt2").contains(c.name())).toList();

    public static final List<Reduction> REDUCTIONS = List.of(
            new Reduction("mean_full_red", TensorMathCases::mean, Tensor::mean),
            new Reduction("mean_red", TensorMathCases::mean, a -> a.mean(0)),
            new Reduction("sum_red", TensorMathCases::sum, a -> a.sum(0)));

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static double mean(double[] values) { return sum(values) / values.length; }
}
