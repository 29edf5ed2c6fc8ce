package org.gossipbench.workloads.gpu;

/**
 * The few device operations the GPU MLP and its optimizer are made of, on float32 device memory
 * named by byte addresses: column-major GEMM, axpy, scal, device copies, and copies to and from
 * host arrays. {@link CudaOps} queues them on a rank's CUDA stream through cuBLAS; the tests' host
 * emulation runs the same call sequence on Java arrays with cuBLAS's semantics, so the sequence of
 * GEMMs (transposes, leading dimensions, offsets into the flat vector) is checked against the
 * reference {@link org.gossipbench.workloads.model.DenseMlp} on a machine without a GPU.
 *
 * <p>Operations are queued in order; {@link #download} returns once its data is on the host. None
 * allocates on the Java heap. Owned by one rank's thread.
 */
interface DeviceOps extends AutoCloseable {

  /** A zeroed device array of {@code floats} elements; freed by {@link #close()}. */
  long allocate(int floats);

  /** Byte address of element {@code index} of the float array at {@code base}. */
  static long at(long base, long index) {
    return base + index * Float.BYTES;
  }

  /** device[dst, +count) ← host src[offset, +count). */
  void upload(float[] src, int offset, long dst, int count);

  /** host dst[offset, +count) ← device[src, +count), once every queued operation before it ran. */
  void download(long src, float[] dst, int offset, int count);

  /**
   * C ← α op(A) op(B) + β C with cuBLAS's {@code cublasSgemm} semantics: column-major, op(A) is m×k
   * (A stored k×m when {@code transA}), op(B) k×n, C m×n, leading dimensions in elements.
   */
  void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      long a,
      int lda,
      long b,
      int ldb,
      float beta,
      long c,
      int ldc);

  /** y[0, n) ← α x[0, n) + y[0, n). */
  void axpy(int n, float alpha, long x, long y);

  /** x[0, n) ← α x[0, n). */
  void scal(int n, float alpha, long x);

  /** Waits for everything queued (and fails on one line naming {@code what} if the device did). */
  void synchronize(String what);

  /** Frees what {@link #allocate} handed out. */
  @Override
  void close();
}
