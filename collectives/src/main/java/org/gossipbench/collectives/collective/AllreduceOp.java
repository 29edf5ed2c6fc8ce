package org.gossipbench.collectives.collective;

import java.util.function.IntToDoubleFunction;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;

/**
 * Allreduce: every rank ends with the sum (or the average, the sum scaled once by 1/n) of every
 * rank's {@code data[0, count)}. The inputs are small integers, so the sum is exact in any order
 * and only the final scaling rounds.
 */
public final class AllreduceOp implements CollectiveOp {
  public static final AllreduceOp INSTANCE = new AllreduceOp();

  private AllreduceOp() {}

  @Override
  public String name() {
    return "allreduce";
  }

  @Override
  public String defaultAlgorithm() {
    return "ring";
  }

  @Override
  public boolean needsTopology() {
    return false;
  }

  @Override
  public IntToDoubleFunction expected(
      DType type, int rank, int n, int count, CollectiveOptions options, long iteration) {
    double scale = CollectiveOp.round(type, 1.0 / n);
    boolean sum = options.reduceOp() == ReduceOp.SUM;
    return i -> {
      // Σ_r (r+1)·b(i) = b(i)·n(n+1)/2
      double total = CollectiveOp.round(type, (i % 7 + 1) * (double) n * (n + 1) / 2);
      return sum ? total : CollectiveOp.round(type, total * scale);
    };
  }

  /** 2(n−1)/n: the ring's reduce-scatter and all-gather each move (n−1)/n of S per link. */
  @Override
  public double busBandwidthFactor(int n, int rank, Topology topology, long iteration) {
    return 2.0 * (n - 1) / n;
  }
}
