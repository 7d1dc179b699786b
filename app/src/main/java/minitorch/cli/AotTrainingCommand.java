package minitorch.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * {@code minitorch aot-training} (hidden): the short representative run the {@code ./minitorch} launcher
 * records the JDK's ahead-of-time cache from (JEP 483/514/515: the classes it loads and links, and the
 * method profiles that let C2 compile the Vector API kernels early in later runs). It trains the fast
 * model as {@code minitorch train --backend fast} does and calls the public tensor operations a user
 * calls most (matmul, elementwise, sums) in both dtypes on the FAST backend.
 */
@Command(name = "aot-training", hidden = true, mixinStandardHelpOptions = true,
        description = "The launcher's training run for the JDK's AOT cache (see docs/PERFORMANCE.md, Cold and warm).")
public final class AotTrainingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "30", description = "fast-model training epochs per data set (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--repeats", defaultValue = "20", description = "calls of each tensor operation (default ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        // The train command itself, so that its picocli model and the trainer's classes are recorded too.
        for (String set : new String[] {"split", "xor"}) {
            int rc = Main.execute(quiet, quiet, "train", "--backend", "fast", "--dataset", set, "--hidden", "500",
                    "--epochs", Integer.toString(epochs));
            if (rc != 0) throw new IllegalStateException("aot-training: 'minitorch train' on " + set + " exited with " + rc);
        }
        SplittableRandom random = new SplittableRandom(1);
        for (DType dtype : DType.values()) {
            for (int n : new int[] {64, 256, 1024}) {
                Tensor a = Tensor.rand(random, Backend.FAST, dtype, n, n);
                Tensor b = Tensor.rand(random, Backend.FAST, dtype, n, n);
                for (int i = 0; i < (n == 1024 ? repeats / 4 : repeats); i++) {
                    a.matmul(b).sum().item();
                    a.add(b).relu().exp().sigmoid().sum(0).sum(1).item();
                    a.mul(b).sum(1).sum(0).item();
                }
            }
        }
        spec.commandLine().getOut().println("aot-training: done");
        return 0;
    }
}
