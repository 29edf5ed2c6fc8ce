package org.gossipbench.workloads.algorithm;

import java.util.Arrays;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Push-sum's weights w^(r+1) = W^(r) w^(r), w^(0) = 1, for every node at once. They evolve by the
 * topology alone, independent of the data, and every node knows W^(r) (a pure function of n, the
 * topology's parameters, the seed and r), so each node keeps the whole vector itself, in double
 * precision, at O(nnz W) flops a round, instead of appending its own weight to every message: the
 * numbers are those of sending it, without its float rounding, and the collectives carry only the
 * model's values. Column stochasticity keeps Σ_i w_i = n; on a doubly stochastic graph w stays 1.
 */
final class PushSumWeights {
  private final Topology topology;
  private final int rank;
  private double[] weights;
  private double[] next;

  PushSumWeights(Topology topology, int rank) {
    this.topology = topology;
    this.rank = rank;
    this.weights = new double[topology.size()];
    this.next = new double[topology.size()];
    Arrays.fill(weights, 1.0);
  }

  /** Mixes the weights by W^(round), the matrix the round's gossip used. */
  void advance(long round) {
    WeightMatrix w = topology.weights(round);
    w.multiply(weights, next);
    double[] swap = weights;
    weights = next;
    next = swap;
  }

  /** This node's weight w_i. */
  double weight() {
    return weights[rank];
  }
}
