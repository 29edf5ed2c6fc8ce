package org.gossipbench.workloads.partition;

import java.util.SplittableRandom;

/**
 * Splits a training set's sample indices over n nodes (SPEC &sect;6: iid, Dirichlet(α) over labels,
 * or sorted by label). A pure function of its inputs and the random stream: the same seed gives the
 * same split on every transport and machine.
 */
public interface Partitioner {

  /** Canonical spec, e.g. {@code iid} or {@code dirichlet:alpha=0.5}; logged with the run. */
  String spec();

  /**
   * @param labels label of each sample, in [0, numClasses)
   * @param n number of nodes, 1 ≤ n ≤ labels.length
   * @return for each node, the indices of its samples (every node gets at least one; each sample
   *     goes to at most one node)
   * @throws IllegalArgumentException if n is out of range, with a one-line message
   */
  int[][] split(int[] labels, int numClasses, int n, SplittableRandom random);
}
