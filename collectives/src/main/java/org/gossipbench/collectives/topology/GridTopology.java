package org.gossipbench.collectives.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D grid (rows &times; cols, no wrap-around): node (r, c) is linked to its 4-neighborhood, with
 * Metropolis–Hastings weights; node index r·cols + c. ρ = 1 − O(1/(n ln n)) for a square grid.
 */
public final class GridTopology {
  private GridTopology() {}

  public static Topology create(int n, TopologyParameters p) {
    GridShape shape = GridShape.resolve("grid", n, p);
    List<int[]> neighbors = new ArrayList<>(n);
    for (int r = 0; r < shape.rows(); r++) {
      for (int c = 0; c < shape.cols(); c++) {
        List<Integer> adj = new ArrayList<>(4);
        if (r > 0) {
          adj.add(shape.node(r - 1, c));
        }
        if (r + 1 < shape.rows()) {
          adj.add(shape.node(r + 1, c));
        }
        if (c > 0) {
          adj.add(shape.node(r, c - 1));
        }
        if (c + 1 < shape.cols()) {
          adj.add(shape.node(r, c + 1));
        }
        neighbors.add(adj.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    return new StaticTopology(
        "grid:rows=" + shape.rows() + ":cols=" + shape.cols(),
        MetropolisHastings.weights(neighbors));
  }
}
