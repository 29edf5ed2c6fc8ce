package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Naive references for every op, computed in the element type with the rounding the collectives
 * promise, so results can be compared for exact equality.
 */
final class CollectiveReference {
  private CollectiveReference() {}

  /** Rank r's input element i: small integers, so sums of up to 17 ranks are exact in float. */
  static double input(int rank, int i) {
    return ((rank + 3) * (i % 11 + 1)) % 13 - 6;
  }

  static Buf inputBuffer(DType type, int rank, int length) {
    Buf b = Buf.allocate(type, length);
    for (int i = 0; i < length; i++) {
      b.setDouble(i, input(rank, i));
    }
    return b;
  }

  static double round(DType type, double v) {
    return type == DType.FLOAT32 ? (float) v : v;
  }

  static double allreduce(DType type, ReduceOp op, int n, int i) {
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += input(r, i);
    }
    sum = round(type, sum);
    return op == ReduceOp.SUM ? sum : round(type, sum * round(type, 1.0 / n));
  }

  /**
   * x after {@code iterations} rounds of partial averaging, self first then in-neighbors by
   * ascending rank, each product and sum rounded to the element type.
   */
  static double[][] neighborAverage(DType type, Topology t, int count, int iterations) {
    int n = t.size();
    double[][] x = new double[n][count];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < count; i++) {
        x[r][i] = input(r, i);
      }
    }
    for (int k = 0; k < iterations; k++) {
      WeightMatrix w = t.weights(k);
      double[][] next = new double[n][count];
      for (int r = 0; r < n; r++) {
        for (int i = 0; i < count; i++) {
          double acc = round(type, x[r][i] * round(type, w.selfWeight(r)));
          for (int p = w.rowStart(r); p < w.rowEnd(r); p++) {
            int j = w.column(p);
            if (j != r) {
              acc = round(type, acc + round(type, round(type, w.weight(p)) * x[j][i]));
            }
          }
          next[r][i] = acc;
        }
      }
      x = next;
    }
    return x;
  }
}
