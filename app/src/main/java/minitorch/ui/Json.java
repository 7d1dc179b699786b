package minitorch.ui;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the sandbox's answers as JSON: maps, lists, arrays, records, strings, numbers, booleans and null.
 * Non-finite numbers (a log of 0, an overflowing exp) become {@code null}, since JSON has no NaN or Infinity
 * and the page draws a gap there.
 */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Double d -> number(sb, d);
            case Float f -> number(sb, f);
            case Number n -> sb.append(n);
            case Character c -> string(sb, c.toString());
            case Enum<?> e -> string(sb, e.name().toLowerCase(java.util.Locale.ROOT));
            case Map<?, ?> m -> {
                sb.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                    if (it.hasNext()) {
                        sb.append(',');
                    }
                }
                sb.append('}');
            }
            case Iterable<?> items -> {
                sb.append('[');
                String sep = "";
                for (Object item : items) {
                    sb.append(sep);
                    write(sb, item);
                    sep = ",";
                }
                sb.append(']');
            }
            case double[] a -> {
                sb.append('[');
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ",");
                    number(sb, a[i]);
                }
                sb.append(']');
            }
            case int[] a -> {
                sb.append('[');
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(a[i]);
                }
                sb.append(']');
            }
            case Object[] a -> write(sb, java.util.Arrays.asList(a));
            case Record r -> {
                sb.append('{');
                RecordComponent[] parts = r.getClass().getRecordComponents();
                for (int i = 0; i < parts.length; i++) {
                    sb.append(i == 0 ? "" : ",");
                    string(sb, parts[i].getName());
                    sb.append(':');
                    try {
                        parts[i].getAccessor().setAccessible(true);
                        write(sb, parts[i].getAccessor().invoke(r));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + parts[i].getName() + " of " + r.getClass(), e);
                    }
                }
                sb.append('}');
            }
            default -> throw new IllegalArgumentException("Json.write: cannot write a " + v.getClass().getName());
        }
    }

    private static void number(StringBuilder sb, double d) {
        if (!Double.isFinite(d)) {
            sb.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
        } else {
            sb.append(d);
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
