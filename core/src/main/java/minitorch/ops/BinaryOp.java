package minitorch.ops;

import java.util.function.DoubleBinaryOperator;
import minitorch.operators.Operators;

/**
 * The elementwise two-argument functions a backend's {@code zip} can run: the Java definition, the
 * CUDA C expression of {@code a} and {@code b} (of type {@code T}) and the SIMD expression side by side
 * (see {@link UnaryOp}).
 */
public enum BinaryOp {
    ADD(Operators::add, "a + b", "x.add(y)"),
    MUL(Operators::mul, "a * b", "x.mul(y)"),
    LT(Operators::lt, "(a < b ? (T)1 : (T)0)", "zero.blend(one, x.compare(VectorOperators.LT, y))"),
    EQ(Operators::eq, "(a == b ? (T)1 : (T)0)", "zero.blend(one, x.compare(VectorOperators.EQ, y))"),
    IS_CLOSE(Operators::isClose, "(fabs(a - b) < (T)1e-2 ? (T)1 : (T)0)",
            "zero.blend(one, x.sub(y).abs().compare(VectorOperators.LT, (T) 1e-2))"),
    MAX(Operators::max, "(a > b ? a : b)", "y.blend(x, x.compare(VectorOperators.GT, y))"),
    /** a is the forward input, b the incoming derivative. */
    RELU_BACK(Operators::reluBack, "(a > (T)0 ? b : (T)0)", "zero.blend(y, x.compare(VectorOperators.GT, 0))"),
    LOG_BACK(Operators::logBack, "b / a", "y.div(x)"),
    INV_BACK(Operators::invBack, "-b / (a * a)", "y.neg().div(x.mul(x))"),
    SIGMOID_BACK(Operators::sigmoidBack,
            "b * (a >= (T)0 ? (T)1 / ((T)1 + exp(-a)) : exp(a) / ((T)1 + exp(a)))"
                    + " * ((T)1 - (a >= (T)0 ? (T)1 / ((T)1 + exp(-a)) : exp(a) / ((T)1 + exp(a))))",
            "sigmoidBack(x, y, one)"),
    SQRT_BACK(Operators::sqrtBack, "b / ((T)2 * sqrt(a))", "y.div(x.lanewise(VectorOperators.SQRT).mul(two))"),
    /** a to the power b (Tensor.pow zips with a one-element exponent). */
    POW(Operators::pow, "pow(a, b)", "x.lanewise(VectorOperators.POW, y)");

    private final DoubleBinaryOperator fn;
    /** CUDA C expression of {@code a} and {@code b} of type {@code T}. */
    public final String cuda;
    /**
     * Vector API expression of the vectors {@code x} (for a) and {@code y} (for b) for the FAST
     * backend's SIMD loop; constants and helpers as in {@link UnaryOp#simd}.
     */
    public final String simd;

    BinaryOp(DoubleBinaryOperator fn, String cuda, String simd) {
        this.fn = fn;
        this.cuda = cuda;
        this.simd = simd;
    }

    public double apply(double a, double b) { return fn.applyAsDouble(a, b); }
}
