package minitorch.train;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import minitorch.module.Parameter;
import minitorch.scalar.Scalar;

/** run_scalar.py's Linear and Network (§3.1) and the 2022 tests/test_modules.py (§2.9). */
class ScalarTrainerTest {

    /**
     * test_linear: two layers of ScalarLinear compute b_j + sum_i x_i w_ij, layer after layer. (app/ cannot see
     * core's test helper minitorch.testing.TensorGens, so its one property calls QuickTheories directly.)
     */
    @Test
    void linear() {
        qt().withExamples(30).forAll(lists().of(doubles().between(-1e5, 1e5)).ofSizeBetween(1, 10), integers().between(5, 20))
                .checkAssert((inputs, out) -> {
            Random random = new Random(42);
            ScalarTrainer.Linear lin1 = new ScalarTrainer.Linear(inputs.size(), out, random);
            ScalarTrainer.Linear lin2 = new ScalarTrainer.Linear(out, 1, random);
            List<Scalar> x = inputs.stream().map(Scalar::new).toList();
            List<Scalar> mid = lin1.forward(x);
            assertEquals(out, mid.size());
            for (int j = 0; j < out; j++) {
                double expected = ((Scalar) lin1.parameter("bias_" + j).value()).data();
                for (int i = 0; i < inputs.size(); i++) {
                    expected += inputs.get(i) * ((Scalar) lin1.parameter("weight_" + i + "_" + j).value()).data();
                }
                assertEquals(expected, mid.get(j).data(), 1e-9 * Math.max(1, Math.abs(expected)));
            }
            assertEquals(1, lin2.forward(mid).size());
        });
    }

    /** test_nn_size: the network's parameters are its layers' parameters, non-zero until updated to 0. */
    @Test
    void networkSizeAndUpdates() {
        ScalarTrainer.Network net = new ScalarTrainer.Network(2, new PythonRandom(0));
        // Linear(2,2): 4 weights + 2 biases; Linear(2,2): 6; Linear(2,1): 2 + 1
        assertEquals(6 + 6 + 3, net.parameters().size());
        assertEquals(List.of("layer1.weight_0_0", "layer1.weight_0_1", "layer1.weight_1_0", "layer1.weight_1_1",
                "layer1.bias_0", "layer1.bias_1"), List.copyOf(net.namedParameters().keySet()).subList(0, 6));
        for (Parameter<?> p : net.parameters()) {
            assertNotEquals(0.0, ((Scalar) p.value()).data());
        }
        for (Parameter<?> p : net.parameters()) {
            @SuppressWarnings("unchecked")
            Parameter<Scalar> ps = (Parameter<Scalar>) p;
            ps.update(new Scalar(0));
        }
        for (Parameter<?> p : net.parameters()) {
            assertEquals(0.0, ((Scalar) p.value()).data());
        }
        assertEquals(0.5, net.forward(new Scalar(0.3), new Scalar(0.7)).data(), "all-zero network: sigmoid(0)");
        assertEquals("""
                Network(
                  (layer1): Linear(in=2, out=2)
                  (layer2): Linear(in=2, out=2)
                  (layer3): Linear(in=2, out=1)
                )""", net.toString());
    }

    @Test
    void weightsAreDrawnLikeTheOriginalFromTheSameStreamAsTheData() {
        PythonRandom random = new PythonRandom(100);
        ScalarTrainer.Linear lin = new ScalarTrainer.Linear(2, 1, random);
        // run_manual.py's values after random.seed(100): weight_0_0, weight_1_0, bias_0 (§3.6)
        assertEquals(2 * (0.1456692551041303 - 0.5), ((Scalar) lin.parameter("weight_0_0").value()).data(), 1e-15);
        assertEquals(2 * (0.45492700451402135 - 0.5), ((Scalar) lin.parameter("weight_1_0").value()).data(), 1e-15);
        assertEquals(2 * (0.7707838056590222 - 0.5), ((Scalar) lin.parameter("bias_0").value()).data(), 1e-15);
    }

    @Test
    void linearRejectsTheWrongNumberOfInputs() {
        ScalarTrainer.Linear lin = new ScalarTrainer.Linear(2, 3, new PythonRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lin.forward(List.of(new Scalar(1))));
        assertEquals("Linear(2, 3): expected 2 inputs, got 1", e.getMessage());
    }

    @Test
    void trainingLowersTheLossAndPredictAgreesWithTheCount() {
        PythonRandom random = new PythonRandom(1);
        Graph data = Datasets.SIMPLE.generate(30, random);
        ScalarTrainer trainer = new ScalarTrainer(data, new TrainConfig(3, 0.5, Backend.SIMPLE, random));
        List<Double> losses = new ArrayList<>();
        Trainer.EpochResult last = null;
        for (int epoch = 1; epoch <= 150; epoch++) {
            last = trainer.trainEpoch(epoch);
            losses.add(last.loss());
        }
        assertTrue(losses.getLast() < 0.5 * losses.getFirst(), "loss " + losses.getFirst() + " -> " + losses.getLast());
        double[] p = trainer.predict(data.x());
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            assertTrue(p[i] > 0 && p[i] < 1);
            correct += (data.y(i) == 1 ? p[i] > 0.5 : p[i] < 0.5) ? 1 : 0;
        }
        assertTrue(Math.abs(correct - last.correct()) <= 2, "one step apart: " + correct + " vs " + last.correct());
    }
}
