package org.gossipbench.bench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.gossipbench.bench.model.AlphaBetaModel;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOp;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.CostModel;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.Request;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.results.CollectiveMeasurement;
import org.junit.jupiter.api.Test;

/**
 * A new op is one class and one registration: this file alone adds a ring shift (rank r ends with
 * rank r−1's buffer), and the sweep driver, its #wrong check, its bus factor and the α–β model take
 * it up without any other file knowing it.
 */
class NewOpTest {
  private static final int N = 4;

  /** x_r &larr; x_{r−1}: one send to the right, one receive from the left. */
  static final class RingShiftOp implements CollectiveOp {
    @Override
    public String name() {
      return "ring-shift";
    }

    @Override
    public String defaultAlgorithm() {
      return "direct";
    }

    @Override
    public boolean needsTopology() {
      return false;
    }

    @Override
    public IntToDoubleFunction expected(
        DType type, int rank, int n, int count, CollectiveOptions options, long iteration) {
      int left = Math.floorMod(rank - 1, n);
      return i -> CollectiveOp.input(left, i);
    }

    /** Send/recv: busbw = algbw (SPEC &sect;5). */
    @Override
    public double busBandwidthFactor(int n, int rank, Topology topology, long iteration) {
      return 1;
    }
  }

  /** Receives into scratch, then copies all but the last {@code lost} elements into place. */
  static final class DirectShift implements Collective {
    private final Buf data;
    private final Buf scratch;
    private final int count;
    private final int lost;
    private final Request send;
    private final Request recv;

    DirectShift(Communicator comm, Buf data, int count, int lost) {
      int n = comm.size();
      this.data = data;
      this.count = count;
      this.lost = Math.min(lost, count);
      this.scratch = Buf.allocate(data.dtype(), count);
      this.send = comm.sendInit(data, 0, count, (comm.rank() + 1) % n, 0x5100_0000);
      this.recv = comm.recvInit(scratch, 0, count, Math.floorMod(comm.rank() - 1, n), 0x5100_0000);
    }

    @Override
    public String op() {
      return "ring-shift";
    }

    @Override
    public String algorithm() {
      return lost == 0 ? "direct" : "lossy";
    }

    @Override
    public int count() {
      return count;
    }

    @Override
    public void run(long iteration) {
      recv.start();
      send.start();
      send.await();
      recv.await();
      scratch.copyTo(0, data, 0, count - lost);
    }

    @Override
    public double busBandwidthFactor(long iteration) {
      return 1;
    }
  }

  private static CollectiveRegistry.Entry entry(String algorithm, int lost) {
    return CollectiveRegistry.Entry.of(
        "ring-shift",
        algorithm,
        "one message to the right neighbor",
        (n, s, segment, t) -> new CostModel.Counts(1, s),
        (c, d, count, o) -> new DirectShift(c, d, count, lost));
  }

  private static SweepConfig config(String algorithm) {
    return new SweepConfig(
        "ring-shift",
        algorithm,
        "ring",
        N,
        4096,
        16384,
        2,
        3,
        1,
        true,
        DType.FLOAT32,
        ReduceOp.SUM,
        "local",
        Duration.ofSeconds(30),
        1 << 20,
        1,
        "heap");
  }

  private static List<SweepRow> sweep(String algorithm, List<CollectiveMeasurement> measurements) {
    List<SweepRow> rows = new ArrayList<>();
    try (Job job = new TransportConfig().ranks(N).join()) {
      CollectiveSweep.run(config(algorithm), job, rows::add, measurements::add);
    }
    return rows;
  }

  @Test
  void aRegisteredOpIsSweptCheckedAndModelledWithoutAnyOtherFileKnowingIt() {
    try (CollectiveRegistry.Registration op = CollectiveRegistry.register(new RingShiftOp());
        CollectiveRegistry.Registration direct = CollectiveRegistry.register(entry("direct", 0));
        CollectiveRegistry.Registration lossy = CollectiveRegistry.register(entry("lossy", 1))) {
      assertTrue(CollectiveRegistry.ops().contains("ring-shift"));

      List<CollectiveMeasurement> measurements = new ArrayList<>();
      List<SweepRow> rows = sweep("direct", measurements);
      assertEquals(List.of(4096L, 8192L, 16384L), rows.stream().map(SweepRow::bytes).toList());
      for (SweepRow row : rows) {
        assertEquals(0, row.wrong(), "bytes " + row.bytes());
        assertEquals(1.0, row.busFactor(), 0.0);
        assertEquals(row.algbwGBps(), row.busbwGBps(), 0.0);
      }
      assertEquals(3 * 3 * N, measurements.size()); // sizes x iterations x ranks
      for (CollectiveMeasurement m : measurements) {
        assertEquals("ring-shift", m.op());
        assertEquals(m.bytes(), m.bytesSent());
        assertEquals(m.bytes(), m.bytesReceived());
      }

      // The check is the op's: an algorithm that drops one element per rank is caught.
      for (SweepRow row : sweep("lossy", new ArrayList<>())) {
        assertEquals(N, row.wrong(), "bytes " + row.bytes());
      }

      AlphaBetaModel.Observation o =
          AlphaBetaModel.observe("ring-shift", "direct", "-", N, 8192, 1 << 20, 1e-3, 1);
      assertEquals(1, o.rounds());
      assertEquals(8192, o.bytes(), 0.0);
      assertEquals("ring-shift/direct n=4 S=8192", o.label());
    }
    assertFalse(CollectiveRegistry.ops().contains("ring-shift"));
  }
}
