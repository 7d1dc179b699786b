package minitorch.spark;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import minitorch.module.Module;

/**
 * The models a worker JVM keeps between steps, one per run and partition, so that a step only loads new
 * values into an existing model. Partitions never share one: in {@code local[N]} they run as threads of
 * one JVM at the same time.
 */
final class Replicas {
    private static final ConcurrentMap<String, Module> MODELS = new ConcurrentHashMap<>();

    private Replicas() {}

    @SuppressWarnings("unchecked")
    static <M extends Module> M of(Workload<M> workload, int partition) {
        return (M) MODELS.computeIfAbsent(workload.key() + "#" + partition, k -> workload.newModel());
    }

    /** Forgets a run's models (called on the driver when the run ends; local mode's workers share its JVM). */
    static void forget(Workload<?> workload) {
        MODELS.keySet().removeIf(k -> k.startsWith(workload.key() + "#"));
    }
}
