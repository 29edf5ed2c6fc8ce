package org.gossipbench.collectives.topology;

/**
 * 2-D torus (rows &times; cols with wrap-around): node (r, c) averages itself and its four
 * neighbors with weight 1/5 each; node index r·cols + c. Where a dimension has one or two nodes,
 * neighbors coincide and their weights add up (so the matrix stays doubly stochastic). For an s
 * &times; s torus ρ = (3 + 2cos(2π/s))/5.
 */
public final class TorusTopology {
  private TorusTopology() {}

  public static Topology create(int n, TopologyParameters p) {
    GridShape shape = GridShape.resolve("torus", n, p);
    int rows = shape.rows();
    int cols = shape.cols();
    WeightMatrix.Builder b = WeightMatrix.builder(n);
    double fifth = 1.0 / 5.0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = shape.node(r, c);
        b.add(i, i, fifth);
        b.add(i, shape.node(Math.floorMod(r - 1, rows), c), fifth);
        b.add(i, shape.node(Math.floorMod(r + 1, rows), c), fifth);
        b.add(i, shape.node(r, Math.floorMod(c - 1, cols)), fifth);
        b.add(i, shape.node(r, Math.floorMod(c + 1, cols)), fifth);
      }
    }
    return new StaticTopology("torus:rows=" + rows + ":cols=" + cols, b.build());
  }
}
