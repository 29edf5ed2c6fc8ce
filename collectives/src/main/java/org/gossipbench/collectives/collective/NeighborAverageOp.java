package org.gossipbench.collectives.collective;

import java.util.function.IntToDoubleFunction;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Neighbor (partial) averaging, one gossip step x_i &larr; &Sigma;_j w_ij x_j with W^(k) of the
 * topology at iteration k (SPEC &sect;2). Every algorithm must accumulate in one order, self first
 * and then the in-neighbors by ascending rank, each product and sum rounded to the element type, so
 * that results compare bit for bit.
 */
public final class NeighborAverageOp implements CollectiveOp {
  public static final NeighborAverageOp INSTANCE = new NeighborAverageOp();

  private NeighborAverageOp() {}

  @Override
  public String name() {
    return "neighbor-average";
  }

  @Override
  public String defaultAlgorithm() {
    return "neighbor";
  }

  @Override
  public boolean needsTopology() {
    return true;
  }

  @Override
  public IntToDoubleFunction expected(
      DType type, int rank, int n, int count, CollectiveOptions options, long iteration) {
    WeightMatrix w = options.topology().weights(iteration);
    return i -> {
      double acc =
          CollectiveOp.round(
              type, CollectiveOp.input(rank, i) * CollectiveOp.round(type, w.selfWeight(rank)));
      for (int p = w.rowStart(rank); p < w.rowEnd(rank); p++) {
        int j = w.column(p);
        if (j != rank) {
          double term = CollectiveOp.round(type, w.weight(p)) * CollectiveOp.input(j, i);
          acc = CollectiveOp.round(type, acc + CollectiveOp.round(type, term));
        }
      }
      return acc;
    };
  }

  /**
   * The rank's in-degree at this iteration: no standard exists for gossip, this is our convention
   * (SPEC &sect;5), the bytes a rank receives per byte of message.
   */
  @Override
  public double busBandwidthFactor(int n, int rank, Topology topology, long iteration) {
    return topology.weights(iteration).inDegree(rank);
  }
}
