package minitorch.ops.cuda;

import java.util.List;

/**
 * One compilation unit of generated CUDA C: a namespace holding the kernels of one op and dtype
 * (all its dimension-count variants), compiled once and loaded as one CUDA module.
 *
 * @param name    unique name of the module, also its C++ namespace (e.g. {@code map_exp_f32})
 * @param body    the namespace with its kernels; compiled after {@link CudaCodegen#PRELUDE}
 * @param kernels the {@code extern "C"} entry points the body defines
 */
public record KernelModule(String name, String body, List<String> kernels) {

    public KernelModule {
        kernels = List.copyOf(kernels);
    }

    /** The complete source handed to the compiler: the shared prelude, then this module's body. */
    public String source() {
        return CudaCodegen.PRELUDE + body;
    }
}
