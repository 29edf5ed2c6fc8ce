package org.gossipbench.collectives.transport.tcp;

import java.time.Duration;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveConformance;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.launch.LaunchEnvironment;

/**
 * One rank of a multi-process TCP test, configured by GOSSIPBENCH_* variables. Mode {@code check}
 * runs every registered collective against the reference and exits 0 when all match; mode {@code
 * loop} runs allreduce until killed (bounded: 2 minutes).
 */
public final class TcpRankMain {
  private TcpRankMain() {}

  public static void main(String[] args) {
    int rank = Integer.parseInt(System.getenv("GOSSIPBENCH_RANK"));
    int n = Integer.parseInt(System.getenv("GOSSIPBENCH_WORLD_SIZE"));
    Duration timeout =
        Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("GOSSIPBENCH_TIMEOUT", "60")));
    try (TcpCommunicator comm =
        TcpCommunicator.connect(
            LaunchEnvironment.detect().orElseThrow(), "127.0.0.1", null, timeout)) {
      if (args[0].equals("loop")) {
        loop(comm);
      } else if (args[0].equals("alloc")) {
        if (!CollectiveConformance.allocationFree(comm, System.out)) {
          System.out.println("rank " + rank + " allocates per iteration");
          System.exit(1);
        }
      } else {
        CollectiveConformance.check(comm);
      }
      System.out.println("rank " + rank + " ok, sent " + comm.bytesSent() + " bytes");
    } catch (RuntimeException e) {
      System.err.println("rank " + rank + " failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void loop(Communicator comm) {
    Buf data = Buf.allocate(DType.FLOAT32, 1 << 20);
    Collective c =
        CollectiveRegistry.create(
            "allreduce",
            "ring",
            comm,
            data,
            1 << 20,
            CollectiveOptions.defaults().withReduceOp(ReduceOp.AVG));
    long end = System.nanoTime() + 120_000_000_000L;
    for (long k = 0; System.nanoTime() < end; k++) {
      c.run(k);
      System.out.println("iteration " + k);
    }
  }
}
