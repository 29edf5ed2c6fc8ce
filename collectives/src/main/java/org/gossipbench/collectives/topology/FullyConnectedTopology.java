package org.gossipbench.collectives.topology;

/** Every node averages all n values with weight 1/n: W = 11ᵀ/n, ρ = 0, in-degree n − 1. */
public final class FullyConnectedTopology {
  private FullyConnectedTopology() {}

  public static Topology create(int n) {
    WeightMatrix.Builder b = WeightMatrix.builder(n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b.add(i, j, 1.0 / n);
      }
    }
    return new StaticTopology("fully-connected", b.build());
  }
}
