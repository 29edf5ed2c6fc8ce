package org.gossipbench.collectives.transport.nccl;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Reusable JavaCPP pointer objects aimed at an address of device memory, so that a planned
 * collective passes offsets into device buffers to NCCL and cuBLAS without allocating a pointer per
 * call. Each sets its address with position 0: JavaCPP adds {@code position} (scaled by the element
 * size of the parameter's declared type) to the address, and a zero position takes that question
 * off the table. They own nothing: the memory is freed by the buffer that allocated it. Owned by
 * one rank's thread.
 */
final class DeviceAddress {
  private DeviceAddress() {}

  /** For {@code void*} parameters (NCCL, cudaMemcpy). */
  static final class Bytes extends Pointer {
    Bytes at(long address) {
      this.address = address;
      this.position = 0;
      return this;
    }
  }

  /** For cuBLAS's single-precision routines. */
  static final class Floats extends FloatPointer {
    Floats at(long address) {
      this.address = address;
      this.position = 0;
      return this;
    }
  }

  /** For cuBLAS's double-precision routines. */
  static final class Doubles extends DoublePointer {
    Doubles at(long address) {
      this.address = address;
      this.position = 0;
      return this;
    }
  }
}
