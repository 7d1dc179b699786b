package minitorch.scalar;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import minitorch.operators.Operators;

/**
 * The original's {@code MathTest} / {@code MathTestVariable} (§1.15): each function in a float version
 * (built from {@link Operators}) and a {@link Scalar} version. {@code kinks} are the inputs where the
 * function is not differentiable, so derivative checks stay clear of them.
 */
final class MathFunctions {
    private MathFunctions() {}

    record One(String name, DoubleUnaryOperator plain, UnaryOperator<Scalar> scalar, double... kinks) {
        @Override
        public String toString() { return name; }
    }

    /** {@code kink} gives, for (a, b), the distance to where the function jumps; NaN if it never does. */
    record Two(String name, DoubleBinaryOperator plain, BinaryOperator<Scalar> scalar, DoubleBinaryOperator kink) {
        @Override
        public String toString() { return name; }
    }

    static final List<One> ONE_ARG = List.of(
            new One("addConstant", a -> 5 + a, a -> a.add(5)),
            new One("complex",
                    a -> Operators.log(Operators.sigmoid(Operators.relu(Operators.relu(a * 10 + 7) * 6 + 5) * 10)) / 50,
                    a -> a.mul(10).add(7).relu().mul(6).add(5).relu().mul(10).sigmoid().log().div(50), -0.7),
            new One("cube", a -> a * a * a, a -> a.mul(a).mul(a)),
            new One("div", a -> a / 5, a -> a.div(5)),
            new One("exp", a -> Operators.exp(a - 200), a -> a.sub(200).exp()),
            new One("explog", a -> Operators.log(a + 100000) + Operators.exp(a - 200),
                    a -> a.add(100000).log().add(a.sub(200).exp())),
            new One("inv", a -> Operators.inv(a + 3.5), a -> new Scalar(1.0).div(a.add(3.5)), -3.5),
            new One("log", a -> Operators.log(a + 100000), a -> a.add(100000).log()),
            new One("multConstant", a -> 5 * a, a -> a.mul(5)),
            new One("neg", a -> -a, Scalar::neg),
            new One("relu", a -> Operators.relu(a + 5.5), a -> a.add(5.5).relu(), -5.5),
            new One("sig", Operators::sigmoid, Scalar::sigmoid),
            new One("square", a -> a * a, a -> a.mul(a)),
            new One("subConstant", a -> a - 5, a -> a.sub(5)));

    static final List<Two> TWO_ARG = List.of(
            new Two("add2", (a, b) -> a + b, Scalar::add, (a, b) -> Double.NaN),
            new Two("div2", (a, b) -> a / (b + 5.5), (a, b) -> a.div(b.add(5.5)), (a, b) -> b + 5.5),
            new Two("eq2", (a, b) -> Operators.eq(a, b + 5.5), (a, b) -> a.eq(b.add(5.5)), (a, b) -> a - (b + 5.5)),
            new Two("gt2", (a, b) -> Operators.lt(b, a + 1.2), (a, b) -> a.add(1.2).gt(b), (a, b) -> a + 1.2 - b),
            new Two("lt2", (a, b) -> Operators.lt(a + 1.2, b), (a, b) -> a.add(1.2).lt(b), (a, b) -> a + 1.2 - b),
            new Two("mul2", (a, b) -> a * b, Scalar::mul, (a, b) -> Double.NaN));
}
