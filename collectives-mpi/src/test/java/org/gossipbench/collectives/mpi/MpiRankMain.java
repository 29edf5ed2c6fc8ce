package org.gossipbench.collectives.mpi;

import java.time.Duration;
import org.gossipbench.collectives.comm.Buf;
import org.gossipbench.collectives.comm.Collective;
import org.gossipbench.collectives.comm.CollectiveConformance;
import org.gossipbench.collectives.comm.CollectiveOptions;
import org.gossipbench.collectives.comm.CollectiveRegistry;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.DType;
import org.gossipbench.collectives.comm.ReduceOp;
import org.gossipbench.collectives.comm.Request;
import org.gossipbench.collectives.topology.TopologyRegistry;

/**
 * One rank of a test job under mpirun. Mode {@code check} runs the conformance suite (every
 * collective of ours and the vendor's); mode {@code stall} has rank 1 sleep instead of sending
 * (bounded: 60 s), so rank 0's receive must time out naming it; mode {@code join} only joins, for
 * the error when no launcher or no library is there.
 */
public final class MpiRankMain {
  private MpiRankMain() {}

  public static void main(String[] args) throws InterruptedException {
    Duration timeout = Duration.ofSeconds(Long.parseLong(args.length > 1 ? args[1] : "60"));
    MpiCommunicator comm;
    try {
      comm = MpiCommunicator.join(timeout);
    } catch (CommunicatorException e) {
      System.err.println("gossipbench: error: " + e.getMessage());
      System.exit(2);
      return;
    }
    switch (args[0]) {
      case "check" -> {
        CollectiveConformance.check(comm);
        System.out.println("rank " + comm.rank() + " ok, sent " + comm.bytesSent() + " bytes");
      }
      case "stall" -> {
        Buf b = Buf.allocate(DType.FLOAT32, 16);
        if (comm.rank() == 1) {
          Thread.sleep(60_000);
        } else if (comm.rank() == 0) {
          Request r = comm.recvInit(b, 0, 16, 1, 7);
          r.start();
          try {
            r.await();
          } catch (CommunicatorException e) {
            System.err.println("gossipbench: error: " + e.getMessage());
            System.err.flush();
            comm.abort(e);
          }
        }
      }
      case "alloc" -> allocations(comm);
      default -> System.out.println("rank " + comm.rank() + " of " + comm.size() + " joined");
    }
    comm.close();
  }

  /**
   * Bytes this rank's thread allocates over 300 iterations of each planned collective, after
   * warm-up: ours must allocate nothing per iteration (a few hundred bytes of slack for the JIT);
   * the vendor's are printed, since what the bindings allocate is theirs.
   */
  private static void allocations(MpiCommunicator comm) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int n = comm.size();
    int count = 3000;
    boolean ok = true;
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      for (String t :
          e.needsTopology() ? new String[] {"ring", "one-peer-exp"} : new String[] {"-"}) {
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
        comm.barrier();
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 300; i++) {
          c.run(k++);
        }
        long bytes = bean.getCurrentThreadAllocatedBytes() - before;
        boolean vendor = e.algorithm().equals("vendor");
        System.out.println(
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
                + (vendor ? " (the bindings')" : ""));
        ok &= vendor || bytes < 2048;
      }
    }
    System.out.println("rank " + comm.rank() + (ok ? " ok" : " allocates per iteration"));
  }
}
