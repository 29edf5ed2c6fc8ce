package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.SubCommunicator;
import org.gossipbench.collectives.topology.HierarchicalTopology;
import org.gossipbench.collectives.topology.Topology;

/**
 * Neighbor averaging over {@link HierarchicalTopology hier:group=G:inter=T} as BlueFog's
 * hierarchical neighbor allreduce runs it: a ring-allreduce of the G ranks of each group (over the
 * fast links inside a machine) gives every member its group's sum, the groups' first ranks
 * ("leaders") average the group means over T with {@link NeighborAverage} (the only traffic between
 * groups: S per inter-group neighbor), and each leader broadcasts the result to its group (binomial
 * tree). The result is x_i ← Σ_h t_{g(i)h} x̄_h, W = T ⊗ 11ᵀ/G, as the topology's matrix says.
 *
 * <p>The group's sum is scaled by 1/G before the leaders' exchange, so the leaders mix means, as
 * W's weights do; rounding differs from {@link NeighborAverage} over the same W (a sum, a scale and
 * a mix instead of one weighted sum), within a few ulps per element.
 */
public final class HierarchicalNeighborAverage implements Collective {
  private static final int GROUP_TAGS = 0x1000_0000;
  private static final int LEADER_TAGS = 0x2000_0000;

  private final Buf data;
  private final int count;
  private final HierarchicalTopology topology;
  private final Collective groupAllreduce;
  private final Collective leaders; // null on a rank that is not its group's first
  private final Collective groupBroadcast;
  private final double inverseGroup;
  private final int n;
  private final int rank;

  public HierarchicalNeighborAverage(
      Communicator comm, Buf data, int count, Topology topology, int segmentElements) {
    if (!(topology instanceof HierarchicalTopology h)) {
      throw new IllegalArgumentException(
          "neighbor-average hierarchical needs a hier:group=G:inter=T topology, got "
              + (topology == null ? "none" : topology.name()));
    }
    if (h.size() != comm.size()) {
      throw new IllegalArgumentException(
          "topology "
              + h.name()
              + " has n="
              + h.size()
              + " but there are "
              + comm.size()
              + " ranks");
    }
    Buf.checkRange(data, 0, count);
    this.data = data;
    this.count = count;
    this.topology = h;
    int g = h.group();
    int me = comm.rank();
    int first = me - me % g;
    int[] group = new int[g];
    for (int r = 0; r < g; r++) {
      group[r] = first + r;
    }
    // own tag ranges: the group's view and the leaders' never share a channel with each other or
    // with collectives planned over the whole job
    Communicator inGroup = new SubCommunicator(comm, group, GROUP_TAGS);
    groupAllreduce =
        new RingAllreduce(inGroup, data, count, ReduceOp.SUM, Math.max(1, segmentElements));
    groupBroadcast = new BinomialBroadcast(inGroup, data, count, 0, segmentElements);
    if (me == first) {
      int[] firsts = new int[comm.size() / g];
      for (int k = 0; k < firsts.length; k++) {
        firsts[k] = k * g;
      }
      leaders =
          new NeighborAverage(
              new SubCommunicator(comm, firsts, LEADER_TAGS),
              data,
              count,
              h.inter(),
              segmentElements);
    } else {
      leaders = null;
    }
    inverseGroup = 1.0 / g;
    n = comm.size();
    rank = me;
  }

  @Override
  public String op() {
    return "neighbor-average";
  }

  @Override
  public String algorithm() {
    return "hierarchical";
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public void run(long iteration) {
    groupAllreduce.run(iteration);
    if (leaders != null) {
      data.scale(0, count, inverseGroup);
      leaders.run(iteration);
    }
    groupBroadcast.run(iteration);
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return NeighborAverageOp.INSTANCE.busBandwidthFactor(n, rank, topology, iteration);
  }
}
