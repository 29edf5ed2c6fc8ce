package org.gossipbench.collectives.topology;

import java.util.SplittableRandom;

/**
 * OD-EquiDyn, one-peer directed EquiTopo (Song et al., NeurIPS 2022): every iteration k draws a
 * uniformly from {1, …, n−1} and uses W^(k) = (1−η)I + η G_a, i.e. w_ii = 1 − η(n−1)/n and
 * w_{i,i+a} = η(n−1)/n. Each node receives from exactly one peer and sends to exactly one; the
 * expected consensus rate is bounded independently of n. The authors train with η = 0.53 ({@code
 * EquiTopo.DEFAULT_ETA}).
 *
 * <p>Departures from the reference ({@code ODEquiDynComplete} in EquiTopo.py, the variant their
 * {@code run.sh} uses via {@code --complete}):
 *
 * <ul>
 *   <li>The reference also has {@code ODEquiDyn(n, Ms, ...)}, drawing a from the offsets of a
 *       D-EquiStatic instance; this class implements only the complete variant (a from all of {1,
 *       …, n−1}, i.e. M = n−1), which is what SPEC &sect;2.2 describes.
 *   <li>The reference advances one numpy generator per iteration, so W^(k) depends on the calls
 *       before it. Here iteration k draws from its own SplittableRandom seeded from a mix of (seed,
 *       k) ({@code EquiTopo.iterationRandom}), making W^(k) a pure function of (n, η, seed, k), as
 *       the {@link Topology} contract requires. Same distribution, other draws.
 *   <li>The self weight is computed as 1 − η(n−1)/n rather than (1−η) + η/n; equal in exact
 *       arithmetic, and self + peer then misses 1 by at most the rounding of one subtraction.
 *   <li>n = 1 gives the identity.
 * </ul>
 */
public final class OdEquiDynTopology extends RandomDynamicTopology {
  private final double eta;

  private OdEquiDynTopology(int n, double eta, long seed) {
    super(n, seed, "od-equidyn:eta=" + eta + ":seed=" + seed);
    this.eta = eta;
  }

  /**
   * @param n number of nodes, at least 1
   * @param eta the weight η &isin; (0, 1] moved to the peer's basis-graph weights
   * @param seed with the iteration, determines every W^(k)
   * @return an aperiodic time-varying topology named {@code od-equidyn:eta=E:seed=S}
   * @throws TopologyException if n &lt; 1 or η is outside (0, 1]
   */
  public static Topology create(int n, double eta, long seed) {
    EquiTopo.checkSize("od-equidyn", n);
    EquiTopo.checkEta("od-equidyn", eta);
    return new OdEquiDynTopology(n, eta, seed);
  }

  @Override
  WeightMatrix draw(int n, SplittableRandom random) {
    int a = EquiTopo.drawOffset(random, n);
    double peer = eta * (n - 1) / n;
    return Circulant.of(n, new int[] {0, a}, new double[] {1.0 - peer, peer});
  }
}
