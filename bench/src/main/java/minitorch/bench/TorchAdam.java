package minitorch.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.Adam's single-tensor update written with DJL's NDArray operations, for the torch peers:
 * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², p ← p − lr·m̂/(√v̂ + ε), then the gradients zeroed.
 * Betas 0.9 and 0.999 and ε 1e-8, as MiniTorch's Adam.
 */
final class TorchAdam {
    private static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;
    private final List<NDArray> params;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final float rate;
    private int steps;

    TorchAdam(NDManager manager, List<NDArray> params, double rate) {
        this.params = params;
        this.rate = (float) rate;
        for (NDArray p : params) {
            firstMoments.add(manager.zeros(p.getShape()));
            secondMoments.add(manager.zeros(p.getShape()));
        }
    }

    void step() {
        steps++;
        float c1 = (float) (1 - Math.pow(BETA1, steps)), c2 = (float) (1 - Math.pow(BETA2, steps));
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i), m = firstMoments.get(i), v = secondMoments.get(i);
            try (NDArray g = p.getGradient(); NDArray g1 = g.mul(1 - BETA1); NDArray g2 = g.square();
                    NDArray mHat = m.muli(BETA1).addi(g1).div(c1);
                    NDArray denominator = v.muli(BETA2).addi(g2.muli(1 - BETA2)).div(c2)) {
                denominator.powi(0.5f).addi(EPS);
                p.subi(mHat.divi(denominator).muli(rate));
            }
            TorchPeer.zeroGradient(p);
        }
    }
}
