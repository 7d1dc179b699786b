package minitorch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    record Point(int x, double y, String label) {}

    @Test
    void valuesOfEveryKind() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", null);
        m.put("b", true);
        m.put("i", 42);
        m.put("d", 0.25);
        m.put("whole", 3.0);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("list", List.of(1, "two"));
        m.put("doubles", new double[] {1.5, Double.POSITIVE_INFINITY});
        m.put("ints", new int[] {1, 2});
        m.put("record", new Point(1, 2.5, "p"));
        m.put("nested", new double[][] {{1}, {2}});
        assertEquals("{\"n\":null,\"b\":true,\"i\":42,\"d\":0.25,\"whole\":3,\"nan\":null,\"inf\":null,"
                + "\"list\":[1,\"two\"],\"doubles\":[1.5,null],\"ints\":[1,2],\"record\":{\"x\":1,\"y\":2.5,\"label\":\"p\"},"
                + "\"nested\":[[1],[2]]}", Json.write(m));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\\u2028\"", Json.write("a\"b\\c\nd\u0001\u2028"));
    }

    @Test
    void smallAndLargeNumbersStayNumbers() {
        assertEquals("[1.0E-5,1.0E20,-7]", Json.write(Arrays.asList(1e-5, 1e20, -7.0)));
    }

    @Test
    void anUnknownTypeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertEquals("Json.write: cannot write a java.lang.Object", e.getMessage());
    }
}
