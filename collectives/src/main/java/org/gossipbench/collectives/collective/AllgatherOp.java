package org.gossipbench.collectives.collective;

import java.util.function.IntToDoubleFunction;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;

/**
 * Allgather: rank r contributes block r, {@code [r·count, (r+1)·count)}, and every rank ends with
 * all n blocks.
 */
public final class AllgatherOp implements CollectiveOp {
  public static final AllgatherOp INSTANCE = new AllgatherOp();

  private AllgatherOp() {}

  @Override
  public String name() {
    return "allgather";
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
  public boolean gathers() {
    return true;
  }

  @Override
  public IntToDoubleFunction expected(
      DType type, int rank, int n, int count, CollectiveOptions options, long iteration) {
    return i -> CollectiveOp.input(i / count, i % count);
  }

  /**
   * (n−1)/n, with S the whole gathered array (nccl-tests): each rank receives every block but its
   * own.
   */
  @Override
  public double busBandwidthFactor(int n, int rank, Topology topology, long iteration) {
    return (double) (n - 1) / n;
  }
}
