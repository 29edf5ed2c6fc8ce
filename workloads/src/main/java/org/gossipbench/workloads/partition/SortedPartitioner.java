package org.gossipbench.workloads.partition;

import java.util.SplittableRandom;

/**
 * {@code sorted}: indices stably sorted by label, then cut into n contiguous slices of equal size
 * (within one): the "unshuffled" setting of the DeTAG paper (Lu and De Sa, ICML 2021), where most
 * nodes hold one or two classes. Uses no randomness.
 */
public final class SortedPartitioner implements Partitioner {
  @Override
  public String spec() {
    return "sorted";
  }

  @Override
  public int[][] split(int[] labels, int numClasses, int n, SplittableRandom random) {
    Partitions.checkNodeCount(n, labels.length);
    // Counting sort: stable, and linear in the number of samples.
    int[] start = new int[numClasses + 1];
    for (int l : labels) {
      start[l + 1]++;
    }
    for (int c = 0; c < numClasses; c++) {
      start[c + 1] += start[c];
    }
    int[] order = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      order[start[labels[i]]++] = i;
    }
    return Partitions.slices(order, n);
  }
}
