package minitorch.ops;

/** A reduction along one dimension: a fold of a {@link BinaryOp} from a start value. */
public enum ReduceOp {
    SUM(BinaryOp.ADD, 0.0),
    PROD(BinaryOp.MUL, 1.0),
    MAX(BinaryOp.MAX, Double.NEGATIVE_INFINITY);

    /** The folding function: acc = combine(acc, x). */
    public final BinaryOp combine;
    /** The value of an empty fold. */
    public final double start;

    ReduceOp(BinaryOp combine, double start) {
        this.combine = combine;
        this.start = start;
    }
}
