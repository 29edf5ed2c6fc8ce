package org.gossipbench.collectives.topology;

import java.util.Arrays;

/**
 * An immutable sparse n&times;n weight matrix in compressed-row form. Row i lists the in-neighbors
 * of node i (the nodes it receives from) with their weights, self included when its weight is
 * non-zero; columns within a row are sorted. This is the receiver-row orientation of SPEC &sect;2
 * (x_i &larr; &Sigma;_j w_ij x_j); {@link #transpose()} gives the sender view (row j lists whom j
 * sends to).
 *
 * <p>Accessors are allocation-free so that collectives can walk a row on their hot path:
 *
 * <pre>{@code
 * for (int p = w.rowStart(i); p < w.rowEnd(i); p++) acc += w.weight(p) * x[w.column(p)];
 * }</pre>
 */
public final class WeightMatrix {
  private final int n;
  private final int[] rowStart; // length n + 1
  private final int[] columns;
  private final double[] weights;
  private volatile WeightMatrix transposed;

  private WeightMatrix(int n, int[] rowStart, int[] columns, double[] weights) {
    this.n = n;
    this.rowStart = rowStart;
    this.columns = columns;
    this.weights = weights;
  }

  public static Builder builder(int n) {
    return new Builder(n);
  }

  /** The n&times;n identity: every node keeps its own value. */
  public static WeightMatrix identity(int n) {
    Builder b = builder(n);
    for (int i = 0; i < n; i++) {
      b.add(i, i, 1.0);
    }
    return b.build();
  }

  public int size() {
    return n;
  }

  /** Index of row i's first entry in the flat entry arrays. */
  public int rowStart(int i) {
    return rowStart[i];
  }

  /** One past the index of row i's last entry. */
  public int rowEnd(int i) {
    return rowStart[i + 1];
  }

  /** Column (the sending node) of flat entry p. */
  public int column(int p) {
    return columns[p];
  }

  /** Weight of flat entry p. */
  public double weight(int p) {
    return weights[p];
  }

  /** Number of stored (non-zero) entries. */
  public int nonZeros() {
    return columns.length;
  }

  /** w_ij, zero where no entry is stored. */
  public double get(int i, int j) {
    int p = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    return p >= 0 ? weights[p] : 0.0;
  }

  /** w_ii. */
  public double selfWeight(int i) {
    return get(i, i);
  }

  /** Number of nodes other than i that node i receives from. */
  public int inDegree(int i) {
    int degree = rowStart[i + 1] - rowStart[i];
    return get(i, i) != 0.0 ? degree - 1 : degree;
  }

