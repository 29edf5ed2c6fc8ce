package org.gossipbench.collectives.transport.nccl;

import org.bytedeco.cuda.global.nccl;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.ReduceOp;

/**
 * Our ring allreduce on the device: the {@link RingSchedule}'s n − 1 reduce-scatter steps, each a
 * grouped {@code ncclSend} to the next rank and {@code ncclRecv} from the previous one into device
 * scratch followed by the block's sum on the device (cuBLAS axpy with α = 1, exact), then n − 1
 * all-gather steps received in place. Every step is queued on the rank's one stream, whose order
 * makes each sum wait for its receive and each send wait for the sum before it, so the whole
 * allreduce is queued without a host round trip and waited for once. NCCL moves each block in its
 * own pipelined chunks, so no segmenting of ours is layered on top.
 */
final class NcclRingAllreduce extends DeviceCollective {
  private final ReduceOp reduceOp;
  private final RingSchedule schedule;
  private final NcclDeviceBuffer scratch;
  private final DeviceAddress.Bytes sendAt = new DeviceAddress.Bytes();
  private final DeviceAddress.Bytes recvAt = new DeviceAddress.Bytes();

  NcclRingAllreduce(NcclCommunicator comm, Buf data, int count, ReduceOp reduceOp) {
    super(comm, data, count, count, "allreduce/nccl-ring");
    this.reduceOp = reduceOp;
    this.schedule = new RingSchedule(count, comm.size(), comm.rank());
    this.scratch = comm.scratch(type, schedule.maxBlockLength());
  }

  @Override
  public String op() {
    return "allreduce";
  }

  @Override
  public String algorithm() {
    return "nccl-ring";
  }

  @Override
  protected void enqueue(long iteration) {
    int n = comm.size();
    if (n == 1 || count == 0) {
      return;
    }
    long elementBytes = type.bytes();
    for (int s = 0; s < schedule.steps(); s++) {
      int sendBlock = schedule.reduceScatterSendBlock(s);
      int recvBlock = schedule.reduceScatterRecvBlock(s);
      int sendLength = schedule.blockLength(sendBlock);
      int recvLength = schedule.blockLength(recvBlock);
      exchange(
          address + schedule.blockStart(sendBlock) * elementBytes,
          sendLength,
          scratch.address(),
          recvLength);
      comm.add(
          type,
          address + schedule.blockStart(recvBlock) * elementBytes,
          scratch.address(),
          recvLength);
    }
    if (reduceOp == ReduceOp.AVG) {
      int owned = schedule.ownedBlock();
      comm.scale(
          type,
          address + schedule.blockStart(owned) * elementBytes,
          schedule.blockLength(owned),
          1.0 / n);
    }
    for (int s = 0; s < schedule.steps(); s++) {
      int sendBlock = schedule.allGatherSendBlock(s);
      int recvBlock = schedule.allGatherRecvBlock(s);
      exchange(
          address + schedule.blockStart(sendBlock) * elementBytes,
          schedule.blockLength(sendBlock),
          address + schedule.blockStart(recvBlock) * elementBytes,
          schedule.blockLength(recvBlock));
    }
  }

  /** One grouped step: send to the next rank, receive from the previous; empty blocks skipped. */
  private void exchange(long send, int sendLength, long recv, int recvLength) {
    if (sendLength == 0 && recvLength == 0) {
      return;
    }
    groupStart();
    if (sendLength > 0) {
      comm.nccl(
          nccl.ncclSend(
              sendAt.at(send), sendLength, ncclType, schedule.next(), comm.nccl(), comm.stream()),
          "ncclSend");
      comm.countSent((long) sendLength * type.bytes());
    }
    if (recvLength > 0) {
      comm.nccl(
          nccl.ncclRecv(
              recvAt.at(recv),
              recvLength,
              ncclType,
              schedule.previous(),
              comm.nccl(),
              comm.stream()),
          "ncclRecv");
      comm.countReceived((long) recvLength * type.bytes());
    }
    groupEnd();
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    int n = comm.size();
    return 2.0 * (n - 1) / n;
  }
}
