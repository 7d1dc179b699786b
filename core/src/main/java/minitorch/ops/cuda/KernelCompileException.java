package minitorch.ops.cuda;

/** Generated CUDA C did not compile; the message carries the compiler's log. */
public final class KernelCompileException extends CudaException {
    private final String log;

    public KernelCompileException(String module, String compiler, String log) {
        super("cuda: compiling kernel module " + module + " with " + compiler + " failed:\n" + log.strip());
        this.log = log;
    }

    /** The compiler's own output. */
    public String log() { return log; }
}
