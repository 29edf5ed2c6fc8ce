package org.gossipbench.bench.sweep;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Inputs whose exact results are cheap to know on every rank (nccl-tests' #wrong column): rank r
 * holds (r + 1)·b(i) with b(i) = i mod 7 + 1, so the allreduce sum is b(i)·n(n+1)/2, exact in
 * float32 for n up to a few hundred.
 */
public final class SweepCheck {
  private SweepCheck() {}

  public static double input(int rank, int i) {
    return (rank + 1) * (double) (i % 7 + 1);
  }

  private static double round(DType t, double v) {
    return t == DType.FLOAT32 ? (float) v : v;
  }

  /**
   * Fills what this rank contributes; the rest of the buffer is poisoned so a missed write shows.
   */
  public static void fill(String op, Buf data, int rank, int count) {
    for (int i = 0; i < data.length(); i++) {
      data.setDouble(i, -1);
    }
    int base = op.equals("allgather") ? rank * count : 0;
    for (int i = 0; i < count; i++) {
      data.setDouble(base + i, input(rank, i));
    }
  }

  /** Elements of this rank's result that differ from the exact one. */
  public static long wrong(
      String op,
      Buf data,
      int rank,
      int n,
      int count,
      ReduceOp reduce,
      Topology topology,
      long iteration,
      int root) {
    DType t = data.dtype();
    long wrong = 0;
    switch (op) {
      case "allreduce" -> {
        double scale = round(t, 1.0 / n);
        for (int i = 0; i < count; i++) {
          double sum = round(t, (i % 7 + 1) * (double) n * (n + 1) / 2);
          double expected = reduce == ReduceOp.SUM ? sum : round(t, sum * scale);
          wrong += data.getDouble(i) == expected ? 0 : 1;
        }
      }
      case "broadcast" -> {
        for (int i = 0; i < count; i++) {
          wrong += data.getDouble(i) == input(root, i) ? 0 : 1;
        }
      }
      case "allgather" -> {
        for (int r = 0; r < n; r++) {
          for (int i = 0; i < count; i++) {
            wrong += data.getDouble(r * count + i) == input(r, i) ? 0 : 1;
          }
        }
      }
      case "neighbor-average" -> {
        WeightMatrix w = topology.weights(iteration);
        for (int i = 0; i < count; i++) {
          double acc = round(t, input(rank, i) * round(t, w.selfWeight(rank)));
          for (int p = w.rowStart(rank); p < w.rowEnd(rank); p++) {
            int j = w.column(p);
            if (j != rank) {
              acc = round(t, acc + round(t, round(t, w.weight(p)) * input(j, i)));
            }
          }
          wrong += data.getDouble(i) == acc ? 0 : 1;
        }
      }
      default -> throw new IllegalArgumentException("no check for op " + op);
    }
    return wrong;
  }
}
