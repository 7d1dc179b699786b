package minitorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import minitorch.backend.Backend;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** run_fast_tensor.py (reference §3.3) on the fast backend: Python's shuffle, and the real run's accuracy bar. */
class FastTrainerTest {

    /** Values printed by CPython 3.11: random.seed(0); x = list(range(10)); random.shuffle(x). */
    @Test
    void shufflesAsPythonDoes() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        FastTrainer.shuffle(a, new PythonRandom(0));
        assertArrayEquals(new int[] {7, 8, 1, 5, 3, 4, 2, 0, 9, 6}, a);
    }

    /** The command {@code minitorch train --backend fast --hidden 100 --rate 0.05 --dataset X}, in full: 500 epochs. */
    @ParameterizedTest
    @EnumSource(value = Datasets.class, names = {"SIMPLE", "DIAG", "SPLIT", "XOR"})
    void reachesAtLeast48Of50(Datasets set) {
        PythonRandom random = new PythonRandom(0);
        Graph data = set.generate(50, random);
        Trainer trainer = new FastTrainer(data, new TrainConfig(100, 0.05, Backend.FAST, random));
        List<String> log = new ArrayList<>();
        TrainLoop.Result result = TrainLoop.run(trainer, 500, log::add);
        double[] p = trainer.predict(data.x());
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += data.y(i) == 1 ? (p[i] > 0.5 ? 1 : 0) : (p[i] < 0.5 ? 1 : 0);
        }
        assertTrue(correct >= 48, set + ": " + correct + "/50 correct; last log line " + log.getLast());
        assertEquals(50, log.size(), "one log line every 10 epochs");
        assertEquals(correct, result.last().correct(), "the last log line counts the whole data set");
    }

    /** The count is a forward pass made when asked; asked after the model has trained on, it would describe another model. */
    @Test
    void aCorrectCountAskedForAfterALaterEpochFails() {
        PythonRandom random = new PythonRandom(0);
        Graph data = Datasets.SIMPLE.generate(50, random);
        FastTrainer trainer = new FastTrainer(data, new TrainConfig(10, 0.05, Backend.FAST, random));
        Trainer.EpochResult first = trainer.trainEpoch(1);
        Trainer.EpochResult second = trainer.trainEpoch(2);
        assertEquals(trainer.correct(), second.correct());
        assertTrue(first.toString().contains("not counted yet"), "printing a result does not count: " + first);
        IllegalStateException e = assertThrows(IllegalStateException.class, first::correct);
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("1 more epoch"), e.getMessage());
    }
}
