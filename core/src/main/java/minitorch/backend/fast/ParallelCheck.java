package minitorch.backend.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.backend.BinaryOp;
import minitorch.backend.ReduceOp;
import minitorch.backend.UnaryOp;
import minitorch.tensor.DType;
import minitorch.tensor.TensorData;

/**
 * Java's answer to the original's {@code parallel_check.py}: runs the original's four cases (map id,
 * zip eq, reduce add on 10 elements; matmul (1,10,20) @ (1,20,10)) and, beside them, sizes and
 * layouts big enough to show the SIMD paths and the threads, and reports the {@link FastTrace} of
 * each: which path it took and how many threads ran it. {@code minitorch parallel-check} prints it.
 */
public final class ParallelCheck {
    private ParallelCheck() {}

    /** One section of the report: a heading (MAP, ZIP, REDUCE, MATRIX MULTIPLY) and its trace lines. */
    public record Section(String heading, List<FastTrace> traces) {}

    public static List<Section> run() {
        FastBackend fast = FastBackend.instance();
        Random random = new Random(0);
        List<Section> sections = new ArrayList<>();

        List<FastTrace> map = new ArrayList<>();
        fast.map(UnaryOp.ID, zeros(10), zeros(10));
        map.add(FastBackend.lastTrace());
        TensorData big = random(random, DType.FLOAT32, 1_000_000);
        fast.map(UnaryOp.RELU, big, zeros32(1_000_000));
        map.add(FastBackend.lastTrace());
        TensorData matrix = random(random, DType.FLOAT64, 1000, 1000);
        fast.map(UnaryOp.EXP, matrix.permute(1, 0), zeros(1000, 1000));
        map.add(FastBackend.lastTrace());
        sections.add(new Section("MAP", map));

        List<FastTrace> zip = new ArrayList<>();
        fast.zip(BinaryOp.EQ, zeros(10), zeros(10), zeros(10));
        zip.add(FastBackend.lastTrace());
        fast.zip(BinaryOp.ADD, matrix, random(random, DType.FLOAT64, 1000), zeros(1000, 1000));
        zip.add(FastBackend.lastTrace());
        fast.zip(BinaryOp.MUL, matrix, random(random, DType.FLOAT64, 1000, 1), zeros(1000, 1000));
        zip.add(FastBackend.lastTrace());
        sections.add(new Section("ZIP", zip));

        List<FastTrace> reduce = new ArrayList<>();
        fast.reduce(ReduceOp.SUM, zeros(10), 0, zeros(1));
        reduce.add(FastBackend.lastTrace());
        fast.reduce(ReduceOp.SUM, matrix, 0, zeros(1, 1000));
        reduce.add(FastBackend.lastTrace());
        fast.reduce(ReduceOp.SUM, matrix, 1, zeros(1000, 1));
        reduce.add(FastBackend.lastTrace());
        fast.reduce(ReduceOp.MAX, big, 0, zeros32(1));
        reduce.add(FastBackend.lastTrace());
        sections.add(new Section("REDUCE", reduce));

        List<FastTrace> matmul = new ArrayList<>();
        fast.matmul(zeros(1, 10, 20), zeros(1, 20, 10), zeros(1, 10, 10));
        matmul.add(FastBackend.lastTrace());
        fast.matmul(random(random, DType.FLOAT32, 1, 512, 512), random(random, DType.FLOAT32, 1, 512, 512),
                zeros32(1, 512, 512));
        matmul.add(FastBackend.lastTrace());
        fast.matmul(random(random, DType.FLOAT64, 8, 64, 64), random(random, DType.FLOAT64, 1, 64, 64),
                zeros(8, 64, 64));
        matmul.add(FastBackend.lastTrace());
        sections.add(new Section("MATRIX MULTIPLY", matmul));
        return sections;
    }

    /** The report as text: each heading, then one trace line per case. */
    public static String report() {
        StringBuilder s = new StringBuilder("FastBackend: threads " + FastBackend.threads() + ", SIMD lanes "
                + FloatElementwise.S.length() + " (float32) / " + DoubleElementwise.S.length()
                + " (float64)\n");
        for (Section section : run()) {
            s.append('\n').append(section.heading()).append('\n');
            for (FastTrace t : section.traces()) {
                s.append("  ").append(t).append('\n');
            }
        }
        return s.toString();
    }

    private static TensorData zeros(int... shape) { return TensorData.zeros(DType.FLOAT64, shape); }

    private static TensorData zeros32(int... shape) { return TensorData.zeros(DType.FLOAT32, shape); }

    private static TensorData random(Random random, DType dtype, int... shape) {
        TensorData t = TensorData.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.storage().set(i, random.nextDouble() - 0.5);
        }
        return t;
    }
}
