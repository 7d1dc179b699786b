package minitorch.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.tensor.TensorData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for tensors, as in the original's {@code tensor_strategies.py}: 1 to 4
 * dimensions of size 1 to 3, values in [-100, 100], and layouts with randomly permuted strides (the
 * data is laid out for a permuted shape, then permuted back), so most generated tensors are not
 * contiguous.
 */
public final class TensorArbitraries {
    private TensorArbitraries() {}

    public static final double MIN_VALUE = -100;
    public static final double MAX_VALUE = 100;

    /** Shapes of 1–4 dimensions, each of size 1–3. */
    public static Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(1, 3).list().ofMinSize(1).ofMaxSize(4)
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Values in [-100, 100] with 8 decimal places. (jqwik's default of 2 places would often hit the
     * MathTest functions' exact singularities and kinks, such as inv at -3.5 or relu at -5.5, where
     * a central difference is meaningless.)
     */
    public static Arbitrary<Double> values() {
        return Arbitraries.doubles().between(MIN_VALUE, MAX_VALUE).ofScale(8);
    }

    /** Random-strided float64 tensors on SIMPLE. */
    public static Arbitrary<Tensor> tensors() { return tensors(Backend.SIMPLE, DType.FLOAT64); }

    /** Random-strided tensors of any generated shape on {@code backend} with {@code dtype}. */
    public static Arbitrary<Tensor> tensors(Backend backend, DType dtype) {
        return shapes().flatMap(shape -> shapedTensors(1, shape, backend, dtype)).map(List::getFirst);
    }

    /** {@code n} tensors sharing one generated shape and one generated layout (the original's shaped_tensors). */
    public static Arbitrary<List<Tensor>> shapedTensors(int n, Backend backend, DType dtype) {
        return shapes().flatMap(shape -> shapedTensors(n, shape, backend, dtype));
    }

    /** {@code n} tensors of {@code shape} sharing one random permuted layout. */
    public static Arbitrary<List<Tensor>> shapedTensors(int n, int[] shape, Backend backend, DType dtype) {
        int size = TensorData.checkedSize(shape, "shapedTensors");
        Arbitrary<List<Integer>> orders = Arbitraries.shuffle(range(shape.length));
        Arbitrary<List<double[]>> datas = values().array(double[].class).ofSize(size).list().ofSize(n);
        return Combinators.combine(orders, datas).as((order, data) -> {
            List<Tensor> out = new ArrayList<>();
            for (double[] values : data) {
                out.add(permutedLayout(values, shape, order.stream().mapToInt(Integer::intValue).toArray(), backend, dtype));
            }
            return out;
        });
    }

    /**
     * A tensor of {@code shape} whose element at each index is {@code values[rowMajorOrdinal]}, stored
     * so that dimension {@code order[0]} is outermost in memory: strides are generally not row-major.
     */
    public static Tensor permutedLayout(double[] values, int[] shape, int[] order, Backend backend, DType dtype) {
        int[] stored = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            stored[i] = shape[order[i]];
        }
        // Element at logical index idx lives at stored index (idx[order[0]], idx[order[1]], ...).
        double[] storage = new double[values.length];
        int[] index = new int[shape.length];
        int[] storedIndex = new int[shape.length];
        int[] storedStrides = TensorData.stridesFromShape(stored);
        for (int ordinal = 0; ordinal < values.length; ordinal++) {
            TensorData.toIndex(ordinal, shape, index);
            for (int i = 0; i < shape.length; i++) {
                storedIndex[i] = index[order[i]];
            }
            storage[TensorData.indexToPosition(storedIndex, storedStrides)] = values[ordinal];
        }
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[order[i]] = i;
        }
        Tensor laidOut = Tensor.of(backend, dtype, storage, stored);
        Tensor result = Tensor.fromData(laidOut.data().permute(inverse), backend);
        if (!Arrays.equals(result.shape(), shape)) {
            throw new AssertionError("permutedLayout produced " + Arrays.toString(result.shape()));
        }
        return result;
    }

    /**
     * Pairs of shapes that broadcast together: both derived from one shape of 1–4 dimensions by
     * dropping some leading dimensions and setting some dimensions to 1.
     */
    public static Arbitrary<int[][]> broadcastShapes() {
        return shapes().flatMap(base -> {
            Arbitrary<int[]> derived = Combinators.combine(
                    Arbitraries.integers().between(0, base.length - 1),
                    Arbitraries.of(true, false).list().ofSize(base.length))
                    .as((drop, ones) -> {
                        int[] s = Arrays.copyOfRange(base, drop, base.length);
                        for (int i = 0; i < s.length; i++) {
                            if (ones.get(i + drop)) {
                                s[i] = 1;
                            }
                        }
                        return s;
                    });
            return Combinators.combine(derived, derived).as((a, b) -> new int[][] {a, b});
        });
    }

    /** Two tensors of broadcast-compatible shapes (each with a random permuted layout). */
    public static Arbitrary<List<Tensor>> broadcastPairs(Backend backend, DType dtype) {
        return broadcastShapes().flatMap(pair -> Combinators.combine(
                shapedTensors(1, pair[0], backend, dtype), shapedTensors(1, pair[1], backend, dtype))
                .as((a, b) -> List.of(a.getFirst(), b.getFirst())));
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    // ---- the same, drawn on every backend of TestBackends, in float64 (what the tensor tests use) ----

    public static Arbitrary<Backend> testBackends() { return Arbitraries.of(TestBackends.all()); }

    public static Arbitrary<Tensor> tensorsOnTestBackends() {
        return testBackends().flatMap(b -> tensors(b, DType.FLOAT64));
    }

    public static Arbitrary<List<Tensor>> pairsOnTestBackends() {
        return testBackends().flatMap(b -> shapedTensors(2, b, DType.FLOAT64));
    }

    public static Arbitrary<List<Tensor>> broadcastPairsOnTestBackends() {
        return testBackends().flatMap(b -> broadcastPairs(b, DType.FLOAT64));
    }
}