  /** Largest {@link #inDegree(int)} over all nodes. */
  public int maxInDegree() {
    int max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, inDegree(i));
    }
    return max;
  }

  /** Largest number of nodes other than j that node j sends to. */
  public int maxOutDegree() {
    return transpose().maxInDegree();
  }

  /** Wᵀ, computed once and cached: row j of the transpose lists the receivers of node j. */
  public WeightMatrix transpose() {
    WeightMatrix t = transposed;
    if (t == null) {
      Builder b = builder(n);
      for (int i = 0; i < n; i++) {
        for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
          b.add(columns[p], i, weights[p]);
        }
      }
      t = b.build();
      t.transposed = this;
      transposed = t;
    }
    return t;
  }

  /** out = W x. {@code out} must not alias {@code x}. */
  public void multiply(double[] x, double[] out) {
    if (x.length != n || out.length != n) {
      throw new IllegalArgumentException("vector length must be " + n);
    }
    for (int i = 0; i < n; i++) {
      double acc = 0.0;
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        acc += weights[p] * x[columns[p]];
      }
      out[i] = acc;
    }
  }

  /** A dense row-major copy. */
  public double[][] toDense() {
    double[][] dense = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        dense[i][columns[p]] = weights[p];
      }
    }
    return dense;
  }

  /** Whether W = Wᵀ exactly (as stored). */
  public boolean isSymmetric() {
    return equals(transpose());
  }

  /**
   * Checks that W is non-negative and doubly stochastic within {@code tolerance}.
   *
   * @param context names the topology, n and iteration in the error, e.g. "ring n=5 iteration 0"
   * @throws TopologyException naming the first failing row or column
   */
  public void validateDoublyStochastic(String context, double tolerance) {
    validate(context, tolerance, Mixing.DOUBLY_STOCHASTIC);
  }

  /**
   * Checks that W is non-negative and that its rows (for {@link Mixing#DOUBLY_STOCHASTIC}) and its
   * columns sum to 1 within {@code tolerance}.
   *
   * @param context names the topology, n and iteration in the error, e.g. "ring n=5 iteration 0"
   * @throws TopologyException naming the first failing row or column
   */
  public void validate(String context, double tolerance, Mixing mixing) {
    double[] columnSums = new double[n];
    for (int i = 0; i < n; i++) {
      double rowSum = 0.0;
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        double w = weights[p];
        if (!(w >= 0.0) || Double.isInfinite(w)) {
          throw new TopologyException(
              context
                  + ": weight w["
                  + i
                  + "]["
                  + columns[p]
                  + "] = "
                  + w
                  + " is not a finite non-negative number");
        }
        rowSum += w;
        columnSums[columns[p]] += w;
      }
      if (mixing == Mixing.DOUBLY_STOCHASTIC && Math.abs(rowSum - 1.0) > tolerance) {
        throw new TopologyException(
            context
                + ": row "
                + i
                + " sums to "
                + rowSum
                + ", not 1 (tolerance "
                + tolerance
                + ")");
      }
    }
    for (int j = 0; j < n; j++) {
      if (Math.abs(columnSums[j] - 1.0) > tolerance) {
        throw new TopologyException(
            context
                + ": column "
                + j
                + " sums to "
                + columnSums[j]
                + ", not 1 (tolerance "
                + tolerance
                + ")");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WeightMatrix)) {
      return false;
    }
    WeightMatrix other = (WeightMatrix) o;
    return n == other.n
        && Arrays.equals(rowStart, other.rowStart)
        && Arrays.equals(columns, other.columns)
        && Arrays.equals(weights, other.weights);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * n + Arrays.hashCode(columns)) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("WeightMatrix[n=").append(n);
    for (int i = 0; i < Math.min(n, 8); i++) {
      s.append(i == 0 ? "; " : ", ").append(i).append(" <- {");
      for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
        s.append(p == rowStart[i] ? "" : ", ").append(columns[p]).append(':').append(weights[p]);
      }
      s.append('}');
    }
    return s.append(n > 8 ? ", ...]" : "]").toString();
  }

  /**
   * Collects entries in any order. Entries added twice for the same (i, j) are summed, which is
   * what a graph with coinciding neighbors needs (a ring with n = 2, a torus with one row): the
   * weights of both "copies" of the neighbor go to the same node. Entries that sum to zero are
   * dropped.
   */
  public static final class Builder {
    private final int n;
    private int[] rows = new int[16];
    private int[] cols = new int[16];
    private double[] vals = new double[16];
    private int count;

    private Builder(int n) {
      if (n < 1) {
        throw new TopologyException("n must be at least 1, got " + n);
      }
      this.n = n;
    }

    public Builder add(int i, int j, double w) {
      if (i < 0 || i >= n || j < 0 || j >= n) {
        throw new IndexOutOfBoundsException("entry (" + i + ", " + j + ") outside " + n + "x" + n);
      }
      if (count == rows.length) {
        rows = Arrays.copyOf(rows, count * 2);
        cols = Arrays.copyOf(cols, count * 2);
        vals = Arrays.copyOf(vals, count * 2);
      }
      rows[count] = i;
      cols[count] = j;
      vals[count] = w;
      count++;
      return this;
    }

    public WeightMatrix build() {
      // Bucket by row (keeping insertion order), then sort each row by (column, insertion index)
      // packed into primitive longs: the summation order of duplicates is fixed, so equal inputs
      // give bit-identical matrices, and nothing is boxed.
      int[] rowCount = new int[n + 1];
      for (int e = 0; e < count; e++) {
        rowCount[rows[e] + 1]++;
      }
      for (int i = 0; i < n; i++) {
        rowCount[i + 1] += rowCount[i];
      }
      int[] fill = rowCount.clone();
      int[] byRow = new int[count];
      for (int e = 0; e < count; e++) {
        byRow[fill[rows[e]]++] = e;
      }
      int[] rowStart = new int[n + 1];
      int[] outCols = new int[count];
      double[] outVals = new double[count];
      int out = 0;
      long[] keys = new long[0];
      for (int i = 0; i < n; i++) {
        int len = rowCount[i + 1] - rowCount[i];
        if (keys.length < len) {
          keys = new long[Math.max(len, 2 * keys.length)];
        }
        for (int q = 0; q < len; q++) {
          int e = byRow[rowCount[i] + q];
          keys[q] = ((long) cols[e] << 32) | e;
        }
        java.util.Arrays.sort(keys, 0, len);
        int q = 0;
        while (q < len) {
          int c = (int) (keys[q] >>> 32);
          double sum = 0.0;
          while (q < len && (int) (keys[q] >>> 32) == c) {
            sum += vals[(int) keys[q]];
            q++;
          }
          if (sum != 0.0) {
            outCols[out] = c;
            outVals[out] = sum;
            out++;
          }
        }
        rowStart[i + 1] = out;
      }
      return new WeightMatrix(
          n, rowStart, Arrays.copyOf(outCols, out), Arrays.copyOf(outVals, out));
    }
  }
}
