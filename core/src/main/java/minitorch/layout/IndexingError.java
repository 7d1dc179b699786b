package minitorch.layout;

/** A shape, stride or index that does not fit: the message names the operation and the offending values. */
public class IndexingError extends IllegalArgumentException {
    public IndexingError(String message) { super(message); }
}
