package minitorch.layout;

/** Host float32 storage over a {@code float[]}; CPU kernels read and write {@link #array()} directly. */
public record FloatStorage(float[] array) implements Storage {

    @Override public ElementType elementType() { return ElementType.FLOAT32; }

    @Override public int size() { return array.length; }

    @Override public double get(int position) { return array[position]; }

    @Override public void set(int position, double value) { array[position] = (float) value; }

    @Override public String toString() { return "FloatStorage[" + array.length + "]"; }
}
