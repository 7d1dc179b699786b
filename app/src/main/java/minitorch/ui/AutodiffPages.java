package minitorch.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import minitorch.scalar.Scalar;
import minitorch.tensor.Tensor;

/**
 * Module 1's Autodiff Sandbox (an expression of Scalars: its graph, each variable's value and derivative)
 * and Module 2's Autograd Sandbox (the same over Tensors, with gradients).
 */
final class AutodiffPages {
    private AutodiffPages() {}

    static final String SCALAR_DEFAULT = "(x * x) * y + 10.0 * x";
    static final String TENSOR_DEFAULT = "(x * x) * y + 10.0 * x.sum()";

    static Object scalar(Query q) {
        Expression expr = Expression.parse(q.string("expr", ""));
        ScalarAlgebra algebra = new ScalarAlgebra(q.number("x", 1), q.number("y", 1), q.number("z", 1));
        Scalar out = expr.evaluate(algebra);
        if (!out.isConstant()) {
            out.backward();
        }
        Map<Long, String> names = new HashMap<>();
        List<Map<String, Object>> variables = new ArrayList<>();
        algebra.variables().forEach((name, s) -> {
            names.put(s.uniqueId(), name);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", name);
            v.put("value", s.data());
            v.put("derivative", s.derivative() == null ? 0.0 : s.derivative());
            v.put("used", MathPages.mentions(expr, name));
            variables.add(v);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("value", out.data());
        result.put("variables", variables);
        result.put("graph", ComputationGraph.<Double, Scalar>of(out,
                s -> s.history().lastFunction().name(), s -> number(s.data()), names));
        return result;
    }

    static Object tensor(Query q) {
        Expression expr = Expression.parse(q.string("expr", ""));
        int[] shape = q.integers("shape", "1, 3");
        double[] values = q.numbers("values", "1.0, 2.0, 3.0");
        TensorAlgebra algebra = new TensorAlgebra(values, shape); // the library checks values fit the shape
        Tensor out = expr.evaluate(algebra);
        if (out.requiresGrad()) {
            // the original's backward() on a non-scalar seeds it with a broadcast 1.0: ones of its shape
            out.backward(Tensor.ones(out.shape()));
        }
        Map<Long, String> names = new HashMap<>();
        List<Map<String, Object>> variables = new ArrayList<>();
        algebra.variables().forEach((name, t) -> {
            names.put(t.uniqueId(), name);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", name);
            v.put("value", t.toString());
            v.put("grad", t.grad() == null ? null : t.grad().toString());
            v.put("used", MathPages.mentions(expr, name));
            variables.add(v);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("value", out.toString());
        result.put("shape", out.shape());
        result.put("variables", variables);
        result.put("graph", ComputationGraph.<Tensor, Tensor>of(out, Tensor::functionName,
                AutodiffPages::brief, names));
        return result;
    }

    /** A tensor in a graph node: its values when few ("[1 4 9] (1,3)"), else its shape. */
    private static String brief(Tensor t) {
        if (t.size() == 1) {
            return number(t.toDoubleArray()[0]);
        }
        String shape = java.util.Arrays.toString(t.shape()).replace('[', '(').replace(']', ')').replace(" ", "");
        if (t.size() > 4) {
            return "shape " + shape;
        }
        StringBuilder sb = new StringBuilder("[");
        for (double v : t.toDoubleArray()) {
            sb.append(sb.length() == 1 ? "" : " ").append(Double.isFinite(v)
                    ? new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString()
                    : String.valueOf(v));
        }
        return sb.append("] ").append(shape).toString();
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
