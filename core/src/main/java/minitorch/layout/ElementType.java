package minitorch.layout;

/**
 * What one element of a storage is, as the kernels see it: a float64 or a float32. The public name is
 * {@link minitorch.tensor.ElementType} (DESIGN.md fixes it in the tensor package); this twin lives at the bottom
 * so that the kernels below the tensor layer can allocate and dispatch without depending on it.
 */
public enum ElementType {
    FLOAT64(Double.BYTES),
    FLOAT32(Float.BYTES);

    private final int byteSize;

    ElementType(int byteSize) { this.byteSize = byteSize; }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    /** A zeroed host storage of this type. */
    public Storage allocateHost(int size) {
        return switch (this) {
            case FLOAT64 -> new DoubleStorage(new double[size]);
            case FLOAT32 -> new FloatStorage(new float[size]);
        };
    }
}
