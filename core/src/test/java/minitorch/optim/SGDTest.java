package minitorch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import minitorch.module.Parameter;
import minitorch.scalar.Scalar;
import minitorch.tensor.Tensor;

class SGDTest {

    @Test
    void stepMovesAgainstTheDerivativeAndLeavesUntouchedParametersAlone() {
        Parameter<Scalar> w = new Parameter<>(new Scalar(3.0), "w");
        Parameter<Scalar> unused = new Parameter<>(new Scalar(7.0), "unused");
        SGD sgd = new SGD(List.of(w, unused), 0.1);
        Scalar before = w.value();
        before.mul(before).backward(); // d(w^2)/dw = 6
        assertEquals(6.0, before.derivative());
        sgd.step();
        assertEquals(3.0 - 0.1 * 6.0, w.value().data(), 1e-15);
        assertNotSame(before, w.value());
        assertNull(w.value().derivative(), "a step leaves a fresh leaf");
        assertEquals(7.0, unused.value().data());
    }

    @Test
    void zeroGradForgetsDerivatives() {
        Parameter<Scalar> w = new Parameter<>(new Scalar(3.0));
        SGD sgd = new SGD(List.of(w));
        assertEquals(1.0, sgd.learningRate());
        w.value().mul(2.0).backward();
        assertEquals(2.0, w.value().derivative());
        sgd.zeroGrad();
        assertNull(w.value().derivative());
        sgd.step();
        assertEquals(3.0, w.value().data(), "nothing to step without a derivative");
    }

    @Test
    void minimisesAQuadratic() {
        Parameter<Scalar> x = new Parameter<>(new Scalar(-4.0));
        SGD sgd = new SGD(List.of(x), 0.1);
        for (int i = 0; i < 200; i++) {
            sgd.zeroGrad();
            x.value().sub(2.0).mul(x.value().sub(2.0)).backward();
            sgd.step();
        }
        assertEquals(2.0, x.value().data(), 1e-9);
    }

    @Test
    void rejectsBadRatesAndUnknownValueTypes() {
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), -1.0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), Double.NaN));
        Parameter<String> p = new Parameter<>("text", "label");
        SGD sgd = new SGD(List.of(p), 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sgd::step);
        assertEquals("SGD: cannot train a parameter holding java.lang.String (label)", e.getMessage());
        assertSame(p, sgd.parameters().getFirst());
    }

    @Test
    void tensorParametersStepAgainstTheirGradientWithoutRecordingHistory() {
        Parameter<Tensor> w = new Parameter<>(Tensor.of(1, -2, 3), "w");
        assertTrue(w.value().requiresGrad(), "a tensor parameter is a leaf that requires grad");
        SGD sgd = new SGD(List.of(w), 0.5);
        Tensor before = w.value();
        before.mul(before).sum().backward();   // gradient 2w
        sgd.step();
        assertArrayEquals(new double[] {1 - 0.5 * 2, -2 + 0.5 * 4, 3 - 0.5 * 6}, w.value().toDoubleArray(), 1e-15);
        assertSame(before, w.value(), "a tensor is updated in place, as torch.optim.SGD does");
        assertTrue(w.value().isLeaf(), "the update is not part of a graph");
        assertTrue(w.value().requiresGrad());
        assertNull(w.value().grad(), "a step clears the gradient, as the original's fresh leaf had none");
    }

    @Test
    void tensorZeroGradForgetsGradients() {
        Parameter<Tensor> w = new Parameter<>(Tensor.of(2.0));
        SGD sgd = new SGD(List.of(w), 0.1);
        w.value().mul(3).sum().backward();
        assertEquals(3.0, w.value().grad().item());
        sgd.zeroGrad();
        assertNull(w.value().grad());
        sgd.step();
        assertEquals(2.0, w.value().item(), "nothing to step without a gradient");
    }

    @Test
    void aParameterMadeFromAComputedTensorIsALeaf() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Parameter<Tensor> p = new Parameter<>(x.mul(2));
        assertTrue(p.value().isLeaf());
        assertTrue(p.value().requiresGrad());
        assertArrayEquals(new double[] {2, 4}, p.value().toDoubleArray());
    }
}
