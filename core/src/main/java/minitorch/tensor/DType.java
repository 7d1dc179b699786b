package minitorch.tensor;

/** Element type of a tensor's storage. FLOAT64 is the default (exact gradient checks); FLOAT32 is for speed. */
public enum DType {
    FLOAT64(Double.BYTES),
    FLOAT32(Float.BYTES);

    private final int byteSize;

    DType(int byteSize) { this.byteSize = byteSize; }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    /** A zeroed host storage of this type. */
    public Storage allocateHost(int size) {
        return switch (this) {
            case FLOAT64 -> new DoubleStorage(new double[size]);
            case FLOAT32 -> new FloatStorage(new float[size]);
        };
    }

    /** The wider of two types: combining float32 with float64 gives float64, as in Torch. */
    public static DType promote(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
    }
}
