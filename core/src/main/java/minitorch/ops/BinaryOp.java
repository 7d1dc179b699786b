package minitorch.ops;

import java.util.function.DoubleBinaryOperator;
import minitorch.operators.Operators;

/**
 * The elementwise two-argument functions a backend's {@code zip} can run: the Java definition and
 * the CUDA C expression of {@code a} and {@code b} (of type {@code T}) side by side.
 */
public enum BinaryOp {
    ADD(Operators::add, "a + b"),
    MUL(Operators::mul, "a * b"),
    LT(Operators::lt, "(a < b ? (T)1 : (T)0)"),
    EQ(Operators::eq, "(a == b ? (T)1 : (T)0)"),
    IS_CLOSE(Operators::isClose, "(fabs(a - b) < (T)1e-2 ? (T)1 : (T)0)"),
    MAX(Operators::max, "(a > b ? a : b)"),
    /** a is the forward input, b the incoming derivative. */
    RELU_BACK(Operators::reluBack, "(a > (T)0 ? b : (T)0)"),
    LOG_BACK(Operators::logBack, "b / a"),
    INV_BACK(Operators::invBack, "-b / (a * a)"),
    SIGMOID_BACK(Operators::sigmoidBack,
            "b * (a >= (T)0 ? (T)1 / ((T)1 + exp(-a)) : exp(a) / ((T)1 + exp(a)))"
                    + " * ((T)1 - (a >= (T)0 ? (T)1 / ((T)1 + exp(-a)) : exp(a) / ((T)1 + exp(a))))"),
    SQRT_BACK(Operators::sqrtBack, "b / ((T)2 * sqrt(a))"),
    /** a to the power b (Tensor.pow zips with a one-element exponent). */
    POW(Operators::pow, "pow(a, b)");

    private final DoubleBinaryOperator fn;
    /** CUDA C expression of {@code a} and {@code b} of type {@code T}. */
    public final String cuda;

    BinaryOp(DoubleBinaryOperator fn, String cuda) {
        this.fn = fn;
        this.cuda = cuda;
    }

    public double apply(double a, double b) { return fn.applyAsDouble(a, b); }
}
