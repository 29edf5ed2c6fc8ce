package org.gossipbench.collectives.transport.nccl;

import org.bytedeco.cuda.global.nccl;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.ReduceOp;

/**
 * The vendor's allreduce, {@code ncclAllReduce} in place with {@code ncclSum} (NCCL picks ring,
 * tree or NVLS by size and topology), as the baseline our ring over {@code ncclSend}/{@code
 * ncclRecv} is compared with. For {@link ReduceOp#AVG} the sum is scaled by 1/n afterwards on the
 * device, as ours is: {@code ncclAvg} may pre-multiply each input by 1/n, which rounds differently
 * from the exact result the check expects.
 */
final class NcclAllreduce extends DeviceCollective {
  private final ReduceOp reduceOp;
  private final DeviceAddress.Bytes buffer = new DeviceAddress.Bytes();

  NcclAllreduce(NcclCommunicator comm, Buf data, int count, ReduceOp reduceOp) {
    super(comm, data, count, count, "ncclAllReduce");
    this.reduceOp = reduceOp;
    buffer.at(address);
  }

  @Override
  public String op() {
    return "allreduce";
  }

  @Override
  public String algorithm() {
    return "nccl";
  }

  @Override
  protected void enqueue(long iteration) {
    int n = comm.size();
    if (count == 0) {
      return;
    }
    // Called with one rank too: what NCCL itself costs then (a launch) is part of the baseline.
    comm.enterBlocking("ncclAllReduce");
    try {
      comm.nccl(
          nccl.ncclAllReduce(
              buffer, buffer, count, ncclType, nccl.ncclSum, comm.nccl(), comm.stream()),
          "ncclAllReduce");
    } finally {
      comm.exitBlocking();
    }
    if (reduceOp == ReduceOp.AVG && n > 1) {
      comm.scale(type, address, count, 1.0 / n);
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    int n = comm.size();
    return 2.0 * (n - 1) / n;
  }
}
