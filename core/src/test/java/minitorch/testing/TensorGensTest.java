package minitorch.testing;

import static minitorch.testing.TensorGens.broadcastShapes;
import static minitorch.testing.TensorGens.ints;
import static minitorch.testing.TensorGens.permutations;
import static minitorch.testing.TensorGens.shapes;
import static minitorch.testing.TensorGens.tensorsOnEveryBackendAndDType;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import minitorch.backend.Backend;
import minitorch.layout.TensorData;
import minitorch.tensor.DType;
import org.junit.jupiter.api.Test;

/** The property helper itself: its generators keep their promises, and a failure is reported usefully. */
class TensorGensTest {

    @Test
    void aFailureNamesTheSeedAndTheShrunkCase() {
        AssertionError e = assertThrows(AssertionError.class, () -> theory(200).forAll(shapes())
                .checkAssert(shape -> assertTrue(shape.length < 3, "three dimensions")));
        String message = e.getMessage();
        assertTrue(message.contains("Seed was"), message);
        // shrinking ends at the smallest failing shape: three dimensions of size 1
        assertTrue(message.contains("Smallest found falsifying value(s) :-" + System.lineSeparator() + "[1, 1, 1]"), message);
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        theory(20).withFixedSeed(42).forAll(shapes()).checkAssert(s -> first.append(Arrays.toString(s)));
        theory(20).withFixedSeed(42).forAll(shapes()).checkAssert(s -> second.append(Arrays.toString(s)));
        assertEquals(first.toString(), second.toString());
    }

    @Test
    void permutationsArePermutations() {
        theory(200).forAll(ints(1, 6).flatMap(TensorGens::permutations)).checkAssert(order -> {
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i], Arrays.toString(order));
            }
        });
        Set<String> seen = new HashSet<>();
        theory(200).forAll(permutations(3)).checkAssert(order -> seen.add(Arrays.toString(order)));
        assertEquals(6, seen.size(), "all six orders of three dimensions come up");
    }

    @Test
    void broadcastShapesBroadcast() {
        theory(300).forAll(broadcastShapes()).checkAssert(pair -> {
            int[] out = TensorData.shapeBroadcast(pair[0], pair[1]);
            assertEquals(Math.max(pair[0].length, pair[1].length), out.length);
        });
    }

    @Test
    void tensorsComeOnEveryBackendAndDTypeMostlyNotContiguous() {
        Set<Backend> backends = EnumSet.noneOf(Backend.class);
        Set<DType> dtypes = EnumSet.noneOf(DType.class);
        int[] contiguous = {0};
        theory(300).forAll(tensorsOnEveryBackendAndDType()).checkAssert(t -> {
            backends.add(t.backend());
            dtypes.add(t.dtype());
            assertTrue(t.dims() >= 1 && t.dims() <= 4 && Arrays.stream(t.shape()).allMatch(d -> d >= 1 && d <= 3));
            assertTrue(Arrays.stream(t.toDoubleArray()).allMatch(v -> v >= TensorGens.MIN_VALUE && v <= TensorGens.MAX_VALUE));
            if (t.data().isContiguous()) {
                contiguous[0]++;
            }
        });
        assertEquals(EnumSet.copyOf(TestBackends.all()), backends);
        assertEquals(EnumSet.allOf(DType.class), dtypes);
        assertTrue(contiguous[0] < 250, contiguous[0] + " of 300 contiguous");
    }

    @Test
    void aPermutedLayoutKeepsTheRowMajorValues() {
        double[] values = {1, 2, 3, 4, 5, 6};
        var t = TensorGens.permutedLayout(values, new int[] {2, 3}, new int[] {1, 0}, Backend.SIMPLE, DType.FLOAT64);
        assertArrayEquals(values, t.toDoubleArray());
        assertArrayEquals(new int[] {1, 2}, t.data().strides());
    }
}
