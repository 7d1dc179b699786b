package minitorch.bench.jmh;

import java.util.concurrent.TimeUnit;
import minitorch.backend.Backend;
import minitorch.bench.MiniTorchPeer;
import minitorch.bench.Workload;
import minitorch.tensor.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH view of map, zip and reduce (time per call; ns/elem = time / elements):
 * {@code java -cp bench/target/minitorch-bench.jar org.openjdk.jmh.Main ElementwiseBenchmark -p op=exp}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ElementwiseBenchmark {

    @Param({"FAST"})
    public Backend backend;

    @Param({"FLOAT32"})
    public DType dtype;

    @Param({"relu", "exp", "sigmoid", "add", "broadcast-add", "sum0", "sum1"})
    public String op;

    @Param({"1000000", "10000000"})
    public int elements;

    private Runnable call;

    @Setup
    public void setup() {
        Workload w = switch (op) {
            case "add" -> Workload.add(dtype, elements);
            case "broadcast-add" -> Workload.broadcastAdd(dtype, elements);
            case "sum0" -> Workload.sum(dtype, elements, 0);
            case "sum1" -> Workload.sum(dtype, elements, 1);
            default -> Workload.map(op, dtype, elements);
        };
        call = MiniTorchPeer.kernel(backend, w).call();
    }

    @Benchmark
    public void run() {
        call.run();
    }
}
