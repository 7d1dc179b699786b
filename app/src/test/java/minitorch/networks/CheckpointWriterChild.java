package minitorch.networks;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.io.SafeTensors;
import minitorch.nn.Linear;
import minitorch.optim.Adam;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The child JVM of {@link CheckpointCrashTest}: trains a model and saves a checkpoint after every
 * "epoch" until it is killed, saying "saving N" before and "saved N" after each save. With
 * {@code stall}, it instead writes half a file through SafeTensors.writeAtomically, says "mid-write"
 * and waits there to be killed.
 */
public final class CheckpointWriterChild {
    private CheckpointWriterChild() {}

    static Linear model() { return Linear.uniform(256, 256, 0.1, new Random(1), Backend.SIMPLE, DType.FLOAT32); }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        PrintStream out = System.out;
        if (args.length > 1 && args[1].equals("stall")) {
            SafeTensors.writeAtomically(file, channel -> {
                channel.write(ByteBuffer.wrap(new byte[] {100, 0, 0, 0, 0, 0, 0, 0, '{', '"'}));
                out.println("mid-write");
                out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
            });
            return;
        }
        Linear model = model();
        Adam adam = new Adam(model.parameters(), 0.01);
        Tensor x = Tensor.rand(new Random(2), Backend.SIMPLE, DType.FLOAT32, 4, 256);
        for (int epoch = 1; ; epoch++) {
            adam.zeroGrad();
            model.forward(x).mul(model.forward(x)).mean().backward();
            adam.step();
            out.println("saving " + epoch);
            out.flush();
            Checkpoint.save(file, model, adam, Map.of("command", "crash-test", "epoch", String.valueOf(epoch)));
            out.println("saved " + epoch);
            out.flush();
        }
    }
}
