package org.gossipbench.collectives.topology;

import java.util.List;

/**
 * Metropolis–Hastings weights for an undirected graph: w_ij = 1/(1 + max(deg_i, deg_j)) on each
 * edge and w_ii = 1 − Σ_{j≠i} w_ij. Symmetric and doubly stochastic for any undirected graph, with
 * no global knowledge beyond the neighbors' degrees.
 */
final class MetropolisHastings {
  private MetropolisHastings() {}

  /**
   * @param neighbors adjacency lists, symmetric, without self-loops or repeats
   */
  static WeightMatrix weights(List<int[]> neighbors) {
    int n = neighbors.size();
    WeightMatrix.Builder b = WeightMatrix.builder(n);
    for (int i = 0; i < n; i++) {
      double self = 1.0;
      int degI = neighbors.get(i).length;
      for (int j : neighbors.get(i)) {
        double w = 1.0 / (1 + Math.max(degI, neighbors.get(j).length));
        b.add(i, j, w);
        self -= w;
      }
      b.add(i, i, self);
    }
    return b.build();
  }
}
