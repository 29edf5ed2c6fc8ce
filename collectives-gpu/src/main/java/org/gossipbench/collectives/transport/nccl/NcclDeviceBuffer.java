package org.gossipbench.collectives.transport.nccl;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DeviceBuffer;
import org.gossipbench.collectives.buffer.DirectBuf;

/**
 * A {@link DeviceBuffer} on one rank's GPU ({@code cudaMalloc}) with a direct-memory host mirror;
 * copies go through the communicator's stream and return once it has drained them. Also the scratch
 * memory of the planned collectives ({@link #address()} plus an offset).
 */
final class NcclDeviceBuffer implements DeviceBuffer {
  private final NcclCommunicator comm;
  private final DType type;
  private final int length;
  private final long bytes;
  private final DirectBuf host; // null for scratch buffers, which never meet the host
  private final Pointer hostPointer;
  private final Pointer devicePointer = new Pointer();
  private boolean closed;

  NcclDeviceBuffer(NcclCommunicator comm, DType type, int length, boolean withMirror) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be non-negative, got " + length);
    }
    this.comm = comm;
    this.type = type;
    this.length = length;
    this.bytes = (long) length * type.bytes();
    // cudaMalloc(0) may hand back null; one element keeps every address valid.
    comm.cuda(
        cudart.cudaMalloc(devicePointer, Math.max(bytes, type.bytes())),
        "cudaMalloc of " + bytes + " bytes");
    comm.cuda(cudart.cudaMemset(devicePointer, 0, Math.max(bytes, type.bytes())), "cudaMemset");
    this.host = withMirror ? Buf.allocateDirect(type, length) : null;
    this.hostPointer = withMirror ? new Pointer(host.bytes()) : null;
  }

  /** The device address of element 0. */
  long address() {
    return devicePointer.address();
  }

  /** The device address of element {@code offset}. */
  long address(long offset) {
    return devicePointer.address() + offset * type.bytes();
  }

  @Override
  public Buf host() {
    if (host == null) {
      throw new IllegalStateException("a scratch buffer has no host mirror");
    }
    return host;
  }

  @Override
  public DType dtype() {
    return type;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public void upload() {
    copy(true);
  }

  @Override
  public void download() {
    copy(false);
  }

  private void copy(boolean toDevice) {
    host();
    if (bytes == 0) {
      return;
    }
    comm.cuda(
        toDevice
            ? cudart.cudaMemcpyAsync(
                devicePointer, hostPointer, bytes, cudart.cudaMemcpyHostToDevice, comm.stream())
            : cudart.cudaMemcpyAsync(
                hostPointer, devicePointer, bytes, cudart.cudaMemcpyDeviceToHost, comm.stream()),
        "cudaMemcpyAsync");
    comm.awaitStream(toDevice ? "a host-to-device copy" : "a device-to-host copy");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    comm.forget(this);
    cudart.cudaFree(devicePointer); // after a device failure it may fail too: nothing to add
  }
}
