package org.gossipbench.workloads.synthetic;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * The problem of SPEC &sect;4's checks: n nodes with f_i(x) = ½‖x − c_i‖² on R^d, whose linear
 * gradient dynamics make every steady state and rate of DSGD computable exactly. The centers are
 * c_i = c̄ + b·u_i with c̄ ~ N(0, I), Σ_i u_i = 0 and (1/n) Σ_i ‖u_i‖² = 1 ({@link ShiftedTruths}),
 * so the optimum of f = (1/n) Σ f_i is x* = c̄ and b² is exactly the heterogeneity (1/n) Σ_i
 * ‖∇f_i(x*)‖² of SPEC &sect;4. A stochastic gradient is the exact one plus σ·ξ, ξ ~ N(0, I_d),
 * drawn from the node's own stream.
 *
 * <p>Every random choice flows from {@code seed}: the centers from one stream, node i's noise from
 * a stream of (seed, i) alone. Two problems that differ only in b or σ therefore share the
 * directions u_i and every node's noise sequence, which is what lets a check compare them (or two
 * algorithms on one of them) on the same draws.
 *
 * @param nodes n &ge; 1
 * @param dimension d &ge; 1
 * @param b the heterogeneity's square root, &ge; 0
 * @param sigma σ &ge; 0, the standard deviation of each gradient entry's noise
 * @param seed the seed of every draw
 */
public record HeterogeneousQuadratic(int nodes, int dimension, double b, double sigma, long seed) {

  public HeterogeneousQuadratic {
    if (nodes < 1 || dimension < 1) {
      throw new IllegalArgumentException(
          "need nodes and dimension >= 1; got " + nodes + ", " + dimension);
    }
    if (!(b >= 0) || !(sigma >= 0) || Double.isInfinite(b) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException(
          "b and sigma must be finite and >= 0; got " + b + ", " + sigma);
    }
  }

  /** The centers c_i, row i for node i. */
  public double[][] centers() {
    return ShiftedTruths.draw(new Random(seed), nodes, dimension, b);
  }

  /** x* = c̄, the mean of the centers as drawn (to the last bit, the mean this code uses). */
  public double[] optimum() {
    return mean(centers());
  }

  /** (1/n) Σ_i ‖c_i − x*‖², equal to b² up to rounding. */
  public double heterogeneity() {
    double[][] c = centers();
    double[] x = mean(c);
    double s = 0;
    for (double[] ci : c) {
      for (int j = 0; j < dimension; j++) {
        s += (ci[j] - x[j]) * (ci[j] - x[j]);
      }
    }
    return s / nodes;
  }

  /** Node {@code rank}'s model, starting at {@code start} (copied), with its own noise stream. */
  public NoisyQuadraticModel node(int rank, double[] start) {
    if (rank < 0 || rank >= nodes) {
      throw new IllegalArgumentException("rank " + rank + " outside 0.." + (nodes - 1));
    }
    return new NoisyQuadraticModel(centers()[rank], start, sigma, noiseStream(rank));
  }

  /**
   * One stream per (seed, rank), independent of b and σ. SplittableRandom(s) emits mix(s + tγ) for
   * t = 1, 2, …, so seeds an exact multiple of γ apart (as seed·γ + c would be for seed and seed +
   * 1) give the same sequence shifted; seeds hashed first are almost surely far apart.
   */
  private SplittableRandom noiseStream(int rank) {
    return new SplittableRandom(mix64(mix64(seed) + rank));
  }

  /** SplitMix64's finalizer (Steele, Lea & Flood 2014): a bijective 64-bit mix. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static double[] mean(double[][] c) {
    double[] m = new double[c[0].length];
    for (double[] ci : c) {
      for (int j = 0; j < m.length; j++) {
        m[j] += ci[j];
      }
    }
    for (int j = 0; j < m.length; j++) {
      m[j] /= c.length;
    }
    return m;
  }
}
