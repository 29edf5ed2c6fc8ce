package org.gossipbench.collectives.topology;

/**
 * Static exponential graph (Assran et al. 2019; Ying et al. 2021): node i receives from i + 2^0, i
 * + 2^1, …, i + 2^(τ−1), τ = ⌈log₂ n⌉, each and itself with weight 1/(τ+1). Directed and circulant
 * (hence normal); for even n, ρ = 1 − 2/(τ+1) exactly.
 */
public final class StaticExponentialTopology {
  private StaticExponentialTopology() {}

  public static Topology create(int n) {
    int tau = Circulant.ceilLog2(n);
    int[] offsets = new int[tau + 1];
    double[] weights = new double[tau + 1];
    for (int m = 0; m < tau; m++) {
      offsets[m + 1] = 1 << m;
    }
    java.util.Arrays.fill(weights, 1.0 / (tau + 1));
    return new StaticTopology("exp", Circulant.of(n, offsets, weights));
  }
}
