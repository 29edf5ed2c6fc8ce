package org.gossipbench.collectives.collective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorProvider;

/**
 * The one place where (op, algorithm) names map to collective classes; the same names appear in the
 * CLI, the JMH {@code @Param}s and the Arrow {@code op}/{@code algorithm} columns.
 */
public final class CollectiveRegistry {

  /** Builds a planned collective on one rank. */
  @FunctionalInterface
  public interface Factory {
    Collective create(Communicator comm, Buf data, int count, CollectiveOptions options);
  }

  /**
   * One registered collective.
   *
   * @param bufferBlocks the buffer holds {@code count · bufferBlocks(n)} elements (n for allgather,
   *     else 1)
   * @param needsTopology whether {@link CollectiveOptions#topology()} is required
   */
  public record Entry(
      String op,
      String algorithm,
      String description,
      boolean gathers,
      boolean needsTopology,
      Factory factory) {
    public int bufferLength(int count, int n) {
      return gathers ? Math.multiplyExact(count, n) : count;
    }
  }

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(
        "allreduce",
        "ring",
        "reduce-scatter then all-gather around a ring; 2(n-1) steps of S/n",
        false,
        false,
        (c, d, n, o) -> new RingAllreduce(c, d, n, o.reduceOp(), o.segmentElements()));
    register(
        "neighbor-average",
        "neighbor",
        "x_i <- sum_j w_ij x_j over the topology's in-neighbors, all received concurrently",
        false,
        true,
        (c, d, n, o) -> new NeighborAverage(c, d, n, o.topology(), o.segmentElements()));
    register(
        "allreduce",
        "halving-doubling",
        "Rabenseifner: reduce-scatter by recursive halving, all-gather by recursive doubling;"
            + " 2 log2(p) steps",
        false,
        false,
        (c, d, n, o) -> new HalvingDoublingAllreduce(c, d, n, o.reduceOp(), o.segmentElements()));
    register(
        "allreduce",
        "parameter-server",
        "every rank sends to rank 0, which reduces and sends the result back; (n-1) S at rank 0",
        false,
        false,
        (c, d, n, o) -> new ParameterServerAllreduce(c, d, n, o.reduceOp(), o.segmentElements()));
    register(
        "broadcast",
        "binomial",
        "segmented binomial tree from the root; ceil(log2 n) hops, pipelined",
        false,
        false,
        (c, d, n, o) -> new BinomialBroadcast(c, d, n, o.root(), o.segmentElements()));
    register(
        "allgather",
        "ring",
        "n-1 steps around a ring, each forwarding the block received in the step before",
        true,
        false,
        (c, d, n, o) -> new RingAllgather(c, d, n, o.segmentElements()));
    // Vendor collectives of transports built as separate modules (mvn -Pmpi), when present.
    for (CommunicatorProvider p : CommunicatorProvider.all()) {
      for (Entry e : p.collectives()) {
        ENTRIES.putIfAbsent(e.op() + "/" + e.algorithm(), e);
      }
    }
  }

  private CollectiveRegistry() {}

  static void register(
      String op,
      String algorithm,
      String description,
      boolean gathers,
      boolean needsTopology,
      Factory factory) {
    ENTRIES.put(
        op + "/" + algorithm,
        new Entry(op, algorithm, description, gathers, needsTopology, factory));
  }

  public static List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /** Registered ops, in registration order. */
  public static List<String> ops() {
    List<String> ops = new ArrayList<>();
    for (Entry e : ENTRIES.values()) {
      if (!ops.contains(e.op())) {
        ops.add(e.op());
      }
    }
    return ops;
  }

  /** Algorithms registered for {@code op}. */
  public static List<String> algorithms(String op) {
    return ENTRIES.values().stream().filter(e -> e.op().equals(op)).map(Entry::algorithm).toList();
  }

  /**
   * @throws IllegalArgumentException with a one-line message listing what is known
   */
  public static Entry get(String op, String algorithm) {
    if (!ops().contains(op)) {
      throw new IllegalArgumentException(
          "unknown op '" + op + "'; known: " + String.join(", ", ops()));
    }
    Entry e = ENTRIES.get(op + "/" + algorithm);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown algorithm '"
              + algorithm
              + "' for "
              + op
              + "; known: "
              + String.join(", ", algorithms(op)));
    }
    return e;
  }

  /** Builds the collective, checking the buffer and the topology first. */
  public static Collective create(
      String op,
      String algorithm,
      Communicator comm,
      Buf data,
      int count,
      CollectiveOptions options) {
    Entry e = get(op, algorithm);
    if (count < 0) {
      throw new IllegalArgumentException("count must be non-negative, got " + count);
    }
    int needed = e.bufferLength(count, comm.size());
    if (data.length() < needed) {
      throw new IllegalArgumentException(
          op
              + " of "
              + count
              + " elements on "
              + comm.size()
              + " ranks needs a buffer of "
              + needed
              + ", got "
              + data.length());
    }
    if (e.needsTopology()) {
      if (options.topology() == null) {
        throw new IllegalArgumentException(op + " needs a topology");
      }
      if (options.topology().size() != comm.size()) {
        throw new IllegalArgumentException(
            "topology "
                + options.topology().name()
                + " has n="
                + options.topology().size()
                + " but there are "
                + comm.size()
                + " ranks");
      }
    }
    if (options.root() < 0 || options.root() >= comm.size()) {
      throw new IllegalArgumentException(
          "root " + options.root() + " outside 0.." + (comm.size() - 1));
    }
    return e.factory().create(comm, data, count, options);
  }
}
