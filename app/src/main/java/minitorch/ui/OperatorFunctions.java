package minitorch.ui;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import minitorch.operators.Operators;

/**
 * Every function of {@link Operators} that takes one or two doubles and returns a double, found by
 * reflection so that the Math Sandbox lists each one the library has, and no list here can drift from it.
 */
final class OperatorFunctions {
    private OperatorFunctions() {}

    /** One of the functions: its name and how many arguments it takes. */
    record Entry(String name, int arity, Method method) {
        double apply(double... args) {
            try {
                return (double) method.invoke(null, Arrays.stream(args).boxed().toArray());
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Operators." + name + " failed: " + e.getCause(), e);
            }
        }
    }

    static final List<Entry> ALL = Arrays.stream(Operators.class.getMethods())
            .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == double.class)
            .filter(m -> m.getParameterCount() >= 1 && m.getParameterCount() <= 2)
            .filter(m -> Arrays.stream(m.getParameterTypes()).allMatch(t -> t == double.class))
            .map(m -> new Entry(m.getName(), m.getParameterCount(), m))
            .sorted(Comparator.comparingInt(Entry::arity).thenComparing(Entry::name))
            .toList();

    static Entry named(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new BadRequest("unknown operator '" + name + "': expected one of "
                        + String.join(", ", ALL.stream().map(Entry::name).toList())));
    }
}
