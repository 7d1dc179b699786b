package minitorch.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import minitorch.backend.Backend;
import minitorch.layout.TensorData;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The one place the property tests meet their library (QuickTheories): how a property is run, and the
 * generators for numbers, shapes, permutations, broadcast pairs and tensors on every backend and dtype,
 * as in the original's {@code tensor_strategies.py}: 1 to 4 dimensions of size 1 to 3, values in
 * [-100, 100], and layouts with randomly permuted strides (the data is laid out for a permuted shape,
 * then permuted back), so most generated tensors are not contiguous.
 *
 * <p>A failing property throws an AssertionError that names the seed and the shrunk (smallest found)
 * case; {@code -DQT_SEED=<seed>} on the Maven command line replays it. Every generator here describes
 * its values readably (shapes as {@code [2, 3]}, tensors with backend, dtype, shape, strides and values).
 */
public final class TensorGens {
    private TensorGens() {}

    public static final double MIN_VALUE = -100;
    public static final double MAX_VALUE = 100;

    /** The examples a property runs when its test does not say (the default of the property library the tests were first written with). */
    public static final int DEFAULT_EXAMPLES = 1000;

    /** Runs a property on {@code examples} generated cases; a failure reports the seed and the shrunk case. */
    public static QuickTheory theory(int examples) {
        return QuickTheory.qt().withExamples(examples).withShrinkCycles(Math.max(100, 20 * examples));
    }

    /** {@link #theory(int)} with {@link #DEFAULT_EXAMPLES}. */
    public static QuickTheory theory() { return theory(DEFAULT_EXAMPLES); }

    // ---- numbers ----------------------------------------------------------------------------------

    /**
     * Doubles in [min, max], with the range's edges (and 0 when inside it) mixed in now and then, as
     * property tests usually want the boundaries tried.
     */
    public static Gen<Double> doubles(double min, double max) {
        List<Double> edges = new ArrayList<>(List.of(min, max));
        if (min < 0 && max > 0) {
            edges.add(0.0);
        }
        return SourceDSL.doubles().between(min, max).mix(Generate.pick(edges), 5);
    }

    /** Doubles in [-100, 100], the range of the original's small_floats. */
    public static Gen<Double> smallDoubles() { return doubles(MIN_VALUE, MAX_VALUE); }

    /**
     * Values in [-100, 100] rounded to 8 decimal places: tensor values. (Coarser values would often hit the
     * MathTest functions' exact singularities and kinks, such as inv at -3.5 or relu at -5.5, where a
     * central difference is meaningless.)
     */
    public static Gen<Double> values() {
        return smallDoubles().map(v -> Math.round(v * 1e8) / 1e8);
    }

    /** Lists of {@code minSize..maxSize} elements. */
    public static <T> Gen<List<T>> lists(Gen<T> elements, int minSize, int maxSize) {
        return SourceDSL.lists().of(elements).ofSizeBetween(minSize, maxSize);
    }

    /** Integers in [min, max]. */
    public static Gen<Integer> ints(int min, int max) { return SourceDSL.integers().between(min, max); }

    /** Longs in [min, max]. */
    public static Gen<Long> longs(long min, long max) { return SourceDSL.longs().between(min, max); }

    /** Any long, used as the seed of a test's own {@link java.util.Random}. */
    public static Gen<Long> seeds() { return SourceDSL.longs().all(); }

    /** One of {@code choices}. */
    public static <T> Gen<T> oneOf(List<T> choices) { return Generate.pick(choices); }

    // ---- shapes and permutations --------------------------------------------------------------------

    /** Shapes of 1–4 dimensions, each of size 1–3. */
    public static Gen<int[]> shapes() {
        return lists(ints(1, 3), 1, 4).map(TensorGens::toIntArray).describedAs(Arrays::toString);
    }

    /** Permutations of 0..n-1 (Fisher–Yates over generated draws, so they shrink towards the identity). */
    public static Gen<int[]> permutations(int n) {
        Gen<int[]> gen = in -> {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = i - ints(0, i).generate(in);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            return order;
        };
        return gen.describedAs(Arrays::toString);
    }

