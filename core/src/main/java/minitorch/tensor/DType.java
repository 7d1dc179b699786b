package minitorch.tensor;

import minitorch.layout.ElementType;
import minitorch.layout.Storage;

/**
 * Element type of a tensor's storage. FLOAT64 is the default (exact gradient checks); FLOAT32 is for speed.
 * Each names the {@link ElementType} the kernels below the tensor layer see.
 */
public enum DType {
    FLOAT64(ElementType.FLOAT64),
    FLOAT32(ElementType.FLOAT32);

    private final ElementType elementType;

    DType(ElementType elementType) { this.elementType = elementType; }

    /** What the kernels call this type. */
    public ElementType elementType() { return elementType; }

    /** The public name of a kernel-level element type. */
    public static DType of(ElementType elementType) {
        return switch (elementType) {
            case FLOAT64 -> FLOAT64;
            case FLOAT32 -> FLOAT32;
        };
    }

    /** Bytes per element. */
    public int byteSize() { return elementType.byteSize(); }

    /** A zeroed host storage of this type. */
    public Storage allocateHost(int size) { return elementType.allocateHost(size); }

    /** The wider of two types: combining float32 with float64 gives float64, as in Torch. */
    public static DType promote(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
    }
}
