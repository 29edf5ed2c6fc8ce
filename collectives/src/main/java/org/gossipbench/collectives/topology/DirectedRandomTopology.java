package org.gossipbench.collectives.topology;

import java.util.SplittableRandom;

/**
 * A static random directed graph with out-degree weights, the setting push-sum exists for (Kempe,
 * Dobra &amp; Gehrke, FOCS 2003; Assran et al., "Stochastic Gradient Push", ICML 2019). Node j
 * sends to its ring successor j+1 (which makes the graph strongly connected for every draw) and to
 * out−1 further distinct nodes drawn uniformly from the rest, and splits its value evenly over them
 * and itself: w_ij = 1/(out+1) for every receiver i, self included. Columns sum to 1; rows do not,
 * since in-degrees differ from node to node, so the topology is only {@link
 * Mixing#COLUMN_STOCHASTIC}. With out = 1 it is the directed ring (doubly stochastic); out is
 * clamped to n−1.
 */
public final class DirectedRandomTopology {
  /** What a user of either column-stochastic topology must know. */
  static final String CAVEAT =
      "column stochastic only: push-sum runs on it, other algorithms refuse it;"
          + " rho and the gap are of W(I - 11^T/n)";

  private DirectedRandomTopology() {}

  /**
   * @param out out-degree of every node (self excluded), at least 1
   * @return a static topology named {@code directed-random:out=D:seed=S}
   */
  public static Topology create(int n, int out, long seed) {
    String name = "directed-random:out=" + out + ":seed=" + seed;
    int degree = Math.min(out, n - 1);
    SplittableRandom random = new SplittableRandom(seed);
    WeightMatrix.Builder w = WeightMatrix.builder(n);
    int[] others = new int[Math.max(0, n - 2)];
    for (int j = 0; j < n; j++) {
      double share = 1.0 / (degree + 1);
      w.add(j, j, share);
      if (degree == 0) {
        continue;
      }
      int successor = (j + 1) % n;
      w.add(successor, j, share);
      // the first degree−1 entries of a partial Fisher–Yates shuffle of the nodes other than j
      // and its successor
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (i != j && i != successor) {
          others[count++] = i;
        }
      }
      for (int e = 0; e < degree - 1; e++) {
        int pick = e + random.nextInt(count - e);
        int chosen = others[pick];
        others[pick] = others[e];
        others[e] = chosen;
        w.add(chosen, j, share);
      }
    }
    return new StaticTopology(name, w.build(), CAVEAT, Mixing.COLUMN_STOCHASTIC);
  }
}
