package org.gossipbench.collectives.transport.mpi;

import java.time.Duration;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.CollectiveConformance;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.Request;

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
      case "alloc" ->
          System.out.println(
              "rank "
                  + comm.rank()
                  + (CollectiveConformance.allocationFree(comm, System.out)
                      ? " ok"
                      : " allocates per iteration"));
      default -> System.out.println("rank " + comm.rank() + " of " + comm.size() + " joined");
    }
    comm.close();
  }
}
