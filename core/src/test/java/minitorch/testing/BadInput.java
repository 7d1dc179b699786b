package minitorch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The bad-input catalogue's vocabulary: each case is a mistake a user makes and what the library
 * promises for it, either an exception of an exact type whose message names the operation and the
 * offending value, or (for NaN, infinities and empty tensors, which are not errors) a documented result.
 * A catalogue class lists its cases and returns {@link #run}, so each case is one test in the report.
 */
public final class BadInput {
    private BadInput() {}

    /** One catalogue entry. */
    public record Case(String name, Executable check) {}

    /**
     * {@code call} throws exactly {@code type}, and its message contains each of {@code mustName}
     * (the operation first, then the offending values), on one line.
     */
    public static Case rejects(String name, Class<? extends Throwable> type, Executable call, String... mustName) {
        return new Case(name, () -> {
            Throwable e = assertThrowsExactly(type, call, name);
            String message = e.getMessage();
            assertTrue(message != null && !message.isBlank(), name + ": no message");
            for (String fragment : mustName) {
                assertTrue(message.contains(fragment), name + ": message does not name '" + fragment + "': " + message);
            }
        });
    }

    /** {@code actual} gives the documented result ({@code Double} results compare NaN equal to NaN and -0.0 unequal to 0.0). */
    public static Case gives(String name, Object documented, Supplier<?> actual) {
        return new Case(name, () -> assertEquals(documented, actual.get(), name));
    }

    /** Any other check (documented results that need more than one comparison). */
    public static Case check(String name, Executable check) { return new Case(name, check); }

    public static Stream<DynamicTest> run(List<Case> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), c.check()));
    }
}
