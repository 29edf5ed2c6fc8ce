package org.gossipbench.collectives.comm;

import java.time.Duration;
import org.gossipbench.collectives.comm.tcp.TcpCommunicator;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;

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
            rank,
            n,
            System.getenv("GOSSIPBENCH_MASTER_ADDR"),
            Integer.parseInt(System.getenv("GOSSIPBENCH_MASTER_PORT")),
            System.getenv("GOSSIPBENCH_TOKEN"),
            "127.0.0.1",
            timeout)) {
      if (args[0].equals("loop")) {
        loop(comm);
      } else {
        check(comm);
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

  private static void check(Communicator comm) {
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
