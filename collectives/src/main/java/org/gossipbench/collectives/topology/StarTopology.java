package org.gossipbench.collectives.topology;

/**
 * Star with node 0 at the center (the parameter-server shape as a gossip graph): the center
 * averages everyone with weight 1/n; each leaf keeps 1 − 1/n and takes 1/n from the center. Doubly
 * stochastic and symmetric, ρ = 1 − 1/n. As a communicator, a star means global averaging through
 * the center instead (the parameter server).
 */
public final class StarTopology {
  private StarTopology() {}

  public static Topology create(int n) {
    WeightMatrix.Builder b = WeightMatrix.builder(n);
    double share = 1.0 / n;
    for (int j = 0; j < n; j++) {
      b.add(0, j, share);
    }
    for (int i = 1; i < n; i++) {
      b.add(i, 0, share).add(i, i, 1.0 - share);
    }
    return new StaticTopology("star", b.build());
  }
}
