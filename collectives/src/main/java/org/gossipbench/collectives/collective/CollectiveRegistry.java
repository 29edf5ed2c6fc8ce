package org.gossipbench.collectives.collective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.topology.HierarchicalTopology;
import org.gossipbench.collectives.topology.Topology;

/**
 * The one place where op names map to {@link CollectiveOp}s and (op, algorithm) names map to
 * collective classes and their α–β counts; the same names appear in the CLI, the JMH
 * {@code @Param}s and the Arrow {@code op}/{@code algorithm} columns. A new algorithm is one class
 * and one {@link Entry} here; a new op is one {@link CollectiveOp} class, one {@link
 * #register(CollectiveOp)} and its algorithms. Thread-safe.
 */
public final class CollectiveRegistry {

  /** Builds a planned collective on one rank. */
  @FunctionalInterface
  public interface Factory {
    Collective create(Communicator comm, Buf data, int count, CollectiveOptions options);
  }

  /**
   * One registered algorithm of an op.
   *
   * @param op the name of a registered {@link CollectiveOp}
   * @param cost its α–β counts; empty when the model does not cover it (vendor collectives, whose
   *     algorithm is the library's choice)
   * @param transport the one transport it runs over (a vendor collective's); empty for any
   */
  public record Entry(
      String op,
      String algorithm,
      String description,
      Optional<CostModel> cost,
      Optional<String> transport,
      Factory factory) {

    public Entry {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(cost, "cost");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(factory, "factory");
    }

    /** An algorithm of ours: modelled, runs over every transport. */
    public static Entry of(
        String op, String algorithm, String description, CostModel cost, Factory factory) {
      return new Entry(op, algorithm, description, Optional.of(cost), Optional.empty(), factory);
    }

    /** A transport's own collective: not modelled, runs only over {@code transport}. */
    public static Entry vendor(
        String op, String algorithm, String description, String transport, Factory factory) {
      return new Entry(
          op, algorithm, description, Optional.empty(), Optional.of(transport), factory);
    }

    /** The op this algorithm computes. */
    public CollectiveOp operation() {
      return CollectiveRegistry.op(op);
    }

    public boolean needsTopology() {
      return operation().needsTopology();
    }

    public boolean gathers() {
      return operation().gathers();
    }

    public int bufferLength(int count, int n) {
      return operation().bufferLength(count, n);
    }

    /** Whether it can run over {@code transportName} (every entry of ours can). */
    public boolean runsOver(String transportName) {
      return transport.map(transportName::equals).orElse(true);
    }
  }

