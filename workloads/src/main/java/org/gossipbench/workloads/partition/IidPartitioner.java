package org.gossipbench.workloads.partition;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * {@code iid}: a seeded shuffle of all indices cut into n slices whose sizes differ by at most one,
 * so every node sees the whole label distribution up to sampling noise. Each node's indices are
 * returned in ascending order (the sampler shuffles them anyway).
 */
public final class IidPartitioner implements Partitioner {
  @Override
  public String spec() {
    return "iid";
  }

  @Override
  public int[][] split(int[] labels, int numClasses, int n, SplittableRandom random) {
    Partitions.checkNodeCount(n, labels.length);
    int[] order = new int[labels.length];
    Arrays.setAll(order, i -> i);
    Partitions.shuffle(order, random);
    int[][] parts = Partitions.slices(order, n);
    for (int[] p : parts) {
      Arrays.sort(p);
    }
    return parts;
  }
}
