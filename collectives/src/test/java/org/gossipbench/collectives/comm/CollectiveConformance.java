package org.gossipbench.collectives.comm;

import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;

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
}