  /**
   * Undoes one registration on {@link #close()}: a test that registers a fake op closes it, so
   * later tests in the same JVM see the built-in registry.
   */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final Map<String, CollectiveOp> OPS = new LinkedHashMap<>();
  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(AllreduceOp.INSTANCE);
    register(NeighborAverageOp.INSTANCE);
    register(BroadcastOp.INSTANCE);
    register(AllgatherOp.INSTANCE);
    register(
        Entry.of(
            "allreduce",
            "ring",
            "reduce-scatter then all-gather around a ring; 2(n-1) steps of S/n",
            // every step waits for the one before
            (n, s, seg, t) -> new CostModel.Counts(2.0 * (n - 1), 2.0 * (n - 1) / n * s),
            (c, d, n, o) -> new RingAllreduce(c, d, n, o.reduceOp(), o.segmentElements())));
    register(
        Entry.of(
            "neighbor-average",
            "neighbor",
            "x_i <- sum_j w_ij x_j over the topology's in-neighbors, all received concurrently",
            // one round however many neighbors; their d messages share the link (SPEC's bound)
            (n, s, seg, t) -> new CostModel.Counts(1, (double) CostModel.maxInDegree(t) * s),
            (c, d, n, o) -> new NeighborAverage(c, d, n, o.topology(), o.segmentElements())));
    register(
        Entry.of(
            "allreduce",
            "halving-doubling",
            "Rabenseifner: reduce-scatter by recursive halving, all-gather by recursive doubling;"
                + " 2 log2(p) steps",
            (n, s, seg, t) ->
                new CostModel.Counts(
                    2.0 * (31 - Integer.numberOfLeadingZeros(n)), 2.0 * (n - 1) / n * s),
            (c, d, n, o) ->
                new HalvingDoublingAllreduce(c, d, n, o.reduceOp(), o.segmentElements())));
    register(
        Entry.of(
            "allreduce",
            "recursive-doubling",
            "MPICH's short-message allreduce: log2(p) steps, each swapping and adding the whole"
                + " buffer with the partner at distance 2^i",
            (n, s, seg, t) -> {
              int p = Integer.highestOneBit(n);
              // the fold and the result's return each add one step of S when n is not 2^k
              double folds = n == p ? 0 : 2;
              return new CostModel.Counts(
                  Integer.numberOfTrailingZeros(p) + folds,
                  (Integer.numberOfTrailingZeros(p) + folds) * (double) s);
            },
            (c, d, n, o) ->
                new RecursiveDoublingAllreduce(c, d, n, o.reduceOp(), o.segmentElements())));
    register(
        Entry.of(
            "allreduce",
            "auto",
            "by message size, as MPI libraries choose: recursive-doubling up to "
                + (AdaptiveAllreduce.RECURSIVE_DOUBLING_MAX_BYTES >> 10)
                + " KiB, halving-doubling up to n x "
                + (AdaptiveAllreduce.RING_MIN_STEP_BYTES >> 10)
                + " KiB, ring above",
            AdaptiveAllreduce::counts,
            (c, d, n, o) -> new AdaptiveAllreduce(c, d, n, o)));
    register(
        Entry.of(
            "allreduce",
            "parameter-server",
            "every rank sends to rank 0, which reduces and sends the result back; (n-1) S at rank 0",
            // all receives in one round, all sends in the next; the full-duplex server link
            // pipelines them by segment: (S/s + 1)(n-1)·s bytes' time
            (n, s, seg, t) -> new CostModel.Counts(2.0, (n - 1) * ((double) s + Math.min(s, seg))),
            (c, d, n, o) ->
                new ParameterServerAllreduce(c, d, n, o.reduceOp(), o.segmentElements())));
    register(
        new Entry(
            "broadcast",
            "binomial",
            "segmented binomial tree from the root; ceil(log2 n) hops, pipelined",
            Optional.empty(), // not fitted yet: no measurements to check a pipelined form
            Optional.empty(),
            (c, d, n, o) -> new BinomialBroadcast(c, d, n, o.root(), o.segmentElements())));
    register(
        new Entry(
            "allgather",
            "ring",
            "n-1 steps around a ring, each forwarding the block received in the step before",
            Optional.empty(),
            Optional.empty(),
            (c, d, n, o) -> new RingAllgather(c, d, n, o.segmentElements())));
    // Registered last: the allocation checks run the entries in this order, and a TCP broadcast's
    // root that runs ahead of its children grows the transport's staging pool (bounded, but
    // counted), which the hierarchical collective's timing before it made likely.
    register(
        Entry.of(
            "neighbor-average",
            "hierarchical",
            "hier:group=G:inter=T only: ring-allreduce inside each group, the group means averaged"
                + " over T by the groups' first ranks, then a binomial broadcast inside the group",
            // intra-group: the group's ring and the broadcast's hops; inter-group: the leaders'
            // one round, d·S on a leader's link (one leader per group, so per machine)
            (n, s, seg, t) -> {
              // any other topology is refused when the collective is built; price it as G = 1
              int g = t instanceof HierarchicalTopology h ? h.group() : 1;
              Topology inter = t instanceof HierarchicalTopology h ? h.inter() : t;
              int hops = 32 - Integer.numberOfLeadingZeros(g - 1);
              return CostModel.Counts.of(
                  new CostModel.Counts(2.0 * (g - 1) + hops, 2.0 * (g - 1) / g * s + hops * s),
                  new CostModel.Counts(1, (double) CostModel.maxInDegree(inter) * s));
            },
            (c, d, n, o) ->
                new HierarchicalNeighborAverage(c, d, n, o.topology(), o.segmentElements())));
    // Vendor collectives of transports built as separate modules (mvn -Pmpi), when present.
    for (CommunicatorProvider p : CommunicatorProvider.all()) {
      for (Entry e : p.collectives()) {
        if (!ENTRIES.containsKey(key(e.op(), e.algorithm()))) {
          register(e);
        }
      }
    }
  }

  private CollectiveRegistry() {}

  private static String key(String op, String algorithm) {
    return op + "/" + algorithm;
  }

  /**
   * Registers an op, before any of its algorithms. Public so that code outside this package, such
   * as the bench module's tests, can add an op and see every table, check and model pick it up.
   *
   * @throws IllegalArgumentException if an op of that name exists
   */
  public static synchronized Registration register(CollectiveOp op) {
    if (OPS.containsKey(op.name())) {
      throw new IllegalArgumentException("op '" + op.name() + "' is already registered");
    }
    OPS.put(op.name(), op);
    return () -> unregisterOp(op.name());
  }

  /**
   * Registers an algorithm of a registered op.
   *
   * @throws IllegalArgumentException if the op is unknown or the algorithm already registered
   */
  public static synchronized Registration register(Entry e) {
    op(e.op()); // names the known ops if it is not one of them
    String key = key(e.op(), e.algorithm());
    if (ENTRIES.containsKey(key)) {
      throw new IllegalArgumentException(key + " is already registered");
    }
    ENTRIES.put(key, e);
    return () -> unregisterEntry(key);
  }

  private static synchronized void unregisterOp(String name) {
    ENTRIES.values().removeIf(e -> e.op().equals(name));
    OPS.remove(name);
  }

  private static synchronized void unregisterEntry(String key) {
    ENTRIES.remove(key);
  }

  public static synchronized List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /** Registered ops that have at least one algorithm, in registration order. */
  public static synchronized List<String> ops() {
    List<String> ops = new ArrayList<>();
    for (String op : OPS.keySet()) {
      if (!algorithms(op).isEmpty()) {
        ops.add(op);
      }
    }
    return ops;
  }

  /** Algorithms registered for {@code op}. */
  public static synchronized List<String> algorithms(String op) {
    return ENTRIES.values().stream().filter(e -> e.op().equals(op)).map(Entry::algorithm).toList();
  }

  /**
   * @throws IllegalArgumentException with a one-line message listing the known ops
   */
  public static synchronized CollectiveOp op(String name) {
    CollectiveOp op = OPS.get(name);
    if (op == null) {
      throw new IllegalArgumentException(
          "unknown op '" + name + "'; known: " + String.join(", ", OPS.keySet()));
    }
    return op;
  }

  /**
   * @throws IllegalArgumentException with a one-line message listing what is known
   */
  public static synchronized Entry get(String op, String algorithm) {
    op(op);
    Entry e = ENTRIES.get(key(op, algorithm));
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
