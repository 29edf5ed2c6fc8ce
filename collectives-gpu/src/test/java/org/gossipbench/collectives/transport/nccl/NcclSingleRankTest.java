package org.gossipbench.collectives.transport.nccl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DeviceBuffer;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOp;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One rank on this machine's GPU: device buffers and every nccl algorithm, checked exactly. Skips
 * with the probe's reason where there is no GPU; several ranks are checked by ci/gpu-verify.sh,
 * which starts one process per rank.
 */
class NcclSingleRankTest {

  @BeforeEach
  void needsAGpu() {
    NcclProbe.Result probe = NcclProbe.probe();
    assumeTrue(probe.available(), probe.reason());
  }

  @ParameterizedTest
  @CsvSource({
    "allreduce,nccl,float32,sum",
    "allreduce,nccl,float64,avg",
    "allreduce,nccl-ring,float32,avg",
    "neighbor-average,nccl,float32,sum",
    "neighbor-average,nccl,float64,sum"
  })
  void shouldComputeTheExactResultOnDeviceAndHostMemory(
      String op, String algorithm, String dtype, String reduce) {
    try (Job job = new TransportConfig().transport("nccl").environment(Map.of()).join()) {
      job.run(comm -> check(comm, op, algorithm, DType.parse(dtype), ReduceOp.parse(reduce)));
    }
  }

  private static void check(
      Communicator comm, String op, String algorithm, DType type, ReduceOp reduce) {
    NcclCommunicator nccl = (NcclCommunicator) comm;
    CollectiveOp o = CollectiveRegistry.op(op);
    CollectiveOptions options =
        CollectiveOptions.defaults()
            .withReduceOp(reduce)
            .withTopology(TopologyRegistry.create(TopologySpec.parse("ring"), 1, 1));
    int count = 1_000_003;
    try (DeviceBuffer device = nccl.allocateDevice(type, count)) {
      Collective c = CollectiveRegistry.create(op, algorithm, comm, device.host(), count, options);
      assertTrue(c.onDevice());
      o.fill(device.host(), 0, count);
      device.upload();
      for (int i = 0; i < count; i++) {
        device.host().setDouble(i, -7); // the device copy must be what comes back
      }
      c.run(0);
      device.download();
      assertEquals(0, o.wrong(device.host(), 0, 1, count, options, 0));
    }
    org.gossipbench.collectives.buffer.Buf heap =
        org.gossipbench.collectives.buffer.Buf.allocate(type, count);
    Collective h = CollectiveRegistry.create(op, algorithm, comm, heap, count, options);
    assertTrue(!h.onDevice());
    o.fill(heap, 0, count);
    h.run(1);
    assertEquals(0, o.wrong(heap, 0, 1, count, options, 1));
  }
}
