package minitorch.scalar;

import minitorch.autodiff.Context;
import minitorch.operators.Operators;

/**
 * The primitive scalar functions of Module 1, each a forward from {@link Operators} and its backward.
 * Everything else (sub, div, gt, ...) is derived from these in {@link Scalar}.
 */
public final class ScalarFunctions {
    private ScalarFunctions() {}

    public static final ScalarFunction ADD = new Add();
    public static final ScalarFunction LOG = new Log();
    public static final ScalarFunction MUL = new Mul();
    public static final ScalarFunction INV = new Inv();
    public static final ScalarFunction NEG = new Neg();
    public static final ScalarFunction SIGMOID = new Sigmoid();
    public static final ScalarFunction RELU = new ReLU();
    public static final ScalarFunction EXP = new Exp();
    public static final ScalarFunction LT = new LT();
    public static final ScalarFunction EQ = new EQ();

    /** a + b; d/da = d/db = 1. */
    public static final class Add extends ScalarFunction {
        public Add() { super(2); }

        @Override
        protected double forward(Context ctx, double... x) { return Operators.add(x[0], x[1]); }

        @Override
        protected double[] backward(Context ctx, double d) { return derivatives(d, d); }
    }

    /** Natural log; d/da = 1 / a. */
    public static final class Log extends ScalarFunction {
        public Log() { super(1); }

        @Override
        protected double forward(Context ctx, double... x) {
            ctx.saveForBackward(x[0]);
            return Operators.log(x[0]);
        }

        @Override
        protected double[] backward(Context ctx, double d) {
            double a = ctx.saved(0);
            return derivatives(Operators.logBack(a, d));
        }
    }

    /** a * b; d/da = b, d/db = a. */
    public static final class Mul extends ScalarFunction {
        public Mul() { super(2); }

        @Override
        protected double forward(Context ctx, double... x) {
            ctx.saveForBackward(x[0], x[1]);
            return Operators.mul(x[0], x[1]);
        }

        @Override
        protected double[] backward(Context ctx, double d) {
            double a = ctx.saved(0);
            double b = ctx.saved(1);
            return derivatives(Operators.mul(d, b), Operators.mul(d, a));
        }
    }

    /** 1 / a; d/da = -1 / a². */
    public static final class Inv extends ScalarFunction {
        public Inv() { super(1); }

        @Override
        protected double forward(Context ctx, double... x) {
            ctx.saveForBackward(x[0]);
            return Operators.inv(x[0]);
        }

        @Override
        protected double[] backward(Context ctx, double d) {
            double a = ctx.saved(0);
            return derivatives(Operators.invBack(a, d));
        }
    }

    /** -a; d/da = -1. */
    public static final class Neg extends ScalarFunction {
        public Neg() { super(1); }

        @Override
        protected double forward(Context ctx, double... x) { return Operators.neg(x[0]); }

        @Override
        protected double[] backward(Context ctx, double d) { return derivatives(Operators.neg(d)); }
    }

    /** σ(a); d/da = σ(a)(1 - σ(a)), computed from the saved output. */
    public static final class Sigmoid extends ScalarFunction {
        public Sigmoid() { super(1); }

        @Override
        protected double forward(Context ctx, double... x) {
            double s = Operators.sigmoid(x[0]);
            ctx.saveForBackward(s);
            return s;
        }

        @Override
        protected double[] backward(Context ctx, double d) {
            double s = ctx.saved(0);
            return derivatives(d * s * (1.0 - s));
        }
    }

    /** max(a, 0); d/da = 1 where a > 0, else 0. */
    public static final class ReLU extends ScalarFunction {
        public ReLU() { super(1); }

        @Override
        protected double forward(Context ctx, double... x) {
            ctx.saveForBackward(x[0]);
            return Operators.relu(x[0]);
        }

        @Override
        protected double[] backward(Context ctx, double d) {
            double a = ctx.saved(0);
            return derivatives(Operators.reluBack(a, d));
        }
    }

    /** e^a; d/da = e^a, computed from the saved output. */
    public static final class Exp extends ScalarFunction {
        public Exp() { super(1); }

        @Override
        protected double forward(Context ctx, double... x) {
            double e = Operators.exp(x[0]);
            ctx.saveForBackward(e);
            return e;
        }

        @Override
        protected double[] backward(Context ctx, double d) {
            double e = ctx.saved(0);
            return derivatives(d * e);
        }
    }

    /** 1.0 if a < b else 0.0; a step function, so both derivatives are 0. */
    public static final class LT extends ScalarFunction {
        public LT() { super(2); }

        @Override
        protected double forward(Context ctx, double... x) { return Operators.lt(x[0], x[1]); }

        @Override
        protected double[] backward(Context ctx, double d) { return derivatives(0.0, 0.0); }
    }

    /** 1.0 if a == b else 0.0; both derivatives are 0. */
    public static final class EQ extends ScalarFunction {
        public EQ() { super(2); }

        @Override
        protected double forward(Context ctx, double... x) { return Operators.eq(x[0], x[1]); }

        @Override
        protected double[] backward(Context ctx, double d) { return derivatives(0.0, 0.0); }
    }
}
