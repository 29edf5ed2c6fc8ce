package org.gossipbench.collectives.collective;

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
  private CollectiveConformance() {}

  /**
   * Runs every registered collective (the vendor ones of any transport module on the class path
   * too) on {@code comm}: both element types, counts 0, 1, 1003 and 300 001 (several segments),
   * every reduce op, and four topologies for neighbor averaging, each against the exact reference.
   *
   * @throws IllegalStateException naming the first wrong element
   */
  public static void check(Communicator comm) {
    int n = comm.size();
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      for (DType type : DType.values()) {
        for (int count : new int[] {0, 1, 1003, 300_001}) {
          if (e.needsTopology()) {
            for (String name : new String[] {"ring", "exp", "one-peer-exp", "base:k=2"}) {
              Topology t = TopologyRegistry.create(name, n);
              double[][] expected = CollectiveReference.neighborAverage(type, t, count, 3);
              Buf data = CollectiveReference.inputBuffer(type, comm.rank(), count);
              Collective c =
                  CollectiveRegistry.create(
                      e.op(),
                      e.algorithm(),
                      comm,
                      data,
                      count,
                      CollectiveOptions.defaults().withTopology(t).withSegmentElements(4096));
              for (int k = 0; k < 3; k++) {
                c.run(k);
              }
              for (int i = 0; i < count; i++) {
                require(data.getDouble(i) == expected[comm.rank()][i], e, name, type, count, i);
              }
            }
            continue;
          }
          for (ReduceOp reduce : ReduceOp.values()) {
            int root = n - 1;
            CollectiveOptions o =
                CollectiveOptions.defaults()
                    .withReduceOp(reduce)
                    .withRoot(root)
                    .withSegmentElements(65536);
            Buf data = Buf.allocate(type, e.bufferLength(count, n));
            Collective c = CollectiveRegistry.create(e.op(), e.algorithm(), comm, data, count, o);
            for (int k = 0; k < 2; k++) {
              for (int i = 0; i < data.length(); i++) {
                data.setDouble(i, -1);
              }
              int base = e.op().equals("allgather") ? comm.rank() * count : 0;
              for (int i = 0; i < count; i++) {
                data.setDouble(base + i, CollectiveReference.input(comm.rank(), i));
              }
              c.run(k);
            }
            for (int i = 0; i < data.length(); i++) {
              double expected =
                  switch (e.op()) {
                    case "allreduce" -> CollectiveReference.allreduce(type, reduce, n, i);
                    case "broadcast" -> CollectiveReference.input(root, i);
                    case "allgather" -> CollectiveReference.input(i / count, i % count);
                    default -> throw new IllegalStateException(e.op());
                  };
              require(data.getDouble(i) == expected, e, reduce.label(), type, count, i);
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
   * Whether every planned collective runs allocation-free on {@code comm}: after warm-up, the
   * quieter of two windows of 300 iterations may allocate less than 2 KiB (the measurement's own
   * arrays; one allocation per iteration would be several KiB), counted over every thread of this
   * process, so a transport's own reader and writer threads count too. Prints one line per
   * collective. The vendor collectives of other transports are measured and printed but not judged:
   * what their bindings allocate is theirs.
   */
  public static boolean allocationFree(Communicator comm, java.io.PrintStream out) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int n = comm.size();
    int count = 3000;
    boolean ok = true;
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      String[] topologies =
          e.needsTopology() ? new String[] {"ring", "one-peer-exp"} : new String[] {"-"};
      for (String t : topologies) {
        CollectiveOptions o =
            CollectiveOptions.defaults()
                .withSegmentElements(512)
                .withReduceOp(ReduceOp.AVG)
                .withTopology(t.equals("-") ? null : TopologyRegistry.create(t, n));
        Buf data = Buf.allocate(DType.FLOAT32, e.bufferLength(count, n));
        Collective c = CollectiveRegistry.create(e.op(), e.algorithm(), comm, data, count, o);
        long k = 0;
        for (; k < 100; k++) {
          c.run(k);
        }
        // Two windows, the smaller counts: a one-time cost (a class initialized, a lock inflated
        // on first contention) lands in one of them; a per-iteration one lands in both.
        long bytes = Long.MAX_VALUE;
        for (int window = 0; window < 2; window++) {
          comm.barrier();
          long before = allocatedByAllThreads(bean);
          for (int i = 0; i < 300; i++) {
            c.run(k++);
          }
          bytes = Math.min(bytes, allocatedByAllThreads(bean) - before);
        }
        comm.barrier();
        boolean vendor = e.algorithm().equals("vendor");
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
                + (vendor ? " (the bindings', not judged)" : ""));
        ok &= vendor || bytes < 2048;
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
