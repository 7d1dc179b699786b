package minitorch.spark;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where a worker gets a run's data: it loads it itself (from the data directory, which must exist at the same
 * path on every worker machine) once per JVM, rather than receiving it with every task.
 *
 * @param <D> the loaded data
 */
public interface DataSource<D> extends Serializable {

    /** Names the data: sources with one key load the same data. */
    String key();

    D load();

    /** This JVM's copy of the source's data, loaded on first use. */
    @SuppressWarnings("unchecked")
    default D get() {
        return (D) Loaded.DATA.computeIfAbsent(key(), k -> load());
    }

    /** The data loaded in this JVM, by key. */
    final class Loaded {
        private static final ConcurrentMap<String, Object> DATA = new ConcurrentHashMap<>();

        private Loaded() {}
    }
}
