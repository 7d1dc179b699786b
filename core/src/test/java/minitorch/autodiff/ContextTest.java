package minitorch.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a forward pass saves for its backward pass, and what a no-grad context does not keep. */
class ContextTest {

    @Test
    void savesCopiesAndHandsBackEachValue() {
        Context ctx = new Context();
        assertFalse(ctx.noGrad());
        Object[] values = {1.5, "two"};
        ctx.saveForBackward(values);
        values[0] = 99.0;
        assertArrayEquals(new Object[] {1.5, "two"}, ctx.savedValues(), "saving copies the array");
        assertEquals(1.5, (double) ctx.saved(0));
        assertEquals("two", ctx.<String>saved(1), "the last value is reachable");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.saved(2));
        assertTrue(e.getMessage().contains("value 2") && e.getMessage().contains("2 were saved"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ctx.saved(-1));
    }

    @Test
    void aNoGradContextKeepsNothing() {
        Context ctx = new Context(true);
        assertTrue(ctx.noGrad());
        ctx.saveForBackward(1.0, 2.0);
        assertEquals(0, ctx.savedValues().length);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.saved(0));
        assertTrue(e.getMessage().contains("no-grad"), e.getMessage());
    }
}
