package minitorch.ops;

import java.util.function.DoubleUnaryOperator;
import minitorch.operators.Operators;

/**
 * The elementwise one-argument functions a backend's {@code map} can run. Each carries its Java
 * definition (from {@link Operators}) and its CUDA C expression side by side, so adding an op is one
 * place: the CUDA generator splices {@link #cuda} in, with {@code x} the argument and {@code T} the
 * element type ({@code float} or {@code double}).
 */
public enum UnaryOp {
    ID(Operators::id, "x"),
    NEG(Operators::neg, "-x"),
    INV(Operators::inv, "(T)1 / x"),
    LOG(Operators::log, "log(x)"),
    EXP(Operators::exp, "exp(x)"),
    SIGMOID(Operators::sigmoid, "(x >= (T)0 ? (T)1 / ((T)1 + exp(-x)) : exp(x) / ((T)1 + exp(x)))"),
    RELU(Operators::relu, "(x > (T)0 ? x : (T)0)"),
    SQRT(Operators::sqrt, "sqrt(x)");

    private final DoubleUnaryOperator fn;
    /** CUDA C expression of {@code x} of type {@code T}. */
    public final String cuda;

    UnaryOp(DoubleUnaryOperator fn, String cuda) {
        this.fn = fn;
        this.cuda = cuda;
    }

    public double apply(double x) { return fn.applyAsDouble(x); }
}
