package minitorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import minitorch.nn.Linear;
import minitorch.tensor.Tensor;

/** run_tensor.py (reference §3.2) on tensors: its broadcast Linear, its loss, and its accuracy. */
class TensorTrainerTest {

    @Test
    void broadcastLinearComputesTheSameAsMatmul() {
        Linear layer = Linear.uniform(3, 4, 1.0, new Random(1), Backend.SIMPLE, minitorch.tensor.DType.FLOAT64);
        Tensor x = Tensor.rand(new Random(2), 5, 3);
        assertArrayEquals(layer.forward(x).toDoubleArray(), layer.forwardByBroadcasting(x).toDoubleArray(), 1e-12);
    }

    @Test
    void theNetworkHasTheOriginalsParameters() {
        Network net = Network.runTensor(3, new PythonRandom(0), Backend.SIMPLE);
        assertEquals(List.of("layer1.weights", "layer1.bias", "layer2.weights", "layer2.bias", "layer3.weights",
                "layer3.bias"), List.copyOf(net.namedParameters().keySet()));
        for (var p : net.parameters()) {
            for (double v : ((Tensor) p.value()).toDoubleArray()) {
                assertTrue(v >= -1 && v < 1, "2 * (rand - 0.5) is in [-1, 1): " + v);
            }
        }
        assertArrayEquals(new int[] {7, 1}, net.forward(Tensor.rand(new Random(3), 7, 2)).shape());
    }

    @Test
    void theLossIsTheNegativeLogLikelihoodOfTheForwardPass() {
        Graph data = Datasets.XOR.generate(20, new PythonRandom(4));
        TensorTrainer trainer = new TensorTrainer(data, new TrainConfig(3, 0.5, Backend.SIMPLE, new PythonRandom(5)));
        double[] p = trainer.predict(data.x());
        double expectedLoss = 0;
        int expectedCorrect = 0;
        for (int i = 0; i < data.size(); i++) {
            expectedLoss -= Math.log(data.y(i) == 1 ? p[i] : 1 - p[i]);
            expectedCorrect += (p[i] > 0.5) == (data.y(i) == 1) ? 1 : 0;
        }
        Trainer.EpochResult first = trainer.trainEpoch(1);
        assertEquals(expectedLoss, first.loss(), 1e-9);
        assertEquals(expectedCorrect, first.correct());
        double[] after = trainer.predict(data.x());
        assertTrue(!java.util.Arrays.equals(p, after), "a step changes the model");
    }

    @Test
    void theTensorModelIsRegistered() {
        Graph data = Datasets.SIMPLE.generate(10, new PythonRandom(0));
        assertInstanceOf(TensorTrainer.class,
                Model.TENSOR.create(data, new TrainConfig(2, 0.5, Backend.SIMPLE, new PythonRandom(0))));
    }

    /** The bar: at least 45/50 with the original's settings (the CLI's defaults, seed 0). */
    @ParameterizedTest
    @EnumSource(value = Datasets.class, names = {"SIMPLE", "DIAG", "SPLIT", "XOR"})
    void reachesAtLeast45Of50WithTheDefaultSettings(Datasets set) {
        Model.Defaults d = Model.TENSOR.defaults();
        PythonRandom random = new PythonRandom(0);
        Graph data = set.generate(d.pts(), random);
        Trainer trainer = Model.TENSOR.create(data, new TrainConfig(d.hidden(set), d.rate(), Backend.SIMPLE, random));
        TrainLoop.run(trainer, d.epochs(), line -> { });
        double[] p = trainer.predict(data.x());
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            correct += (p[i] > 0.5) == (data.y(i) == 1) ? 1 : 0;
        }
        assertTrue(correct >= 45, set + ": " + correct + "/50");
    }
}
