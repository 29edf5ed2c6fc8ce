package org.gossipbench.workloads.synthetic;

import java.util.Random;

/**
 * The heterogeneity knob both synthetic problems share: n local ground truths x*_i = x₀ + ζ·u_i, x₀
 * ~ N(0, I), the shifts u_i drawn N(0, I), centred (Σ_i u_i = 0) and scaled so that (1/n) Σ_i
 * ‖u_i‖² = 1, so ζ² is the mean squared shift.
 */
final class ShiftedTruths {
  private ShiftedTruths() {}

  /**
   * n truths of the given length, drawn from {@code rng} in a fixed order (x₀, then u_0 … u_n−1).
   */
  static double[][] draw(Random rng, int nodes, int length, double zeta) {
    double[] base = gaussian(rng, length);
    double[][] shift = new double[nodes][];
    double[] mean = new double[length];
    for (int i = 0; i < nodes; i++) {
      shift[i] = gaussian(rng, length);
      for (int k = 0; k < length; k++) {
        mean[k] += shift[i][k] / nodes;
      }
    }
    double sumSq = 0;
    for (double[] u : shift) {
      for (int k = 0; k < length; k++) {
        u[k] -= mean[k];
        sumSq += u[k] * u[k];
      }
    }
    double norm = sumSq > 0 ? Math.sqrt(nodes / sumSq) : 0;
    double[][] truth = new double[nodes][length];
    for (int i = 0; i < nodes; i++) {
      for (int k = 0; k < length; k++) {
        truth[i][k] = base[k] + zeta * norm * shift[i][k];
      }
    }
    return truth;
  }

  static double[] gaussian(Random rng, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = rng.nextGaussian();
    }
    return v;
  }
}
