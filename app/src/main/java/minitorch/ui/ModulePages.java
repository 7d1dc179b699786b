package minitorch.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.operators.Operators;
import minitorch.scalar.Scalar;
import minitorch.tensor.Tensor;
import minitorch.tensor.DType;
import minitorch.train.Network;
import minitorch.train.ScalarTrainer;

/**
 * Module 0's Module Sandbox (a module tree with its named parameters), the Manual page (a linear classifier
 * whose weights are sliders) and the data sets every training page draws.
 */
final class ModulePages {
    private ModulePages() {}

    /** The original's default Module Sandbox code: {@code self.parameter1 = minitorch.Parameter(15)}. */
    static final class MyModule extends Module {
        MyModule() { addParameter("parameter1", 15.0); }
    }

    static Object module(Query q) {
        String name = q.string("model", "mymodule");
        int hidden = q.integer("hidden", 2, 1, 20);
        PythonRandom random = new PythonRandom(0);
        Module m = switch (name) {
            case "mymodule" -> new MyModule();
            case "scalar" -> new ScalarTrainer.Network(hidden, random);
            case "tensor" -> Network.runTensor(hidden, random, Backend.SIMPLE);
            case "fast" -> Network.runFastTensor(hidden, random, Backend.SIMPLE, DType.FLOAT64);
            default -> throw new BadRequest("unknown model '" + name + "': expected mymodule, scalar, tensor or fast");
        };
        Map<String, Object> named = new LinkedHashMap<>();
        m.namedParameters().forEach((path, p) -> named.put(path, describe(p.value())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tree", tree("model", m));
        out.put("namedParameters", named);
        out.put("text", m.toString());
        return out;
    }

    private static Map<String, Object> tree(String name, Module m) {
        List<Map<String, Object>> parameters = new ArrayList<>();
        m.namedParameters().forEach((path, p) -> {
            if (!path.contains(".")) {
                parameters.add(parameter(path, p));
            }
        });
        List<Map<String, Object>> children = new ArrayList<>();
        m.namedModules().forEach((child, sub) -> children.add(tree(child, sub)));
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("type", m.getClass().getSimpleName());
        node.put("parameters", parameters);
        node.put("children", children);
        return node;
    }

    private static Map<String, Object> parameter(String name, Parameter<?> p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("shape", p.value() instanceof Tensor t ? t.shape() : new int[0]);
        out.put("value", describe(p.value()));
        return out;
    }

    private static String describe(Object value) {
        return switch (value) {
            case Scalar s -> AutodiffPages.number(s.data());
            case Tensor t -> t.size() <= 12 ? t.toString() : "tensor of shape " + java.util.Arrays.toString(t.shape());
            case Double d -> AutodiffPages.number(d);
            default -> String.valueOf(value);
        };
    }

    /** A data set as the CLI draws it: {@code pts} points from Python's random seeded with {@code seed}. */
    static Graph dataset(Query q) {
        Datasets set = Datasets.parse(q.string("dataset", "simple"));
        int pts = q.integer("pts", 50, 1, 150);
        return set.generate(pts, new PythonRandom(q.integer("seed", 0, 0, Integer.MAX_VALUE)));
    }

    static Object points(Query q) {
        Graph g = dataset(q);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", g.name());
        out.put("x", g.x());
        out.put("y", g.y());
        return out;
    }

    /** The Manual page: sigmoid(w1 x1 + w2 x2 + b) over the plane, and how many points it gets right. */
    static Object manual(Query q) {
        Graph g = dataset(q);
        double w1 = q.number("w1", 1);
        double w2 = q.number("w2", 1);
        double b = q.number("b", -1);
        Boundary boundary = Boundary.of(g, p -> {
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = Operators.sigmoid(w1 * p[i][0] + w2 * p[i][1] + b);
            }
            return out;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("x", g.x());
        out.put("y", g.y());
        out.put("boundary", boundary);
        out.put("correct", boundary.correct());
        return out;
    }
}
