package org.gossipbench.workloads.data;

/**
 * One node's endless stream of mini-batches over its shard of a dataset. Each pass over the shard
 * starts with a Fisher–Yates shuffle in place whose random stream depends only on (run seed, rank,
 * pass number), so any node's batches can be recomputed without the others, on any transport. A
 * batch that runs past the end of a pass continues with the next pass's order: every batch is full.
 *
 * <p>The stream is SplitMix64 (the generator behind {@link java.util.SplittableRandom}) held in a
 * long field rather than a new object per pass, so that {@link #next} allocates nothing. Not
 * thread-safe: one sampler per node.
 */
public final class ShardSampler {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final Dataset data;
  private final int[] order;
  private final long seed;
  private final int rank;
  private int position;
  private long pass;
  private long samplesDrawn;
  private long state;

  /**
   * @param shard the node's sample indices (copied; at least one)
   */
  public ShardSampler(Dataset data, int[] shard, long seed, int rank) {
    if (shard.length == 0) {
      throw new IllegalArgumentException("rank " + rank + " has an empty shard");
    }
    for (int i : shard) {
      if (i < 0 || i >= data.size()) {
        throw new IllegalArgumentException(
            "shard index " + i + " outside " + data.name() + " [0, " + data.size() + ")");
      }
    }
    this.data = data;
    this.order = shard.clone();
    this.seed = seed;
    this.rank = rank;
    startPass();
  }

  /** Empties {@code batch} and fills it to capacity with the next samples. */
  public void next(Batch batch) {
    if (batch.featureCount() != data.featureCount()) {
      throw new IllegalArgumentException(
          "batch holds "
              + batch.featureCount()
              + " features, "
              + data.name()
              + " has "
              + data.featureCount());
    }
    batch.clear();
    for (int k = 0; k < batch.capacity(); k++) {
      if (position == order.length) {
        pass++;
        startPass();
      }
      batch.add(data, order[position++]);
    }
    samplesDrawn += batch.capacity();
  }

  /** Samples handed out so far. */
  public long samplesDrawn() {
    return samplesDrawn;
  }

  /** Passes over the shard finished so far (an epoch of this node). */
  public long passesCompleted() {
    return pass;
  }

  /** Size of the shard. */
  public int shardSize() {
    return order.length;
  }

  private void startPass() {
    state = passSeed(seed, rank, pass);
    for (int i = order.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    position = 0;
  }

  /** The seed of one pass's shuffle: a function of the three numbers only. */
  static long passSeed(long seed, int rank, long pass) {
    return mix64(
        mix64(mix64(seed) ^ (rank + 1L) * GOLDEN_GAMMA) ^ (pass + 1L) * 0xc2b2ae3d27d4eb4fL);
  }

  /** Uniform in [0, bound) without modulo bias (rejection, as {@link java.util.Random} does). */
  private int nextInt(int bound) {
    for (; ; ) {
      int r = (int) (nextLong() >>> 33);
      int v = r % bound;
      if (r - v + (bound - 1) >= 0) {
        return v;
      }
    }
  }

  private long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
