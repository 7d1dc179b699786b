package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import minitorch.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The train suite compares like with like: the app's FastTrainer (FAST, float32) and PyTorch, from the same weights
 * and shuffles, take the same SGD steps as the app's trainer on SimpleOps in float64, epoch after epoch.
 */
class TrainAgreementTest {
    private static final int EPOCHS = 8;
    private static final int HIDDEN = 10;
    @RegisterExtension
    static final TorchFixture TORCH = new TorchFixture();

    private static Graph data() {
        return Datasets.SPLIT.generate(TrainSuite.POINTS, new PythonRandom(TrainSuite.SEED));
    }

    /** Each epoch's last-batch loss, then the points classified right after the last epoch. */
    private static double[] run(Trainer trainer) throws Exception {
        List<Double> out = new ArrayList<>();
        try (trainer) {
            for (int e = 0; e < EPOCHS; e++) out.add(trainer.epoch());
            out.add((double) trainer.correct());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] reference() throws Exception {
        return run(MiniTorchTrainers.create("simple", data(), HIDDEN, TrainSuite.RATE, TrainSuite.SEED, DType.FLOAT64));
    }

    private static void assertAgree(double[] reference, double[] peer, String name) {
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(reference[e], peer[e], 1e-4 * Math.max(1, Math.abs(reference[e])), name + " epoch " + (e + 1));
        }
        assertEquals(reference[EPOCHS], peer[EPOCHS], name + ": points right after " + EPOCHS + " epochs");
    }

    @Test
    void fastFloat32TakesTheFloat64ReferencesSteps() throws Exception {
        assertAgree(reference(), run(MiniTorchTrainers.create("fast", data(), HIDDEN, TrainSuite.RATE, TrainSuite.SEED,
                DType.FLOAT32)), "fast float32");
    }

    @Test
    void torchTakesTheFloat64ReferencesSteps() throws Exception {
        TorchPeer torch = TORCH.peer();
        assertAgree(reference(), run(new TorchTrainer(torch.manager(), data(), HIDDEN, TrainSuite.RATE, TrainSuite.SEED,
                DataType.FLOAT32)), "torch float32");
    }

    /** The agreement is about a model that learns: the suite's trainer separates the split data given epochs. */
    @Test
    void theSuitesTrainerLearns() throws Exception {
        try (Trainer t = MiniTorchTrainers.create("fast", data(), HIDDEN, TrainSuite.RATE, TrainSuite.SEED, DType.FLOAT64)) {
            int before = t.correct();
            for (int e = 0; e < 300; e++) t.epoch();
            int after = t.correct();
            assertTrue(after > before && after >= 45, "correct before " + before + ", after 300 epochs " + after);
        }
    }
}
