package minitorch.layout;

/** Host float64 storage over a {@code double[]}; CPU kernels read and write {@link #array()} directly. */
public record DoubleStorage(double[] array) implements Storage {

    @Override public ElementType elementType() { return ElementType.FLOAT64; }

    @Override public int size() { return array.length; }

    @Override public double get(int position) { return array[position]; }

    @Override public void set(int position, double value) { array[position] = value; }

    @Override public double[] toDoubleArray() { return array.clone(); }

    @Override public String toString() { return "DoubleStorage[" + array.length + "]"; }
}
