package minitorch.optim;

import java.util.List;

import minitorch.module.Parameter;

/** Something that changes parameters using the derivatives a backward pass left on them. */
public abstract class Optimizer {
    protected final List<Parameter<?>> parameters;

    protected Optimizer(List<? extends Parameter<?>> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    public final List<Parameter<?>> parameters() { return parameters; }

    /** Forgets the derivatives of every parameter. */
    public abstract void zeroGrad();

    /** Moves every parameter that has a derivative. */
    public abstract void step();
}
