package org.gossipbench.collectives.collective;

import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.transport.tcp.TcpRankMain;

/**
 * The conformance run every transport must pass, rank by rank, in its own processes: the TCP tests
 * start it through {@link TcpRankMain}, the MPI module's tests under mpirun (it ships in this
 * module's test jar).
 */
public final class CollectiveConformance {
  private static final String[] NONE = {"-"};

  private CollectiveConformance() {}

  /**
   * The topologies to run {@code e} over on n ranks: {@code defaults} for a topology-taking op, a
   * hierarchical one's own kind for the algorithm that runs only over {@code hier} (groups of 2
   * around the ring, where n is even, and the whole job as one group), none for the others.
   */
  public static String[] topologiesFor(CollectiveRegistry.Entry e, String[] defaults, int n) {
    if (!e.needsTopology()) {
      return NONE;
    }
    if (!e.algorithm().equals("hierarchical")) {
      return defaults;
    }
    return n % 2 == 0 && n > 2
        ? new String[] {
          "hier:group=2:inter=ring", "hier:group=2:inter=one-peer-exp", "hier:group=" + n
        }
        : new String[] {"hier:group=" + n};
  }

  /**
   * The counts to run {@code e} with: 0, 1, 1003 and 300 001 (several segments) for every
   * algorithm, and for {@code auto} also the counts on each side of each of its crossovers, so each
   * algorithm it can pick is checked where it starts and where it stops being picked.
   */
  public static int[] countsFor(CollectiveRegistry.Entry e, DType type, int n) {
    int[] common = {0, 1, 1003, 300_001};
    if (!e.algorithm().equals("auto")) {
      return common;
    }
    int rd = (int) (AdaptiveAllreduce.RECURSIVE_DOUBLING_MAX_BYTES / type.bytes());
    int hd = (int) (AdaptiveAllreduce.halvingDoublingMaxBytes(n) / type.bytes());
    return IntStream.concat(IntStream.of(common), IntStream.of(rd, rd + 1, hd, hd + 1)).toArray();
  }

  /**
   * How far {@code e}'s result may lie from the op's exact reference, relative: none, but for the
   * hierarchical average, which sums in the group, scales by 1/G and then mixes (a few roundings
   * more than the reference's one weighted sum).
   */
  public static double relativeTolerance(CollectiveRegistry.Entry e) {
    return e.algorithm().equals("hierarchical") ? 1e-6 : 0.0;
  }

