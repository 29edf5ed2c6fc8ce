package org.gossipbench.collectives.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * One-peer exponential graph (Ying et al., NeurIPS 2021): at iteration k node i averages itself and
 * i + 2^(k mod τ), τ = ⌈log₂ n⌉, with weight 1/2 each. Period τ; for n = 2^τ the product over one
 * period is exactly 11ᵀ/n. For other n it still mixes but never reaches the exact average in finite
 * time, which {@link #caveat()} says.
 */
public final class OnePeerExponentialTopology {
  private OnePeerExponentialTopology() {}

  public static Topology create(int n) {
    int tau = Math.max(1, Circulant.ceilLog2(n));
    List<WeightMatrix> sequence = new ArrayList<>(tau);
    for (int k = 0; k < tau; k++) {
      sequence.add(
          n == 1
              ? WeightMatrix.identity(1)
              : Circulant.of(n, new int[] {0, 1 << k}, new double[] {0.5, 0.5}));
    }
    String caveat =
        Circulant.isPowerOfTwo(n)
            ? null
            : "n="
                + n
                + " is not a power of two: one-peer-exp mixes but does not reach the exact average in finite time";
    return new PeriodicTopology("one-peer-exp", sequence, caveat);
  }
}
