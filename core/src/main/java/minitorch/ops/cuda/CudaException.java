package minitorch.ops.cuda;

/**
 * A failure of the CUDA backend: a driver call that returned an error (the message names the call,
 * the CUDA error name and the driver's description). An {@link IllegalStateException}, so the
 * command line prints its message as one line.
 */
public class CudaException extends IllegalStateException {
    private final int code;

    public CudaException(String message) {
        this(message, 0);
    }

    public CudaException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The CUresult of the failing call, or 0 when the failure did not come from the driver. */
    public int code() { return code; }
}
