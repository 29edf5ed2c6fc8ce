package org.gossipbench.collectives.topology;

import java.util.SplittableRandom;

/**
 * OU-EquiDyn, one-peer undirected EquiTopo (Song et al., NeurIPS 2022): every iteration k draws a
 * uniformly from {1, …, n−1} and a start s uniformly from {0, …, n−1}, then walks i = s, s+1, …,
 * s+n−1 (mod n) and pairs i with i + a whenever both are still unpaired. Paired nodes i ↔ j use
 * w_ii = w_jj = 1 − η(n−1)/n and w_ij = w_ji = η(n−1)/n (the η-mix (1−η)I + η&middot;G of the basis
 * weights 1/n, (n−1)/n); unpaired nodes keep w_ii = 1. W^(k) is a symmetric, doubly stochastic
 * matching: in-degree at most 1. The authors train with η = 0.53 ({@code EquiTopo.DEFAULT_ETA}).
 *
 * <p>Departures from the reference ({@code OUEquiDynComplete} in EquiTopo.py, the variant their
 * {@code run.sh} uses via {@code --complete}):
 *
 * <ul>
 *   <li>The reference also has {@code OUEquiDyn(n, Ms, ...)}, drawing a from the offsets of a
 *       U-EquiStatic instance; this class implements only the complete variant (a from all of {1,
 *       …, n−1}), which is what SPEC &sect;2.2 describes.
 *   <li>The reference advances one numpy generator per iteration (a first, then s). Here iteration
 *       k draws a and then s from its own SplittableRandom seeded from a mix of (seed, k), making
 *       W^(k) a pure function of (n, η, seed, k). Same distribution, other draws.
 *   <li>Nodes are 0-based (the reference's s &isin; {1, …, n} is our s + 1); the greedy walk and
 *       the weights are otherwise identical.
 *   <li>n = 1 gives the identity.
 * </ul>
 */
public final class OuEquiDynTopology extends RandomDynamicTopology {
  private final double eta;

  private OuEquiDynTopology(int n, double eta, long seed) {
    super(n, seed, "ou-equidyn:eta=" + eta + ":seed=" + seed);
    this.eta = eta;
  }

  /**
   * @param n number of nodes, at least 1
   * @param eta the weight η &isin; (0, 1] moved to the matched peer's basis-graph weights
   * @param seed with the iteration, determines every W^(k)
   * @return an aperiodic time-varying topology named {@code ou-equidyn:eta=E:seed=S}
   * @throws TopologyException if n &lt; 1 or η is outside (0, 1]
   */
  public static Topology create(int n, double eta, long seed) {
    EquiTopo.checkSize("ou-equidyn", n);
    EquiTopo.checkEta("ou-equidyn", eta);
    return new OuEquiDynTopology(n, eta, seed);
  }

  @Override
  WeightMatrix draw(int n, SplittableRandom random) {
    int a = EquiTopo.drawOffset(random, n);
    int s = random.nextInt(n);
    double peer = eta * (n - 1) / n;
    double self = 1.0 - peer;
    boolean[] paired = new boolean[n];
    WeightMatrix.Builder b = WeightMatrix.builder(n);
    for (int t = 0; t < n; t++) {
      int i = (s + t) % n;
      int j = (i + a) % n;
      if (!paired[i] && !paired[j]) {
        paired[i] = true;
        paired[j] = true;
        b.add(i, i, self).add(j, j, self).add(i, j, peer).add(j, i, peer);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!paired[i]) {
        b.add(i, i, 1.0);
      }
    }
    return b.build();
  }
}
