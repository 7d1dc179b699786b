package minitorch.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import minitorch.layout.DoubleStorage;
import minitorch.layout.TensorData;

/**
 * Module 2's Tensor Sandbox: a shape over a storage, and what {@code indexToPosition}, {@code toIndex} and
 * {@code permute} make of a chosen index, computed by this library's {@link TensorData}.
 */
final class TensorPage {
    private TensorPage() {}

    static Object tensor(Query q) {
        int[] shape = q.integers("shape", "2, 2, 2");
        if (shape.length == 0 || shape.length > 4) {
            throw new BadRequest("shape must have 1 to 4 dimensions to be drawn, got " + shape.length);
        }
        int size = TensorData.checkedSize(shape, "Tensor Sandbox");
        if (size > 256) {
            throw new BadRequest("shape " + java.util.Arrays.toString(shape) + " has " + size
                    + " elements; the sandbox draws at most 256");
        }
        double[] storage = q.has("storage") ? q.numbers("storage", "") : randomStorage(size);
        TensorData data = TensorData.contiguous(new DoubleStorage(storage), shape);

        int[] index = q.has("index") ? q.integers("index", "") : new int[shape.length];
        int position = data.position(index); // checks the index against the shape
        int ordinal = q.integer("ordinal", 0, 0, size - 1);
        int[] fromOrdinal = new int[shape.length];
        TensorData.toIndex(ordinal, shape, fromOrdinal);
        int[] order = q.has("order") ? q.integers("order", "") : reversed(shape.length);
        TensorData permuted = data.permute(order);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shape", shape);
        out.put("strides", data.strides());
        out.put("storage", storage);
        out.put("cells", cells(data));
        out.put("index", Map.of("index", index, "position", position));
        out.put("toIndex", Map.of("ordinal", ordinal, "index", fromOrdinal,
                "position", TensorData.indexToPosition(fromOrdinal, data.strides())));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order", order);
        p.put("shape", permuted.shape());
        p.put("strides", permuted.strides());
        p.put("contiguous", permuted.isContiguous());
        p.put("cells", cells(permuted));
        // the chosen index, read in the permuted tensor, when it fits the permuted shape
        boolean fits = true;
        for (int i = 0; i < index.length; i++) {
            fits &= index[i] < permuted.shape(i);
        }
        p.put("position", fits ? permuted.position(index) : null);
        p.put("note", fits ? "" : "index " + java.util.Arrays.toString(index) + " is out of range for the permuted shape "
                + java.util.Arrays.toString(permuted.shape()));
        out.put("permute", p);
        return out;
    }

    /** Every index of {@code data} in row-major order with its storage position and value. */
    private static List<Map<String, Object>> cells(TensorData data) {
        List<Map<String, Object>> cells = new ArrayList<>();
        int[] shape = data.shape();
        int[] index = new int[shape.length];
        for (int ordinal = 0; ordinal < data.size(); ordinal++) {
            TensorData.toIndex(ordinal, shape, index);
            int position = TensorData.indexToPosition(index, data.strides());
            cells.add(Map.of("index", index.clone(), "position", position, "value", data.storage().get(position)));
        }
        return cells;
    }

    /** Like the original's RandomState(42) storage, rounded to 2 decimals (Java's generator, so other numbers). */
    private static double[] randomStorage(int size) {
        Random random = new Random(42);
        double[] s = new double[size];
        for (int i = 0; i < size; i++) {
            s[i] = Math.round(random.nextDouble() * 100) / 100.0;
        }
        return s;
    }

    private static int[] reversed(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        return order;
    }
}
