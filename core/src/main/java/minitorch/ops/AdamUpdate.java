package minitorch.ops;

/**
 * The numbers of one Adam step (Kingma and Ba, 2015) for {@link FusedAdam#adam} and
 * {@link ComposedAdam}: the moment decay rates, the denominator's epsilon, and the bias corrections of step t folded in as
 * {@code stepSize = lr / (1 - beta1^t)} and {@code correction2 = 1 - beta2^t}. Per element:
 * <pre>
 *   m ← beta1·m + (1 − beta1)·g
 *   v ← beta2·v + (1 − beta2)·g²
 *   p ← p − stepSize · m / (√(v / correction2) + eps)
 * </pre>
 */
public record AdamUpdate(double beta1, double beta2, double eps, double stepSize, double correction2) {}
