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
 * JMH view of the backends' matmul (time per call; GFLOP/s = 2·batch·n³ / time). The side-by-side
 * comparison with NumPy and PyTorch is {@code minitorch bench}; this is for tuning one kernel in isolation:
 * {@code java -cp bench/target/minitorch-bench.jar org.openjdk.jmh.Main MatmulBenchmark -p n=1024}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MatmulBenchmark {

    @Param({"FAST"})
    public Backend backend;

    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

    @Param({"128", "512", "1024", "2048"})
    public int n;

    @Param({"1"})
    public int batch;

    private Runnable call;

    @Setup
    public void setup() {
        call = MiniTorchPeer.kernel(backend, Workload.matmul(dtype, batch, n)).call();
    }

    @Benchmark
    public void matmul() {
        call.run();
    }
}
