package org.gossipbench.workloads.gpu;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.gossipbench.collectives.transport.nccl.NcclCommunicator;

/**
 * {@link DeviceOps} on one NCCL rank's device: cuBLAS through the rank's handle and everything on
 * the rank's stream, so the GEMMs, the optimizer's axpy and the rank's NCCL collectives run in the
 * order they were queued with no host synchronization between them. Host copies go through one
 * staging area of native memory sized at construction; each waits for its copy, since the host
 * array it came from (or goes to) is reused at once.
 *
 * <p>Pointer objects are reused: JavaCPP passes {@code address + position} to the library, so one
 * object per operand, re-aimed per call, means no allocation per call.
 */
final class CudaOps implements DeviceOps {
  private final NcclCommunicator comm;
  private final FloatPointer staging;
  private final int stagingFloats;
  private final FloatPointer alpha = new FloatPointer(1);
  private final FloatPointer beta = new FloatPointer(1);
  private final At a = new At();
  private final At b = new At();
  private final At c = new At();
  private final Bytes bytes = new Bytes();
  private final List<Pointer> allocated = new ArrayList<>();
  private boolean closed;

  /** A device float pointer aimed at an address, with position 0. */
  private static final class At extends FloatPointer {
    At to(long address) {
      this.address = address;
      this.position = 0;
      return this;
    }
  }

  /** The same for {@code void*} parameters. */
  private static final class Bytes extends Pointer {
    Bytes to(long address) {
      this.address = address;
      this.position = 0;
      return this;
    }
  }

  /**
   * @param stagingFloats the largest host copy this will make, in floats
   */
  CudaOps(NcclCommunicator comm, int stagingFloats) {
    this.comm = comm;
    this.stagingFloats = stagingFloats;
    this.staging = new FloatPointer(Math.max(1, stagingFloats));
  }

  @Override
  public long allocate(int floats) {
    Pointer p = new Pointer();
    long size = (long) Math.max(1, floats) * Float.BYTES;
    comm.cuda(cudart.cudaMalloc(p, size), "cudaMalloc of " + size + " bytes");
    allocated.add(p);
    comm.cuda(cudart.cudaMemsetAsync(p, 0, size, comm.stream()), "cudaMemsetAsync");
    return p.address();
  }

  private void fits(int count) {
    if (count > stagingFloats) {
      throw new IllegalArgumentException(
          "a copy of " + count + " floats exceeds the staging area of " + stagingFloats);
    }
  }

  @Override
  public void upload(float[] src, int offset, long dst, int count) {
    fits(count);
    staging.position(0).put(src, offset, count);
    comm.cuda(
        cudart.cudaMemcpyAsync(
            bytes.to(dst),
            staging,
            (long) count * Float.BYTES,
            cudart.cudaMemcpyHostToDevice,
            comm.stream()),
        "cudaMemcpyAsync to the device");
    comm.awaitStream("a host-to-device copy");
  }

  @Override
  public void download(long src, float[] dst, int offset, int count) {
    fits(count);
    comm.cuda(
        cudart.cudaMemcpyAsync(
            staging,
            bytes.to(src),
            (long) count * Float.BYTES,
            cudart.cudaMemcpyDeviceToHost,
            comm.stream()),
        "cudaMemcpyAsync to the host");
    comm.awaitStream("a device-to-host copy");
    staging.position(0).get(dst, offset, count);
  }

  @Override
  public void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alphaValue,
      long aAddress,
      int lda,
      long bAddress,
      int ldb,
      float betaValue,
      long cAddress,
      int ldc) {
    alpha.put(0, alphaValue);
    beta.put(0, betaValue);
    comm.blas(
        cublas.cublasSgemm_v2(
            comm.cublas(),
            transA ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N,
            transB ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N,
            m,
            n,
            k,
            alpha,
            a.to(aAddress),
            lda,
            b.to(bAddress),
            ldb,
            beta,
            c.to(cAddress),
            ldc),
        "cublasSgemm");
  }

  @Override
  public void axpy(int n, float alphaValue, long x, long y) {
    alpha.put(0, alphaValue);
    comm.blas(
        cublas.cublasSaxpy_v2(comm.cublas(), n, alpha, a.to(x), 1, b.to(y), 1), "cublasSaxpy");
  }

  @Override
  public void scal(int n, float alphaValue, long x) {
    alpha.put(0, alphaValue);
    comm.blas(cublas.cublasSscal_v2(comm.cublas(), n, alpha, a.to(x), 1), "cublasSscal");
  }

  @Override
  public void synchronize(String what) {
    comm.awaitStream(what);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Pointer p : allocated) {
      cudart.cudaFree(p); // after a device failure it may fail too: nothing to add
    }
    allocated.clear();
    staging.close();
    alpha.close();
    beta.close();
  }
}
