package minitorch.layout;

import java.util.Arrays;
import java.util.Locale;

/**
 * A storage seen through a shape and strides: the strided layout of Module 2. Element
 * {@code index} lives at storage position {@code sum(index[i] * strides[i])}. Views
 * ({@link #permute}, {@link #view}) share the storage and never copy. Instances are immutable apart
 * from the elements in the storage.
 */
public final class TensorData {
    /** Kernels keep per-thread index buffers of this length. */
    public static final int MAX_DIMS = 32;

    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int size;

    public TensorData(Storage storage, int[] shape, int[] strides) {
        if (shape.length != strides.length) {
            throw new IndexingError("TensorData: strides " + Arrays.toString(strides)
                    + " must have one entry per dimension of shape " + Arrays.toString(shape));
        }
        if (shape.length > MAX_DIMS) {
            throw new IndexingError("TensorData: shape " + Arrays.toString(shape) + " has more than "
                    + MAX_DIMS + " dimensions");
        }
        this.size = checkedSize(shape, "TensorData");
        long maxPosition = 0; // long: huge strides must not wrap around and pass the check below
        for (int i = 0; i < shape.length; i++) {
            if (strides[i] < 0) {
                throw new IndexingError("TensorData: negative stride in " + Arrays.toString(strides));
            }
            maxPosition += (long) Math.max(0, shape[i] - 1) * strides[i];
        }
        if (size > 0 && maxPosition >= storage.size()) {
            throw new IndexingError("TensorData: shape " + Arrays.toString(shape) + " with strides "
                    + Arrays.toString(strides) + " reaches position " + maxPosition + " but storage has "
                    + storage.size() + " elements");
        }
        this.storage = storage;
        this.shape = shape.clone();
        this.strides = strides.clone();
    }

    /** A contiguous (row-major) layout of {@code shape} over {@code storage}, which must be exactly that size. */
    public static TensorData contiguous(Storage storage, int... shape) {
        int size = checkedSize(shape, "TensorData");
        if (storage.size() != size) {
            throw new IndexingError("TensorData: storage of " + storage.size() + " elements does not match shape "
                    + Arrays.toString(shape) + " (" + size + " elements)");
        }
        return new TensorData(storage, shape, stridesFromShape(shape));
    }

    /** A new zeroed contiguous host tensor data. */
    public static TensorData zeros(ElementType dtype, int... shape) {
        return contiguous(dtype.allocateHost(checkedSize(shape, "zeros")), shape);
    }

    // ---- the indexing rules (Tasks 2.1, 2.2) as static functions, so kernels can share them -----

