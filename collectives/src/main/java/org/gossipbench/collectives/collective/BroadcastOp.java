package org.gossipbench.collectives.collective;

import java.util.function.IntToDoubleFunction;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;

/** Broadcast: every rank ends with the root's {@code data[0, count)}. */
public final class BroadcastOp implements CollectiveOp {
  public static final BroadcastOp INSTANCE = new BroadcastOp();

  private BroadcastOp() {}

  @Override
  public String name() {
    return "broadcast";
  }

  @Override
  public String defaultAlgorithm() {
    return "binomial";
  }

  @Override
  public boolean needsTopology() {
    return false;
  }

  @Override
  public IntToDoubleFunction expected(
      DType type, int rank, int n, int count, CollectiveOptions options, long iteration) {
    int root = options.root();
    return i -> CollectiveOp.input(root, i);
  }

  /** 1: S bytes cross every link of the tree once (nccl-tests). */
  @Override
  public double busBandwidthFactor(int n, int rank, Topology topology, long iteration) {
    return 1.0;
  }
}
