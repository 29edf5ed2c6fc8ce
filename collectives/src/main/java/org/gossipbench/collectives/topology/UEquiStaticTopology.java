package org.gossipbench.collectives.topology;

/**
 * U-EquiStatic (Song et al., NeurIPS 2022, EquiTopo): W = (1/(2M)) &Sigma;_m (G_{a_m} + G_{a_m}ᵀ)
 * with a_1…a_M drawn uniformly from {1, …, n−1}, where the basis graph G_a has w_ii = 1/n and
 * w_{i,i+a} = (n−1)/n. So w_ii = 1/n and w_{i,i±d} = (n−1)/n &middot; (c_d + c_{n−d}) / (2M), c_d
 * being how often d was drawn. Symmetric (an undirected graph), doubly stochastic, with per-node
 * degree at most 2M and an n-independent consensus rate once M = O(ln n).
 *
 * <p>Like the reference ({@code UEquiStatic} in EquiTopo.py) it draws M offsets, not M/2: the
 * parameter counts basis graphs, so a node talks to up to 2M peers (i + a and i − a for each a).
 * Departures from the reference:
 *
 * <ul>
 *   <li>The offsets come from a {@link java.util.SplittableRandom} seeded with {@code seed}, not
 *       numpy's global RNG, so a given seed draws other offsets than the Python code. With equal
 *       (n, m, seed) the offsets are the same as {@link DEquiStaticTopology}'s, as they are in the
 *       reference, which seeds both the same way.
 *   <li>Weights are computed per offset from integer counts, so w_ij and w_ji are the same
 *       floating-point expression and W is symmetric bit for bit (the reference is symmetric only
 *       up to rounding).
 *   <li>Default M, n = 1 and the disconnected-graph caveat as in {@link DEquiStaticTopology}.
 * </ul>
 */
public final class UEquiStaticTopology {
  private UEquiStaticTopology() {}

  /**
   * @param n number of nodes, at least 1
   * @param m number of basis graphs M drawn, at least 1 (the per-node degree is at most 2M)
   * @param seed seeds the draw of the offsets
   * @return a static, symmetric topology named {@code u-equistatic:m=M:seed=S}
   * @throws TopologyException if n &lt; 1 or m &lt; 1
   */
  public static Topology create(int n, int m, long seed) {
    String name = "u-equistatic:m=" + m + ":seed=" + seed;
    EquiTopo.checkSize("u-equistatic", n);
    EquiTopo.checkM("u-equistatic", m);
    if (n == 1) {
      return new StaticTopology(name, WeightMatrix.identity(1));
    }
    int[] counts = EquiTopo.drawOffsetCounts(n, m, seed);
    int distinct = 0;
    for (int d = 1; d < n; d++) {
      distinct += counts[d] + counts[n - d] > 0 ? 1 : 0;
    }
    int[] offsets = new int[distinct + 1];
    double[] weights = new double[distinct + 1];
    offsets[0] = 0;
    weights[0] = 1.0 / n;
    int p = 1;
    for (int d = 1; d < n; d++) {
      // Offset d collects G_d's forward edges and G_{n−d}ᵀ's backward ones. Offset n − d
      // evaluates the same integer sum, which is what makes w_ij == w_ji exactly.
      int both = counts[d] + counts[n - d];
      if (both > 0) {
        offsets[p] = d;
        weights[p] = (n - 1) * (double) both / (2.0 * n * m);
        p++;
      }
    }
    return new StaticTopology(
        name, Circulant.of(n, offsets, weights), EquiTopo.disconnectedCaveat(name, n, counts));
  }
}
