package minitorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.testing.GradCheck;
import org.junit.jupiter.api.Test;

class LinearTest {

    @Test
    void forwardIsXTimesWPlusB() {
        Linear layer = new Linear(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(10, 20, 30));
        Tensor y = layer.forward(Tensor.of(new double[] {1, 1, 0, 2}, 2, 2));
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new double[] {1 + 4 + 10, 2 + 5 + 20, 3 + 6 + 30, 8 + 10, 10 + 20, 12 + 30}, y.toDoubleArray());
        assertEquals("Linear(in=2, out=3)", layer.toString());
    }

    @Test
    void parametersAreNamedLeavesThatCollectGradients() {
        Linear layer = Linear.uniform(3, 2, 1.0, new Random(1), Backend.SIMPLE, DType.FLOAT64);
        assertEquals(List.of("weights", "bias"), List.copyOf(layer.namedParameters().keySet()));
        for (Parameter<?> p : layer.parameters()) {
            assertTrue(((Tensor) p.value()).requiresGrad());
        }
        layer.forward(Tensor.rand(new Random(2), 4, 3)).sum().backward();
        assertArrayEquals(new int[] {3, 2}, layer.weight().value().grad().shape());
        assertArrayEquals(new double[] {4, 4}, layer.bias().value().grad().toDoubleArray());
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Random random = new Random(3);
        GradCheck.check("linear", in -> new Linear(in.get(1), in.get(2)).forward(in.get(0)).sigmoid(),
                Tensor.rand(random, 4, 3), Tensor.rand(random, 3, 2), Tensor.rand(random, 2));
    }

    @Test
    void initialisersDrawWeightsThenBiasInTheirRange() {
        Linear a = Linear.uniform(2, 3, 0.05, new Random(5), Backend.SIMPLE, DType.FLOAT32);
        assertEquals(DType.FLOAT32, a.weight().value().dtype());
        for (double v : a.weight().value().toDoubleArray()) {
            assertTrue(v >= -0.05 && v < 0.05, "weight " + v);
        }
        Random same = new Random(5);
        double first = 0.1 * (same.nextDouble() - 0.5);
        assertEquals(first, a.weight().value().get(0, 0), 1e-8, "weights are drawn first");
        Linear b = Linear.uniformWeightConstantBias(2, 3, 0.5, 0.1, new Random(5), Backend.SIMPLE, DType.FLOAT64);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, b.bias().value().toDoubleArray());
    }

    @Test
    void badShapesAreRejectedWithTheShapes() {
        Linear layer = Linear.uniform(3, 2, 1.0, new Random(1), Backend.SIMPLE, DType.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(Tensor.zeros(3, 2), Tensor.zeros(3)));
    }
}
