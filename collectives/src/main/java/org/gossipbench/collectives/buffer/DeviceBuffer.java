package org.gossipbench.collectives.buffer;

/**
 * A buffer in accelerator (GPU) memory together with a host mirror of the same element type and
 * length, for transports whose collectives run on the device ({@code nccl}). The device copy is
 * what such a collective reads and writes; the mirror is where the known inputs are written and the
 * result is checked (the #wrong column), so they meet only through {@link #upload()} and {@link
 * #download()}, which callers place outside the timed loop. Made by a {@link
 * org.gossipbench.collectives.comm.DeviceCommunicator}; owned by the rank that made it and not
 * thread-safe.
 */
public interface DeviceBuffer extends AutoCloseable {

  /** The host mirror: a direct buffer of {@link #length()} elements. */
  Buf host();

  DType dtype();

  /** Elements, in both copies. */
  int length();

  /** Device ← host mirror, whole buffer; returns once the copy is done. */
  void upload();

  /** Host mirror ← device, whole buffer; returns once the copy is done. */
  void download();

  /** Frees the device memory; the mirror stays usable as a plain direct buffer. */
  @Override
  void close();
}
