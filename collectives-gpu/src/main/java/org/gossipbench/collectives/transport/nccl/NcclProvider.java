package org.gossipbench.collectives.transport.nccl;

import java.util.List;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.SingleRankJob;
import org.gossipbench.collectives.comm.TransportConfig;

/**
 * Registers {@code --transport nccl} and its device algorithms: {@code allreduce/nccl} (the
 * vendor's {@code ncclAllReduce}), {@code allreduce/nccl-ring} (our ring over {@code
 * ncclSend}/{@code ncclRecv}) and {@code neighbor-average/nccl} (grouped sends and receives to the
 * step's neighbors, the weighted sum by cuBLAS). Named after the transport rather than {@code
 * vendor}, so a build with both -Pmpi and -Pgpu registers both transports' baselines. Found through
 * ServiceLoader; loading this class loads no native code: {@link #join} probes ({@link NcclProbe})
 * and refuses with the probe's one line on a machine without a GPU, driver or NCCL.
 */
public final class NcclProvider implements CommunicatorProvider {

  @Override
  public String transport() {
    return "nccl";
  }

  @Override
  public String description() {
    return "one rank per process and GPU under gossipbench launch (or alone), NCCL on device"
        + " memory (needs a build with -Pgpu, a GPU, its driver and libnccl.so.2)";
  }

  /**
   * @throws IllegalArgumentException with the probe's one line when this machine cannot run NCCL
   *     (the CLI's bad-input exit, 2: nothing about the job failed, the machine lacks a part)
   */
  @Override
  public Job join(TransportConfig config) {
    return new SingleRankJob(NcclCommunicator.join(config));
  }

  @Override
  public List<CollectiveRegistry.Entry> collectives() {
    return List.of(
        CollectiveRegistry.Entry.vendor(
            "allreduce",
            "nccl",
            "ncclAllReduce (NCCL's own choice of ring, tree or NVLS) on device memory;"
                + " --transport nccl only",
            transport(),
            (c, d, n, o) -> new NcclAllreduce(nccl(c, "allreduce/nccl"), d, n, o.reduceOp())),
        CollectiveRegistry.Entry.vendor(
            "allreduce",
            "nccl-ring",
            "our ring (reduce-scatter, all-gather) over grouped ncclSend/ncclRecv, sums by cuBLAS"
                + " on the device; --transport nccl only",
            transport(),
            (c, d, n, o) ->
                new NcclRingAllreduce(nccl(c, "allreduce/nccl-ring"), d, n, o.reduceOp())),
        CollectiveRegistry.Entry.vendor(
            "neighbor-average",
            "nccl",
            "one NCCL group of sends and receives to the step's neighbors, then the weighted sum"
                + " by cuBLAS on the device; static or periodic topologies; --transport nccl only",
            transport(),
            (c, d, n, o) ->
                new NcclNeighborAverage(nccl(c, "neighbor-average/nccl"), d, n, o.topology())));
  }

  private static NcclCommunicator nccl(Communicator c, String name) {
    if (c instanceof NcclCommunicator m) {
      return m;
    }
    throw new IllegalArgumentException(
        name + " runs only over --transport nccl, not " + c.transport());
  }
}