    /** Row-major strides: the last dimension moves by 1, e.g. (4,2,2) gives (4,2,1). */
    public static int[] stridesFromShape(int[] shape) {
        int[] strides = new int[shape.length];
        int offset = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = offset;
            offset *= shape[i];
        }
        return strides;
    }

    /** Storage position of a multidimensional index: {@code sum(index[i] * strides[i])}. */
    public static int indexToPosition(int[] index, int[] strides) {
        int position = 0;
        for (int i = 0; i < strides.length; i++) {
            position += index[i] * strides[i];
        }
        return position;
    }

    /**
     * Writes into {@code outIndex} the row-major index of {@code ordinal} in {@code shape}, so that
     * enumerating 0..size-1 visits every index once.
     */
    public static void toIndex(int ordinal, int[] shape, int[] outIndex) {
        int rest = ordinal;
        for (int i = shape.length - 1; i >= 0; i--) {
            outIndex[i] = rest % shape[i];
            rest /= shape[i];
        }
    }

    /**
     * Maps an index of a broadcast (bigger) shape to the index of a smaller shape it was broadcast
     * from: dimensions are right-aligned and a dimension of size 1 always reads index 0.
     */
    public static void broadcastIndex(int[] bigIndex, int[] bigShape, int[] shape, int[] outIndex) {
        int offset = bigShape.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            outIndex[i] = shape[i] > 1 ? bigIndex[i + offset] : 0;
        }
    }

    /** NumPy broadcasting of two shapes ({@link Shapes#broadcast}, the one place the rule is written). */
    public static int[] shapeBroadcast(int[] a, int[] b) {
        return Shapes.broadcast("broadcast", a, b);
    }

    /** Product of a shape's dimensions, rejecting negative sizes and int overflow. */
    public static int checkedSize(int[] shape, String operation) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IndexingError(operation + ": negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IndexingError(operation + ": shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) size;
    }

    // ---- accessors ------------------------------------------------------------------------------

    public Storage storage() { return storage; }

    public ElementType elementType() { return storage.elementType(); }

    /** A copy of the shape. */
    public int[] shape() { return shape.clone(); }

    /** A copy of the strides. */
    public int[] strides() { return strides.clone(); }

    public int shape(int dim) {
        return shape[Shapes.checkDim("shape", dim, shape)];
    }

    public int stride(int dim) { return strides[dim]; }

    public int dims() { return shape.length; }

    public int size() { return size; }

    /** True when the strides are row-major for the shape, so the elements sit in order with no gaps. */
    public boolean isContiguous() {
        // Dimensions of size 1 may carry any stride without breaking row-major order.
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** Storage position of a user index, checked against the shape. */
    public int position(int... index) {
        if (index.length != shape.length) {
            throw new IndexingError("index " + Arrays.toString(index) + " must have " + shape.length
                    + " entries for shape " + Arrays.toString(shape));
        }
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0) {
                throw new IndexingError("negative indexing not supported: index " + Arrays.toString(index));
            }
            if (index[i] >= shape[i]) {
                throw new IndexingError("index " + Arrays.toString(index) + " out of range for shape "
                        + Arrays.toString(shape));
            }
        }
        return indexToPosition(index, strides);
    }

    public double get(int... index) { return storage.get(position(index)); }

    public void set(double value, int... index) { storage.set(position(index), value); }

    // ---- views -----------------------------------------------------------------------------------

    /** The same storage with dimensions reordered: new dimension i is old dimension order[i]. */
    public TensorData permute(int... order) {
        if (order.length != shape.length) {
            throw new IndexingError("permute: order " + Arrays.toString(order) + " must give a position to each of the "
                    + shape.length + " dimensions of shape " + Arrays.toString(shape));
        }
        boolean[] seen = new boolean[order.length];
        int[] newShape = new int[order.length];
        int[] newStrides = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            int d = order[i];
            if (d < 0 || d >= order.length || seen[d]) {
                throw new IndexingError("permute: order " + Arrays.toString(order)
                        + " is not a permutation of the dimensions of shape " + Arrays.toString(shape));
            }
            seen[d] = true;
            newShape[i] = shape[d];
            newStrides[i] = strides[d];
        }
        return new TensorData(storage, newShape, newStrides);
    }

    /** The same storage under another shape with the same number of elements; requires a contiguous layout. */
    public TensorData view(int... newShape) {
        int newSize = checkedSize(newShape, "view");
        if (newSize != size) {
            throw new IndexingError("view: cannot view shape " + Arrays.toString(shape) + " (" + size
                    + " elements) as " + Arrays.toString(newShape) + " (" + newSize + " elements)");
        }
        if (!isContiguous()) {
            throw new IndexingError("view: tensor of shape " + Arrays.toString(shape) + " with strides "
                    + Arrays.toString(strides) + " is not contiguous; call contiguous() first");
        }
        return new TensorData(storage, newShape, stridesFromShape(newShape));
    }

    /** Every element in row-major order of the shape (not of the storage), as float64. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        int[] index = new int[shape.length];
        for (int i = 0; i < size; i++) {
            toIndex(i, shape, index);
            out[i] = storage.get(indexToPosition(index, strides));
        }
        return out;
    }

    /** The original's {@code to_string} layout: nested brackets, tabs, values as {@code %3.2f}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        int[] index = new int[shape.length];
        for (int ordinal = 0; ordinal < size; ordinal++) {
            toIndex(ordinal, shape, index);
            StringBuilder open = new StringBuilder();
            for (int i = index.length - 1; i >= 0 && index[i] == 0; i--) {
                open.insert(0, "\n" + "\t".repeat(i) + "[");
            }
            s.append(open);
            s.append(String.format(Locale.ROOT, "%3.2f", storage.get(indexToPosition(index, strides))));
            int closed = 0;
            for (int i = index.length - 1; i >= 0 && index[i] == shape[i] - 1; i--) {
                s.append(']');
                closed++;
            }
            if (closed == 0) {
                s.append(' ');
            }
        }
        return s.toString();
    }
}
