package minitorch.ops.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.BinaryOp;
import minitorch.ops.ReduceOp;
import minitorch.ops.UnaryOp;

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
        FastOps fast = FastOps.instance();
        Random random = new Random(0);
        List<Section> sections = new ArrayList<>();

        List<FastTrace> map = new ArrayList<>();
        fast.map(UnaryOp.ID, zeros(10), zeros(10));
        map.add(FastOps.lastTrace());
        TensorData big = random(random, ElementType.FLOAT32, 1_000_000);
        fast.map(UnaryOp.RELU, big, zeros32(1_000_000));
        map.add(FastOps.lastTrace());
        TensorData matrix = random(random, ElementType.FLOAT64, 1000, 1000);
        fast.map(UnaryOp.EXP, matrix.permute(1, 0), zeros(1000, 1000));
        map.add(FastOps.lastTrace());
        sections.add(new Section("MAP", map));

        List<FastTrace> zip = new ArrayList<>();
        fast.zip(BinaryOp.EQ, zeros(10), zeros(10), zeros(10));
        zip.add(FastOps.lastTrace());
        fast.zip(BinaryOp.ADD, matrix, random(random, ElementType.FLOAT64, 1000), zeros(1000, 1000));
        zip.add(FastOps.lastTrace());
        fast.zip(BinaryOp.MUL, matrix, random(random, ElementType.FLOAT64, 1000, 1), zeros(1000, 1000));
        zip.add(FastOps.lastTrace());
        sections.add(new Section("ZIP", zip));

        List<FastTrace> reduce = new ArrayList<>();
        fast.reduce(ReduceOp.SUM, zeros(10), 0, zeros(1));
        reduce.add(FastOps.lastTrace());
        fast.reduce(ReduceOp.SUM, matrix, 0, zeros(1, 1000));
        reduce.add(FastOps.lastTrace());
        fast.reduce(ReduceOp.SUM, matrix, 1, zeros(1000, 1));
        reduce.add(FastOps.lastTrace());
        fast.reduce(ReduceOp.MAX, big, 0, zeros32(1));
        reduce.add(FastOps.lastTrace());
        sections.add(new Section("REDUCE", reduce));

        List<FastTrace> matmul = new ArrayList<>();
        fast.matmul(zeros(1, 10, 20), zeros(1, 20, 10), zeros(1, 10, 10));
        matmul.add(FastOps.lastTrace());
        fast.matmul(random(random, ElementType.FLOAT32, 1, 512, 512), random(random, ElementType.FLOAT32, 1, 512, 512),
                zeros32(1, 512, 512));
        matmul.add(FastOps.lastTrace());
        fast.matmul(random(random, ElementType.FLOAT64, 8, 64, 64), random(random, ElementType.FLOAT64, 1, 64, 64),
                zeros(8, 64, 64));
        matmul.add(FastOps.lastTrace());
        sections.add(new Section("MATRIX MULTIPLY", matmul));
        return sections;
    }

    /** The report as text: each heading, then one trace line per case. */
    public static String report() {
        StringBuilder s = new StringBuilder("FastOps: threads " + FastOps.threads() + ", SIMD lanes "
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

    private static TensorData zeros(int... shape) { return TensorData.zeros(ElementType.FLOAT64, shape); }

    private static TensorData zeros32(int... shape) { return TensorData.zeros(ElementType.FLOAT32, shape); }

    private static TensorData random(Random random, ElementType dtype, int... shape) {
        TensorData t = TensorData.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.storage().set(i, random.nextDouble() - 0.5);
        }
        return t;
    }
}
