package minitorch.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A node of a model: named parameters and named child modules, forming a tree. Java has no
 * {@code __setattr__}, so a subclass registers what it owns explicitly, usually in its constructor:
 *
 * <pre>{@code
 * class Linear extends Module {
 *     final Parameter<Scalar> weight = addParameter("weight", new Scalar(0.5));
 *     final Layer inner = addModule("inner", new Layer());
 * }
 * }</pre>
 *
 * Both methods return what they register so it can be kept in a typed field.
 */
public class Module {
    private final SequencedMap<String, Module> modules = new LinkedHashMap<>();
    private final SequencedMap<String, Parameter<?>> parameters = new LinkedHashMap<>();
    private boolean training = true;

    /**
     * Registers a parameter holding {@code value} under {@code name} (the original's {@code add_parameter}).
     *
     * @throws IllegalArgumentException if the name is empty, dotted, or already used in this module
     */
    public final <V> Parameter<V> addParameter(String name, V value) {
        checkFreeName(name);
        Parameter<V> p = new Parameter<>(value, name);
        parameters.put(name, p);
        return p;
    }

    /**
     * Registers {@code module} as a child called {@code name}.
     *
     * @throws IllegalArgumentException if the name is empty, dotted, or already used in this module
     */
    public final <M extends Module> M addModule(String name, M module) {
        checkFreeName(name);
        if (module == this) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".addModule: a module cannot contain itself");
        }
        modules.put(name, module);
        return module;
    }

    private void checkFreeName(String name) {
        String owner = getClass().getSimpleName();
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(owner + ": invalid name '" + name + "' (non-empty, without dots)");
        }
        if (parameters.containsKey(name) || modules.containsKey(name)) {
            throw new IllegalArgumentException(owner + ": name '" + name + "' is already used");
        }
    }

    /** This module's own parameter called {@code name}. */
    public final Parameter<?> parameter(String name) {
        Parameter<?> p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no parameter '" + name
                    + "'; it has " + parameters.keySet());
        }
        return p;
    }

    /** This module's direct child called {@code name}. */
    public final Module module(String name) {
        Module m = modules.get(name);
        if (m == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no module '" + name
                    + "'; it has " + modules.keySet());
        }
        return m;
    }

    /** The direct children, in the order they were added. */
    public final List<Module> modules() { return List.copyOf(modules.values()); }

    /** The direct children by name, in the order they were added. */
    public final SequencedMap<String, Module> namedModules() {
        return Collections.unmodifiableSequencedMap(new LinkedHashMap<>(modules));
    }

    /**
     * Every parameter of this module and its descendants by dotted path ({@code p1}, {@code a.p2},
     * {@code b.c.p3}): this module's own parameters in the order added, then each child's, in the order
     * the children were added (Torch's order).
     */
    public final SequencedMap<String, Parameter<?>> namedParameters() {
        SequencedMap<String, Parameter<?>> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableSequencedMap(out);
    }

    private void collect(String prefix, Map<String, Parameter<?>> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        modules.forEach((name, m) -> m.collect(prefix + name + ".", out));
    }

    /** Every parameter of this module and its descendants, in {@link #namedParameters()} order. */
    public final List<Parameter<?>> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Puts this module and every descendant in training mode. */
    public final void train() { setTraining(true); }

    /** Puts this module and every descendant in evaluation mode. */
    public final void eval() { setTraining(false); }

    private void setTraining(boolean mode) {
        training = mode;
        modules.values().forEach(m -> m.setTraining(mode));
    }

    public final boolean isTraining() { return training; }

    /** Extra detail shown inside the parentheses of {@link #toString()}, e.g. {@code in=2, out=10}. */
    protected String extraRepr() { return ""; }

    /**
     * Torch's layout: {@code Name(extra)} for a module without children, otherwise
     * <pre>
     * Network(
     *   (layer1): Linear(in=2, out=10)
     *   (layer2): Linear(in=10, out=1)
     * )
     * </pre>
     */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (modules.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        if (!extraRepr().isEmpty()) {
            sb.append("\n  ").append(extraRepr());
        }
        modules.forEach((key, m) -> sb.append("\n  (").append(key).append("): ")
                .append(m.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}
