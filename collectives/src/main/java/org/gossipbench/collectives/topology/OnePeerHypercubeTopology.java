package org.gossipbench.collectives.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * One-peer hypercube: at iteration k node i averages itself and i XOR 2^(k mod τ) with weight 1/2
 * each (undirected, symmetric). Defined only for n = 2^τ, where the product over one period is
 * exactly 11ᵀ/n.
 */
public final class OnePeerHypercubeTopology {
  private OnePeerHypercubeTopology() {}

  public static Topology create(int n) {
    if (!Circulant.isPowerOfTwo(n)) {
      throw new TopologyException(
          "one-peer-hypercube needs n to be a power of two (node i pairs with i XOR 2^j), n="
              + n
              + " is not");
    }
    int tau = Math.max(1, Circulant.ceilLog2(n));
    List<WeightMatrix> sequence = new ArrayList<>(tau);
    for (int k = 0; k < tau; k++) {
      if (n == 1) {
        sequence.add(WeightMatrix.identity(1));
        continue;
      }
      WeightMatrix.Builder b = WeightMatrix.builder(n);
      for (int i = 0; i < n; i++) {
        b.add(i, i, 0.5).add(i, i ^ (1 << k), 0.5);
      }
      sequence.add(b.build());
    }
    return new PeriodicTopology("one-peer-hypercube", sequence, null);
  }
}
