package minitorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import minitorch.data.Datasets;
import minitorch.data.PythonRandom;

class TrainLoopTest {

    @Test
    void logLineIsTheOriginalsPrint() {
        assertEquals("Epoch  10  loss  34.1 correct 38", TrainLoop.logLine(10, new Trainer.EpochResult(34.1, 38)));
    }

    @Test
    void floatsPrintLikePython() {
        assertEquals("34.13371927377218", TrainLoop.pythonFloat(34.13371927377218));
        assertEquals("0.0001", TrainLoop.pythonFloat(1e-4));
        assertEquals("0.00015", TrainLoop.pythonFloat(1.5e-4));
        assertEquals("1e-05", TrainLoop.pythonFloat(1e-5));
        assertEquals("1.5e-07", TrainLoop.pythonFloat(1.5e-7));
        assertEquals("12345678.0", TrainLoop.pythonFloat(12345678.0));
        assertEquals("1e+16", TrainLoop.pythonFloat(1e16));
        assertEquals("0.0", TrainLoop.pythonFloat(0.0));
        assertEquals("nan", TrainLoop.pythonFloat(Double.NaN));
    }

    @Test
    void runsEveryEpochAndLogsEveryTenthAndTheLast() {
        List<Integer> seen = new ArrayList<>();
        Trainer counting = new Trainer() {
            @Override
            public EpochResult trainEpoch(int epoch) {
                seen.add(epoch);
                return new EpochResult(100.0 / epoch, epoch);
            }

            @Override
            public double[] predict(double[][] points) { return new double[points.length]; }
        };
        List<String> log = new ArrayList<>();
        TrainLoop.Result result = TrainLoop.run(counting, 23, log::add);
        assertEquals(23, seen.size());
        assertEquals(1, seen.getFirst());
        assertEquals(23, result.losses().size());
        assertEquals(100.0 / 23, result.last().loss());
        assertEquals(3, log.size());
        assertTrue(log.get(0).startsWith("Epoch  10  loss  10.0 correct 10  time per epoch "), log.get(0));
        assertTrue(log.get(2).startsWith("Epoch  23  loss  "), log.get(2));
        assertThrows(IllegalArgumentException.class, () -> TrainLoop.run(counting, 0, log::add));
    }

    /** run_fast_tensor.py counts the correct points only on the epochs it logs: a count that costs a pass is asked for there alone. */
    @Test
    void asksForTheCorrectCountOnlyOnTheEpochsItLogs() {
        List<Integer> counted = new ArrayList<>();
        Trainer lazy = new Trainer() {
            @Override
            public EpochResult trainEpoch(int epoch) {
                return EpochResult.countedWhenAsked(1.0, () -> {
                    counted.add(epoch);
                    return epoch;
                });
            }

            @Override
            public double[] predict(double[][] points) { return new double[points.length]; }
        };
        TrainLoop.Result result = TrainLoop.run(lazy, 23, line -> {});
        assertEquals(23, result.last().correct());
        assertEquals(List.of(10, 20, 23), counted, "counted once per logged epoch, the last one's kept");
    }

    @Test
    void plotIsAPngWithTheBoundaryBesideTheLoss(@TempDir Path dir) throws Exception {
        var data = Datasets.SPIRAL.generate(20, new PythonRandom(0));
        Path file = dir.resolve("nested/plot.png");
        // A fixed "model": class 1 right of x_1 = 0.5.
        DecisionPlot.write(file, "test", data, pts -> {
            double[] p = new double[pts.length];
            for (int i = 0; i < pts.length; i++) {
                p[i] = 1 / (1 + Math.exp(-20 * (pts[i][0] - 0.5)));
            }
            return p;
        }, List.of(3.0, 2.0, 1.5));
        assertTrue(Files.size(file) > 10_000);
        var image = ImageIO.read(file.toFile());
        assertEquals(620 + 480, image.getWidth());
        assertEquals(560, image.getHeight());
    }

    @Test
    void contourOfAVerticalBoundaryIsAVerticalLine() {
        double[] ticks = {0, 0.25, 0.5, 0.75, 1};
        double[] values = new double[25];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                values[r * 5 + c] = ticks[c] < 0.4 ? 0.0 : 1.0; // jumps between x = 0.25 and 0.5
            }
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        DecisionPlot.contour(ticks, values, 0.5, xs, ys);
        assertEquals(4 * 3, xs.size(), "one segment (two points and a gap) per row of cells");
        for (int i = 0; i < xs.size(); i++) {
            if (!xs.get(i).isNaN()) {
                assertEquals(0.375, xs.get(i), 1e-12);
            }
        }
    }
}
