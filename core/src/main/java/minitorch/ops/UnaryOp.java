package minitorch.ops;

import java.util.function.DoubleUnaryOperator;
import minitorch.operators.Operators;

/**
 * The elementwise one-argument functions a backend's {@code map} can run. Each carries its Java
 * definition (from {@link Operators}), its CUDA C expression and its SIMD (Vector API) expression side
 * by side, so adding an op is one place: the CUDA generator splices {@link #cuda} in, with {@code x}
 * the argument and {@code T} the element type ({@code float} or {@code double}); the FAST backend's
 * loops are generated from {@link #simd} (KernelGenerator, core/src/test/.../ops/fast).
 */
public enum UnaryOp {
    ID(Operators::id, "x", "x"),
    NEG(Operators::neg, "-x", "x.neg()"),
    INV(Operators::inv, "(T)1 / x", "one.div(x)"),
    LOG(Operators::log, "log(x)", "x.lanewise(VectorOperators.LOG)"),
    EXP(Operators::exp, "exp(x)", "x.lanewise(VectorOperators.EXP)"),
    SIGMOID(Operators::sigmoid, "(x >= (T)0 ? (T)1 / ((T)1 + exp(-x)) : exp(x) / ((T)1 + exp(x)))",
            "sigmoid(x, one)"),
    RELU(Operators::relu, "(x > (T)0 ? x : (T)0)", "zero.blend(x, x.compare(VectorOperators.GT, 0))"),
    SQRT(Operators::sqrt, "sqrt(x)", "x.lanewise(VectorOperators.SQRT)");

    private final DoubleUnaryOperator fn;
    /** CUDA C expression of {@code x} of type {@code T}. */
    public final String cuda;
    /**
     * Vector API expression of the vector {@code x} for the FAST backend's SIMD loop: {@code zero},
     * {@code one}, {@code two} are broadcast constants, {@code T} the element type, {@code sigmoid(x, one)}
     * FloatElementwise's helper. It must compute what {@link #apply} does, lane by lane.
     */
    public final String simd;

    UnaryOp(DoubleUnaryOperator fn, String cuda, String simd) {
        this.fn = fn;
        this.cuda = cuda;
        this.simd = simd;
    }

    public double apply(double x) { return fn.applyAsDouble(x); }
}
