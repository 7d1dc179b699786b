package minitorch.ops;

import static minitorch.testing.BadInput.rejects;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import minitorch.backend.Backend;
import minitorch.layout.ElementType;
import minitorch.layout.IndexingError;
import minitorch.layout.TensorData;
import minitorch.testing.BadInput;
import minitorch.testing.BadInput.Case;
import minitorch.testing.TestBackends;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad operands handed straight to each kernel set (SimpleOps, FastOps, and CudaOps on a GPU): every
 * one applies the same rule ({@link minitorch.layout.Shapes}) and so raises the same type with the
 * same message, whatever backend a mistake meets.
 */
class OpsBadInputsTest {

    private static TensorData on(TensorOps ops, int... shape) {
        int size = TensorData.checkedSize(shape, "test");
        return TensorData.contiguous(ops.allocate(ElementType.FLOAT64, size), shape);
    }

    @TestFactory
    Stream<DynamicTest> catalogue() {
        List<Case> cases = new ArrayList<>();
        for (Backend backend : TestBackends.all()) {
            TensorOps ops = backend.ops();
            String b = backend + ": ";
            cases.add(rejects(b + "reduce along a dim past the end", IndexingError.class,
                    () -> ops.reduce(ReduceOp.SUM, on(ops, 2, 3), 2, on(ops, 2, 3)), "reduce", "dim 2", "[2, 3]"));
            cases.add(rejects(b + "reduce along a negative dim", IndexingError.class,
                    () -> ops.reduce(ReduceOp.MAX, on(ops, 2, 3), -1, on(ops, 2, 1)), "reduce", "dim -1", "[2, 3]"));
            cases.add(rejects(b + "reduce into the wrong shape", IndexingError.class,
                    () -> ops.reduce(ReduceOp.SUM, on(ops, 2, 3), 1, on(ops, 2, 3)), "reduce", "[2, 3]", "[2, 1]"));
            cases.add(rejects(b + "map of a shape that does not broadcast to out", IndexingError.class,
                    () -> ops.map(UnaryOp.NEG, on(ops, 3), on(ops, 2, 4)), "map", "[3]", "[2, 4]"));
            cases.add(rejects(b + "zip of a shape that does not broadcast to out", IndexingError.class,
                    () -> ops.zip(BinaryOp.ADD, on(ops, 2, 4), on(ops, 2, 3), on(ops, 2, 4)), "zip", "[2, 3]", "[2, 4]"));
            cases.add(rejects(b + "matmul of disagreeing inner sizes", IndexingError.class,
                    () -> ops.matmul(on(ops, 1, 2, 3), on(ops, 1, 4, 5), on(ops, 1, 2, 5)), "matmul", "[1, 2, 3]", "[1, 4, 5]"));
            cases.add(rejects(b + "matmul of different ranks", IndexingError.class,
                    () -> ops.matmul(on(ops, 2, 3), on(ops, 1, 3, 5), on(ops, 1, 2, 5)), "matmul", "[2, 3]", "at least 2"));
            cases.add(rejects(b + "matmul of batches that do not broadcast", IndexingError.class,
                    () -> ops.matmul(on(ops, 2, 2, 3), on(ops, 3, 3, 5), on(ops, 3, 2, 5)), "matmul", "[2, 2, 3]", "[3, 2, 5]"));
            cases.add(rejects(b + "conv1d with disagreeing channels", IndexingError.class,
                    () -> ops.conv1d(on(ops, 1, 2, 6), on(ops, 4, 3, 2), on(ops, 1, 4, 6), false), "conv1d", "2 vs 3"));
            cases.add(rejects(b + "conv2d of a 3-D input", IndexingError.class,
                    () -> ops.conv2d(on(ops, 1, 2, 6), on(ops, 4, 2, 2, 2), on(ops, 1, 4, 6, 6), false), "conv2d", "4 dimensions"));
        }
        // FAST's kernels read one primitive array type; the dispatcher promotes first, a direct call is told so
        TensorOps fast = Backend.FAST.ops();
        cases.add(rejects("FAST: matmul of float32 by float64", IllegalArgumentException.class,
                () -> fast.matmul(TensorData.contiguous(fast.allocate(ElementType.FLOAT32, 6), 1, 2, 3), on(fast, 1, 3, 2),
                        on(fast, 1, 2, 2)), "fast matmul", "one element type", "FLOAT32", "FLOAT64"));
        return BadInput.run(cases);
    }
}
