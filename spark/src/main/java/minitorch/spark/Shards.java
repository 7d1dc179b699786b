package minitorch.spark;

/** How a batch of n rows is cut into k shards: contiguous, sizes differing by at most one, in order. */
final class Shards {
    private Shards() {}

    static int from(int shard, int shards, int n) { return (int) ((long) shard * n / shards); }

    static int to(int shard, int shards, int n) { return from(shard + 1, shards, n); }
}
