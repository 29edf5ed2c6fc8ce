package org.gossipbench.bench.projection;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.CostModel;
import org.gossipbench.collectives.collective.Segments;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.results.ProjectionRow;
import org.gossipbench.workloads.algorithm.NetworkModel;

/**
 * Per-iteration communication and time to train of ring-allreduce against hierarchical neighbor
 * averaging on a described cluster (SPEC &sect;5, table T3's projected half), priced with the
 * counts each collective declares in {@link CollectiveRegistry}, so the projection and the
 * measurements it is checked against share one model.
 *
 * <p>Placement: ranks fill nodes in order, G per node. Ring-allreduce over N &gt; G ranks crosses a
 * node boundary in every step, and each step waits for its slowest link, so all its 2(N−1) rounds
 * and 2(N−1)/N·S bytes are priced on the inter-node link ({@link CostModel.Counts#acrossGroups()}):
 * NCCL's rings meet the same bound, one NIC per node carrying 2(N−1)/N·S each way. Hierarchical
 * averaging ({@code hier:group=G:inter=T}) pays its group ring-allreduce and broadcast on the
 * intra-node link and one round of d·S on the node's NIC. Up to G ranks, both are one node's
 * ring-allreduce: an exact average costs no more there.
 *
 * <p>Time to train: iterations = samples to target / (N · samples per GPU), times {@code
 * decentralizedIterationFactor} for neighbor averaging (the extra iterations its inexact average
 * costs, measured here or given); compute per iteration = samples per GPU × FLOPs per sample /
 * (F·U), communication not overlapped with it (an upper bound: frameworks overlap the two); the
 * compute bound is the FLOP count alone, 8TP/(NFU) for a transformer.
 */
public final class ClusterProjection {
  /** The graph between nodes the seed's partial averaging used. */
  public static final String DEFAULT_INTER_TOPOLOGY = "one-peer-exp";

  private ClusterProjection() {}

  /**
   * Ring-allreduce and hierarchical neighbor averaging at each GPU count.
   *
   * @param gpus N values, each a multiple of the cluster's GPUs per node or at most one node
   * @param interTopology the graph between nodes, e.g. {@code one-peer-exp}
   * @param decentralizedIterationFactor iterations of neighbor averaging per iteration of exact
   *     averaging to the same target (1: the same)
   * @param seed seed for randomized inter-node graphs
   * @throws IllegalArgumentException for a GPU count that does not fill whole nodes
   */
  public static List<ProjectionRow> project(
      ClusterSpec cluster,
      ModelProfile model,
      List<Integer> gpus,
      String interTopology,
      double decentralizedIterationFactor,
      long seed) {
    if (!(decentralizedIterationFactor > 0)) {
      throw new IllegalArgumentException(
          "the decentralized iteration factor must be > 0, got " + decentralizedIterationFactor);
    }
    List<ProjectionRow> rows = new ArrayList<>();
    int g = cluster.gpusPerNode();
    long s = model.bytes();
    for (int n : gpus) {
      if (n < 2 || (n > g && n % g != 0)) {
        throw new IllegalArgumentException(
            "projecting to "
                + n
                + " GPUs needs at least 2 and whole nodes of "
                + g
                + " GPUs beyond one node");
      }
      CostModel.Counts ring = ringCounts(n, s, g);
      rows.add(
          row(
              cluster,
              model,
              n,
              "allreduce/ring",
              ring,
              1.0,
              n > g
                  ? "ring: 2(N-1) rounds and 2(N-1)/N*S bytes, all on the inter-node link"
                  : "ring within one node: 2(N-1) rounds and 2(N-1)/N*S bytes on the intra-node"
                      + " link"));
      String hier = "hier:group=" + g + ":inter=" + interTopology;
      CostModel.Counts partial = n > g ? hierarchicalCounts(n, s, hier, seed) : ring;
      rows.add(
          row(
              cluster,
              model,
              n,
              "neighbor-average/hierarchical " + hier,
              partial,
              decentralizedIterationFactor,
              n > g
                  ? "hierarchical: group ring-allreduce and binomial broadcast on the intra-node"
                      + " link (2(G-1)+ceil(log2 G) rounds, 2(G-1)/G*S + ceil(log2 G)*S bytes),"
                      + " one round of d*S between nodes"
                  : "one node: its ring-allreduce (an exact average), intra-node link"));
    }
    return rows;
  }

  /** Ring-allreduce of S bytes over n ranks placed G per node. */
  public static CostModel.Counts ringCounts(int n, long bytes, int gpusPerNode) {
    CostModel.Counts c = cost("allreduce", "ring").counts(n, bytes, segment(), null);
    return n > gpusPerNode ? c.acrossGroups() : c;
  }

  private static CostModel.Counts hierarchicalCounts(int n, long bytes, String hier, long seed) {
    Topology t = TopologyRegistry.create(hier, n, seed);
    return cost("neighbor-average", "hierarchical").counts(n, bytes, segment(), t);
  }

  /** Seconds of {@code c} with its intra-group part on {@code intra}, the rest on {@code inter}. */
  public static double seconds(CostModel.Counts c, NetworkModel intra, NetworkModel inter) {
    return intra.nanos(c, inter) / 1e9;
  }

  private static ProjectionRow row(
      ClusterSpec cluster,
      ModelProfile model,
      int n,
      String collective,
      CostModel.Counts counts,
      double iterationFactor,
      String costModel) {
    // an exact double here, not NetworkModel's rounded nanoseconds: tests hold it to the formula
    NetworkModel intra = cluster.intra();
    NetworkModel inter = cluster.inter();
    double comm =
        counts.intraRounds() * intra.alphaSeconds()
            + counts.intraBytes() / intra.bytesPerSecond()
            + counts.interRounds() * inter.alphaSeconds()
            + counts.interBytes() / inter.bytesPerSecond();
    double rate = cluster.peakFlops() * cluster.utilization();
    double compute = model.samplesPerGpu() * model.trainFlopsPerSample() / rate;
    long iterations =
        (long)
            Math.ceil(
                model.samplesToTarget() / ((double) n * model.samplesPerGpu()) * iterationFactor);
    double computeBound = model.samplesToTarget() * model.trainFlopsPerSample() / (n * rate);
    return new ProjectionRow(
        cluster.name(),
        model.name(),
        model.parameters(),
        model.bytes(),
        n,
        cluster.gpusPerNode(),
        collective,
        comm,
        compute,
        iterations,
        iterations * (compute + comm),
        computeBound,
        intra.alphaSeconds(),
        intra.bytesPerSecond(),
        inter.alphaSeconds(),
        inter.bytesPerSecond(),
        costModel
            + (iterationFactor != 1.0
                ? "; iterations x" + iterationFactor + " for the inexact average"
                : ""),
        cluster.inputs()
            + " | "
            + model.describe()
            + " | sources: "
            + cluster.source()
            + " "
            + model.source(),
        null);
  }

  private static long segment() {
    return (long) Segments.DEFAULT_SEGMENT_ELEMENTS * Float.BYTES;
  }

  private static CostModel cost(String op, String algorithm) {
    return CollectiveRegistry.get(op, algorithm).cost().orElseThrow();
  }
}
