package org.gossipbench.collectives.topology;

/**
 * Undirected ring: node i averages itself and i ± 1 with weight 1/3 each, so ρ = (1 + 2cos(2π/n))/3
 * for n &ge; 3 (1 − O(1/n²)). For n = 2 both neighbors are the same node and receive 2/3; for n = 1
 * the node keeps its value.
 */
public final class RingTopology {
  private RingTopology() {}

  public static Topology create(int n) {
    double third = 1.0 / 3.0;
    return new StaticTopology(
        "ring", Circulant.of(n, new int[] {-1, 0, 1}, new double[] {third, third, third}));
  }
}
