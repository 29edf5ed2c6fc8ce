package org.gossipbench.collectives.topology;

import java.util.Arrays;

/**
 * Partial averaging x^(k+1) = W^(k) x^(k) of one scalar per node, recording the values at chosen
 * iterations (SPEC &sect;7 table T1). Iteration 0 is the initial vector.
 *
 * <p>On a {@link Mixing#COLUMN_STOCHASTIC} topology, where W^(k) x keeps the sum but drifts away
 * from the mean, it runs push-sum instead: a weight w^(0) = 1 is mixed beside x, w^(k+1) = W^(k)
 * w^(k), and what is recorded is the ratio x_i / w_i, which converges to the average of x^(0).
 */
public final class ConsensusSimulation {
  private ConsensusSimulation() {}

  /**
   * @param initial x^(0), one value per node
   * @param iterations strictly increasing, non-negative iteration numbers to record
   * @return values[r][i] = x_i at iterations[r]
   */
  public static double[][] run(Topology topology, double[] initial, long[] iterations) {
    int n = topology.size();
    if (initial.length != n) {
      throw new TopologyException(
          "initial vector has "
              + initial.length
              + " values but the topology has n="
              + n
              + " nodes");
    }
    for (int r = 0; r < iterations.length; r++) {
      if (iterations[r] < 0 || (r > 0 && iterations[r] <= iterations[r - 1])) {
        throw new TopologyException(
            "iterations must be non-negative and strictly increasing: "
                + Arrays.toString(iterations));
      }
    }
    boolean pushSum = topology.mixing() == Mixing.COLUMN_STOCHASTIC;
    double[][] recorded = new double[iterations.length][];
    double[] x = initial.clone();
    double[] next = new double[n];
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    double[] nextW = new double[n];
    long k = 0;
    for (int r = 0; r < iterations.length; r++) {
      for (; k < iterations[r]; k++) {
        WeightMatrix m = topology.weights(k);
        m.multiply(x, next);
        double[] swap = x;
        x = next;
        next = swap;
        if (pushSum) {
          m.multiply(w, nextW);
          swap = w;
          w = nextW;
          nextW = swap;
        }
      }
      recorded[r] = x.clone();
      if (pushSum) {
        for (int i = 0; i < n; i++) {
          recorded[r][i] /= w[i];
        }
      }
    }
    return recorded;
  }

  /** Consensus distance (1/n) Σ_i (x_i − x̄)². */
  public static double consensusDistance(double[] x) {
    double mean = 0.0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double sum = 0.0;
    for (double v : x) {
      sum += (v - mean) * (v - mean);
    }
    return sum / x.length;
  }
}
