package minitorch.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.data.DataDirectory;
import minitorch.data.Mnist;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Int8 weights for a trained LeNet: a quarter of the bytes, the same answers to within half a point. */
class QuantizedLeNetTest {
    @TempDir
    Path dir;

    @Test
    void weightsBecomeInt8RoundTripsAtAQuarterOfTheBytes() {
        LeNet model = new LeNet(new Random(3), Backend.FAST, DType.FLOAT32, false, 0.25, true);
        Tensor before = (Tensor) model.namedParameters().get("linear1.weights").value();
        Tensor biasBefore = (Tensor) model.namedParameters().get("linear1.bias").value();
        long[] bytes = QuantizedLeNet.quantizeWeights(model);
        // 36 + 288 + 25,088 + 640 weights; int8 adds one float scale per output channel (4 + 8 + 64 + 10)
        assertEquals(4L * 26_052, bytes[0]);
        assertEquals(26_052 + 4L * 86, bytes[1]);
        Tensor after = (Tensor) model.namedParameters().get("linear1.weights").value();
        double[] b = before.toDoubleArray(), a = after.toDoubleArray();
        double max = 0;
        for (double v : b) max = Math.max(max, Math.abs(v));
        boolean changed = false;
        for (int i = 0; i < b.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= max / 127 / 2 + 1e-7, "element " + i + ": " + b[i] + " became " + a[i]);
            changed |= a[i] != b[i];
        }
        assertTrue(changed, "the weights were replaced by their int8 round trips");
        assertEquals(biasBefore, model.namedParameters().get("linear1.bias").value(), "biases stay float32");
    }

    @Test
    void trainedLeNetKeepsItsAccuracyWithInt8Weights() throws Exception {
        Path data = DataDirectory.resolve(null);
        assumeTrue(Files.exists(data.resolve(Mnist.Split.TRAIN.imagesFile())) && Files.exists(data.resolve(Mnist.Split.TEST.imagesFile())),
                "no MNIST under " + data + " (set MINITORCH_DATA): the trained-network check is skipped");
        Mnist train = Mnist.load(data, Mnist.Split.TRAIN).slice(0, 3_000);
        Mnist test = Mnist.load(data, Mnist.Split.TEST).slice(0, 2_000);
        Path checkpoint = dir.resolve("mnist.safetensors");
        try (RunLog log = new RunLog(new PrintWriter(new StringWriter()), dir.resolve("run.log"))) {
            MnistTraining.run(new MnistTraining.Config(false, 1, 0.002, 32, 1, Backend.FAST, DType.FLOAT32, checkpoint,
                    false, null, 1000, true), train, test, log);
        }
        QuantizedLeNet.Report r = QuantizedLeNet.evaluate(checkpoint, test, true);
        assertTrue(r.floatAccuracy() > 70, "trained (one epoch of 3,000 images; chance is 10%): " + r.floatAccuracy() + "%");
        assertTrue(Math.abs(r.floatAccuracy() - r.int8Accuracy()) <= 0.5,
                "float32 " + r.floatAccuracy() + "% against int8 weights " + r.int8Accuracy() + "%");
        assertTrue(r.floatWeightBytes() >= 3.9 * r.int8WeightBytes(), r.toString());
    }
}
