package org.gossipbench.collectives.topology;

/**
 * rows &times; cols of a 2-D grid or torus, defaulting to the most nearly square factorization of
 * n.
 */
record GridShape(int rows, int cols) {

  static GridShape resolve(String topology, int n, TopologyParameters p) {
    var rowsGiven = p.optionalInt("rows");
    var colsGiven = p.optionalInt("cols");
    int rows;
    int cols;
    if (rowsGiven.isPresent() && colsGiven.isPresent()) {
      rows = rowsGiven.getAsInt();
      cols = colsGiven.getAsInt();
    } else if (rowsGiven.isPresent()) {
      rows = rowsGiven.getAsInt();
      cols = rows > 0 && n % rows == 0 ? n / rows : -1;
    } else if (colsGiven.isPresent()) {
      cols = colsGiven.getAsInt();
      rows = cols > 0 && n % cols == 0 ? n / cols : -1;
    } else {
      rows = (int) Math.sqrt(n);
      while (n % rows != 0) {
        rows--;
      }
      cols = n / rows;
    }
    if (rows < 1 || cols < 1 || (long) rows * cols != n) {
      throw new TopologyException(
          topology
              + ": shape "
              + (rowsGiven.isPresent() ? rowsGiven.getAsInt() : "?")
              + "x"
              + (colsGiven.isPresent() ? colsGiven.getAsInt() : "?")
              + " does not multiply to n="
              + n);
    }
    return new GridShape(rows, cols);
  }

  int node(int r, int c) {
    return r * cols + c;
  }
}
