package org.gossipbench.workloads.gpu;

/**
 * {@link DeviceOps} on a Java array, with cuBLAS's semantics written out from its documentation
 * (column-major; op(A) = A or Aᵀ with A stored k×m when transposed; leading dimensions; β = 0 never
 * reads C), so that the GPU MLP's call sequence runs and is checked on a machine without a GPU.
 * Addresses are byte addresses as on the device, from a nonzero origin; a call outside an
 * allocation fails.
 */
final class HostOps implements DeviceOps {
  private static final long ORIGIN = 1L << 20;
  private float[] memory = new float[0];
  private int used;
  int gemms;

  @Override
  public long allocate(int floats) {
    int at = used;
    used += Math.max(1, floats);
    if (used > memory.length) {
      memory = java.util.Arrays.copyOf(memory, Math.max(used, 2 * memory.length));
    }
    return ORIGIN + (long) at * Float.BYTES;
  }

  private int index(long address, long count) {
    long i = (address - ORIGIN) / Float.BYTES;
    if ((address - ORIGIN) % Float.BYTES != 0 || i < 0 || i + count > used) {
      throw new IllegalArgumentException("address " + address + " (+" + count + ") unallocated");
    }
    return (int) i;
  }

  /** The device array at {@code address}, for tests. */
  float[] read(long address, int count) {
    int i = index(address, count);
    return java.util.Arrays.copyOfRange(memory, i, i + count);
  }

  void write(long address, float[] values) {
    System.arraycopy(values, 0, memory, index(address, values.length), values.length);
  }

  @Override
  public void upload(float[] src, int offset, long dst, int count) {
    System.arraycopy(src, offset, memory, index(dst, count), count);
  }

  @Override
  public void download(long src, float[] dst, int offset, int count) {
    System.arraycopy(memory, index(src, count), dst, offset, count);
  }

  @Override
  public void gemm(
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
      int ldc) {
    gemms++;
    if (lda < Math.max(1, transA ? k : m)
        || ldb < Math.max(1, transB ? n : k)
        || ldc < Math.max(1, m)) {
      throw new IllegalArgumentException("cuBLAS would refuse these leading dimensions");
    }
    int ai = index(a, (long) lda * ((transA ? m : k) - 1) + (transA ? k : m));
    int bi = index(b, (long) ldb * ((transB ? k : n) - 1) + (transB ? n : k));
    int ci = index(c, (long) ldc * (n - 1) + m);
    float[] out = new float[m * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          float aip = transA ? memory[ai + p + i * lda] : memory[ai + i + p * lda];
          float bpj = transB ? memory[bi + j + p * ldb] : memory[bi + p + j * ldb];
          s += (double) aip * bpj;
        }
        out[i + j * m] = (float) s;
      }
    }
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        int at = ci + i + j * ldc;
        memory[at] = alpha * out[i + j * m] + (beta == 0f ? 0f : beta * memory[at]);
      }
    }
  }

  @Override
  public void axpy(int n, float alpha, long x, long y) {
    int xi = index(x, n);
    int yi = index(y, n);
    for (int i = 0; i < n; i++) {
      memory[yi + i] += alpha * memory[xi + i];
    }
  }

  @Override
  public void scal(int n, float alpha, long x) {
    int xi = index(x, n);
    for (int i = 0; i < n; i++) {
      memory[xi + i] *= alpha;
    }
  }

  @Override
  public void synchronize(String what) {}

  @Override
  public void close() {}
}
