package org.gossipbench.collectives.comm;

import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DeviceBuffer;

/**
 * A communicator whose rank owns an accelerator and whose own collectives run on its memory ({@code
 * nccl}): what the sweep asks for its buffers under {@code --memory device}. A collective built on
 * a {@link DeviceBuffer}'s {@linkplain DeviceBuffer#host() mirror} that reports {@link
 * org.gossipbench.collectives.collective.Collective#onDevice()} reads and writes the device copy
 * instead.
 */
public interface DeviceCommunicator extends Communicator {

  /**
   * A zeroed buffer of {@code length} elements on this rank's device, with its host mirror.
   *
   * @throws CommunicatorException on one line when the device is out of memory
   */
  DeviceBuffer allocateDevice(DType type, int length);
}
