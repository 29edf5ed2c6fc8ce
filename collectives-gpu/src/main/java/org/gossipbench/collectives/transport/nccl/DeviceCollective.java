package org.gossipbench.collectives.transport.nccl;

import org.bytedeco.cuda.global.nccl;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.Collective;

/**
 * What the nccl transport's collectives share: where the data lies on the device. Built on the
 * mirror of a {@link NcclDeviceBuffer} ({@code --memory device}) a collective works on that
 * buffer's device memory and leaves the mirror alone ({@link #onDevice()}); built on host memory it
 * copies the data to device scratch of its own before and back after every run, inside the timed
 * region, since that is what host data costs on a GPU. Either way {@link #run} returns once the
 * stream has drained, so the caller's clock covers the device's work.
 */
abstract class DeviceCollective implements Collective {
  protected final NcclCommunicator comm;
  protected final Buf data;
  protected final int count;
  protected final DType type;
  protected final int ncclType;

  /** Device address of data[0]. */
  protected final long address;

  private final int length;
  private final NcclDeviceBuffer staging; // null when the data lives on the device
  private final String waitWhat; // made once: the hot path builds no strings
  private final String groupEndWhat;

  DeviceCollective(NcclCommunicator comm, Buf data, int count, int length, String name) {
    this.comm = comm;
    this.data = data;
    this.count = count;
    this.length = length;
    this.type = data.dtype();
    this.ncclType = NcclCommunicator.ncclType(type);
    this.waitWhat = name;
    this.groupEndWhat = "ncclGroupEnd of " + name;
    NcclDeviceBuffer device = comm.deviceOf(data);
    if (device != null) {
      staging = null;
      address = device.address();
    } else {
      staging = comm.staging(type, length);
      address = staging.address();
    }
  }

  @Override
  public final int count() {
    return count;
  }

  @Override
  public final boolean onDevice() {
    return staging == null;
  }

  @Override
  public final void run(long iteration) {
    if (staging != null) {
      data.copyTo(0, staging.host(), 0, length);
      staging.upload();
    }
    enqueue(iteration);
    comm.awaitStream(waitWhat);
    if (staging != null) {
      staging.download();
      staging.host().copyTo(0, data, 0, length);
    }
  }

  /** Queues the collective on the communicator's stream; must not wait for it. */
  protected abstract void enqueue(long iteration);

  protected final void groupStart() {
    comm.nccl(nccl.ncclGroupStart(), "ncclGroupStart");
  }

  /** {@code ncclGroupEnd} under the watchdog: it may block while NCCL connects to a peer. */
  protected final void groupEnd() {
    comm.enterBlocking(groupEndWhat);
    try {
      comm.nccl(nccl.ncclGroupEnd(), groupEndWhat);
    } finally {
      comm.exitBlocking();
    }
  }
}