    /**
     * Pairs of shapes that broadcast together: both derived from one shape of 1–4 dimensions by
     * dropping some leading dimensions and setting some dimensions to 1.
     */
    public static Gen<int[][]> broadcastShapes() {
        Gen<int[][]> gen = shapes().flatMap(base -> {
            Gen<int[]> derived = ints(0, base.length - 1).zip(
                    SourceDSL.lists().of(SourceDSL.booleans().all()).ofSize(base.length),
                    (drop, ones) -> {
                        int[] s = Arrays.copyOfRange(base, drop, base.length);
                        for (int i = 0; i < s.length; i++) {
                            if (ones.get(i + drop)) {
                                s[i] = 1;
                            }
                        }
                        return s;
                    });
            return derived.zip(derived, (a, b) -> new int[][] {a, b});
        });
        return gen.describedAs(pair -> Arrays.toString(pair[0]) + " with " + Arrays.toString(pair[1]));
    }

    // ---- tensors ------------------------------------------------------------------------------------

    /** The dtypes a tensor can have. */
    public static Gen<DType> dtypes() { return Generate.pick(List.of(DType.values())); }

    /** Random-strided float64 tensors on SIMPLE. */
    public static Gen<Tensor> tensors() { return tensors(Backend.SIMPLE, DType.FLOAT64); }

    /** Random-strided tensors of any generated shape on {@code backend} with {@code dtype}. */
    public static Gen<Tensor> tensors(Backend backend, DType dtype) {
        return shapedTensors(1, backend, dtype).map(List::getFirst).describedAs(TensorGens::describe);
    }

    /** {@code n} tensors sharing one generated shape and one generated layout (the original's shaped_tensors). */
    public static Gen<List<Tensor>> shapedTensors(int n, Backend backend, DType dtype) {
        return shapes().flatMap(shape -> shapedTensors(n, shape, backend, dtype));
    }

    /** {@code n} tensors of {@code shape} sharing one random permuted layout. */
    public static Gen<List<Tensor>> shapedTensors(int n, int[] shape, Backend backend, DType dtype) {
        int size = TensorData.checkedSize(shape, "shapedTensors");
        Gen<List<List<Double>>> datas = SourceDSL.lists().of(SourceDSL.lists().of(values()).ofSize(size)).ofSize(n);
        return permutations(shape.length).zip(datas, (order, data) -> {
            List<Tensor> out = new ArrayList<>();
            for (List<Double> values : data) {
                out.add(permutedLayout(values.stream().mapToDouble(Double::doubleValue).toArray(), shape, order, backend, dtype));
            }
            return out;
        }).describedAs(TensorGens::describe);
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

    /** Two tensors of broadcast-compatible shapes (each with a random permuted layout). */
    public static Gen<List<Tensor>> broadcastPairs(Backend backend, DType dtype) {
        return broadcastShapes().flatMap(pair -> shapedTensors(1, pair[0], backend, dtype).zip(
                shapedTensors(1, pair[1], backend, dtype), (a, b) -> List.of(a.getFirst(), b.getFirst())))
                .describedAs(TensorGens::describe);
    }

    // ---- the same, drawn on every backend of TestBackends (and, where asked, every dtype) -------------

    public static Gen<Backend> testBackends() {
        return Generate.pick(TestBackends.all()).describedAs(Backend::name);
    }

    /** float64 tensors (what the tensor tests use) on every backend of TestBackends. */
    public static Gen<Tensor> tensorsOnTestBackends() {
        return testBackends().flatMap(b -> tensors(b, DType.FLOAT64)).describedAs(TensorGens::describe);
    }

    /** Tensors on every backend of TestBackends in every dtype. */
    public static Gen<Tensor> tensorsOnEveryBackendAndDType() {
        return testBackends().flatMap(b -> dtypes().flatMap(d -> tensors(b, d))).describedAs(TensorGens::describe);
    }

    public static Gen<List<Tensor>> pairsOnTestBackends() {
        return testBackends().flatMap(b -> shapedTensors(2, b, DType.FLOAT64)).describedAs(TensorGens::describe);
    }

    public static Gen<List<Tensor>> broadcastPairsOnTestBackends() {
        return testBackends().flatMap(b -> broadcastPairs(b, DType.FLOAT64)).describedAs(TensorGens::describe);
    }

    // ---- readable failure reports -------------------------------------------------------------------

    /** A tensor as a failure report should show it: where it lives, its layout and its values in row-major order. */
    public static String describe(Tensor t) {
        return t.backend().name() + " " + t.dtype() + " shape " + Arrays.toString(t.shape())
                + " strides " + Arrays.toString(t.data().strides()) + " values " + Arrays.toString(t.toDoubleArray());
    }

    public static String describe(List<Tensor> ts) {
        return ts.stream().map(TensorGens::describe).collect(Collectors.joining("; ", "[", "]"));
    }

    private static int[] toIntArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