  /**
   * Runs every registered algorithm of every registered op that runs over this transport (the
   * vendor ones of any transport module on the class path too) on {@code comm}: both element types,
   * on the heap and in direct memory, counts 0, 1, 1003 and 300 001 (several segments), every
   * reduce op, and four topologies for the ops that need one, three iterations each on fresh
   * inputs, each against the op's exact expected result (the same for both memories).
   *
   * @throws IllegalStateException naming the first wrong element
   */
  public static void check(Communicator comm) {
    int n = comm.size();
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      if (!e.runsOver(comm.transport())) {
        continue;
      }
      CollectiveOp op = e.operation();
      String[] topologies =
          topologiesFor(e, new String[] {"ring", "exp", "one-peer-exp", "base:k=2"}, n);
      double tolerance = relativeTolerance(e);
      for (String name : topologies) {
        Topology t = op.needsTopology() ? TopologyRegistry.create(name, n) : null;
        for (ReduceOp reduce : ReduceOp.values()) {
          CollectiveOptions o =
              CollectiveOptions.defaults()
                  .withReduceOp(reduce)
                  .withRoot(n - 1)
                  .withTopology(t)
                  .withSegmentElements(4096);
          for (DType type : DType.values()) {
            for (int count : countsFor(e, type, n)) {
              for (boolean direct : new boolean[] {false, true}) {
                int length = op.bufferLength(count, n);
                Buf data = direct ? Buf.allocateDirect(type, length) : Buf.allocate(type, length);
                Collective c =
                    CollectiveRegistry.create(e.op(), e.algorithm(), comm, data, count, o);
                for (int k = 0; k < 3; k++) {
                  op.fill(data, comm.rank(), count);
                  c.run(k);
                  IntToDoubleFunction exact = op.expected(type, comm.rank(), n, count, o, k);
                  for (int i = 0; i < data.length(); i++) {
                    double expected = exact.applyAsDouble(i);
                    require(
                        Math.abs(data.getDouble(i) - expected) <= tolerance * Math.abs(expected),
                        e,
                        name
                            + " "
                            + reduce.label()
                            + (direct ? " direct" : " heap")
                            + " iteration "
                            + k,
                        type,
                        count,
                        i);
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private static void require(
      boolean ok, CollectiveRegistry.Entry e, String variant, DType type, int count, int i) {
    if (!ok) {
      throw new IllegalStateException(
          e.op()
              + "/"
              + e.algorithm()
              + " "
              + variant
              + " "
              + type.label()
              + " count "
              + count
              + ": element "
              + i
              + " wrong");
    }
  }

  /**
   * Whether every planned collective runs allocation-free on {@code comm}, on heap and on direct
   * buffers: after warm-up, the quietest of five windows of 300 iterations may allocate less than 2
   * KiB (the measurement's own arrays; one allocation per iteration would be several KiB), counted
   * over every thread of this process, so a transport's own reader and writer threads count too.
   * Prints one line per collective. A transport's own (vendor) collectives are measured and printed
   * but not judged: what their bindings allocate is theirs.
   */
  public static boolean allocationFree(Communicator comm, java.io.PrintStream out) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int n = comm.size();
    int count = 3000;
    boolean ok = true;
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      if (!e.runsOver(comm.transport())) {
        continue;
      }
      String[] topologies = topologiesFor(e, new String[] {"ring", "one-peer-exp"}, n);
      for (String t : topologies) {
        for (boolean direct : new boolean[] {false, true}) {
          CollectiveOptions o =
              CollectiveOptions.defaults()
                  .withSegmentElements(512)
                  .withReduceOp(ReduceOp.AVG)
                  .withTopology(t.equals("-") ? null : TopologyRegistry.create(t, n));
          int length = e.bufferLength(count, n);
          Buf data =
              direct
                  ? Buf.allocateDirect(DType.FLOAT32, length)
                  : Buf.allocate(DType.FLOAT32, length);
          Collective c = CollectiveRegistry.create(e.op(), e.algorithm(), comm, data, count, o);
          long k = 0;
          for (; k < 100; k++) {
            c.run(k);
          }
          // Five windows, the smallest counts: a one-time cost (a class initialized, a lock
          // inflated
          // on first contention) lands in some of them; a per-iteration one lands in all. A bounded
          // growth is one-time too: a broadcast's root, which waits for nobody on a buffered
          // transport, runs ahead of its children within a window (each starts at a barrier), and
          // the TCP reader grows its staging pool whenever that lead beats every earlier window's.
          long bytes = Long.MAX_VALUE;
          for (int window = 0; window < 5; window++) {
            comm.barrier();
            long before = allocatedByAllThreads(bean);
            for (int i = 0; i < 300; i++) {
              c.run(k++);
            }
            bytes = Math.min(bytes, allocatedByAllThreads(bean) - before);
          }
          comm.barrier();
          boolean vendor = e.transport().isPresent();
          out.println(
              "rank "
                  + comm.rank()
                  + " allocated "
                  + bytes
                  + " bytes in 300 iterations of "
                  + e.op()
                  + "/"
                  + e.algorithm()
                  + " "
                  + t
                  + (direct ? " direct" : " heap")
                  + (vendor ? " (the bindings', not judged)" : ""));
          ok &= vendor || bytes < 2048;
        }
      }
    }
    return ok;
  }

  private static long allocatedByAllThreads(com.sun.management.ThreadMXBean bean) {
    long sum = 0;
    for (long b : bean.getThreadAllocatedBytes(bean.getAllThreadIds())) {
      sum += Math.max(0, b);
    }
    return sum;
  }
}
