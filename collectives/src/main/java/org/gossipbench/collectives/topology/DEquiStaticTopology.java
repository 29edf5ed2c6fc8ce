package org.gossipbench.collectives.topology;

/**
 * D-EquiStatic (Song et al., NeurIPS 2022, EquiTopo): W = (1/M) &Sigma;_m G_{a_m} with a_1…a_M
 * drawn uniformly from {1, …, n−1}, where the basis graph G_a has w_ii = 1/n and w_{i,i+a} =
 * (n−1)/n. So w_ii = 1/n and w_{i,i+d} = (n−1)/n &middot; c_d / M, c_d being how often d was drawn.
 * A directed circulant graph with in- and out-degree at most M whose consensus rate ||W − 11ᵀ/n||₂
 * stays bounded away from 1 independently of n once M = O(ln n) (Theorem 1).
 *
 * <p>Departures from the reference ({@code DEquiStatic} in EquiTopo.py):
 *
 * <ul>
 *   <li>The offsets come from a {@link java.util.SplittableRandom} seeded with {@code seed}, not
 *       numpy's global RNG, so a given seed draws other offsets than the Python code; the
 *       construction and its distribution (uniform, with replacement) are the same.
 *   <li>When M is not given the registry uses {@code EquiTopo.defaultM} = &lfloor;5 ln n&rfloor;
 *       (the reference's consensus notebook) instead of deriving M from (ε, p).
 *   <li>n = 1 gives the 1&times;1 identity (no offset exists); the reference would fail drawing.
 *   <li>When the offsets drawn share a factor with n the graph is disconnected; {@link
 *       Topology#caveat()} says so, where the reference is silent.
 * </ul>
 */
public final class DEquiStaticTopology {
  private DEquiStaticTopology() {}

  /**
   * @param n number of nodes, at least 1
   * @param m number of basis graphs M drawn, at least 1 (the per-node degree is at most M)
   * @param seed seeds the draw of the offsets
   * @return a static topology named {@code d-equistatic:m=M:seed=S}
   * @throws TopologyException if n &lt; 1 or m &lt; 1
   */
  public static Topology create(int n, int m, long seed) {
    String name = "d-equistatic:m=" + m + ":seed=" + seed;
    EquiTopo.checkSize("d-equistatic", n);
    EquiTopo.checkM("d-equistatic", m);
    if (n == 1) {
      return new StaticTopology(name, WeightMatrix.identity(1));
    }
    int[] counts = EquiTopo.drawOffsetCounts(n, m, seed);
    // Summing the M basis graphs collapses to one circulant: self weight M·(1/n)/M = 1/n, and
    // offset d gets (n−1)/n once per time it was drawn.
    int distinct = 0;
    for (int d = 1; d < n; d++) {
      distinct += counts[d] > 0 ? 1 : 0;
    }
    int[] offsets = new int[distinct + 1];
    double[] weights = new double[distinct + 1];
    offsets[0] = 0;
    weights[0] = 1.0 / n;
    int p = 1;
    for (int d = 1; d < n; d++) {
      if (counts[d] > 0) {
        offsets[p] = d;
        weights[p] = (n - 1) * (double) counts[d] / ((double) n * m);
        p++;
      }
    }
    return new StaticTopology(
        name, Circulant.of(n, offsets, weights), EquiTopo.disconnectedCaveat(name, n, counts));
  }
}
