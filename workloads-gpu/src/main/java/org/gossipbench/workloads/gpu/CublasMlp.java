package org.gossipbench.workloads.gpu;

import org.gossipbench.workloads.model.DenseMlp;

/**
 * The forward and backward pass of {@link DenseMlp}'s network (D-H-C, ReLU, softmax cross entropy,
 * the same column-major flat layout) on device memory: the parameters θ and the gradient are flat
 * device vectors the caller owns (so that NCCL averages the gradient or θ where it lies), every
 * product is a cuBLAS GEMM, the biases are added as rank-1 GEMMs with a device vector of ones, and
 * the bias gradients are GEMMs with it too.
 *
 * <p><b>What crosses to the host, and why.</b> The two elementwise parts, ReLU with its mask and
 * the softmax cross entropy, run on the host: per step Z1 (H×B) and the logits (C×B) come down and
 * A1, the logits' gradient and ∂Z1 go up, 8 KiB-sized activations at batch 32, never the parameters
 * or the gradient (203,530 floats). The alternative, kernels compiled at run time through NVRTC and
 * launched with {@code cuLaunchKernel}, needs libnvrtc on the GPU machine and CUDA C checked only
 * there; these host parts are the reference's own code ({@link DenseMlp#softmaxCrossEntropy}), and
 * the GEMM sequence is tested here against the reference by a host emulation of cuBLAS. The price:
 * seven small synchronous copies per step, so a step of this MLP is latency bound (tens of
 * microseconds per copy), which at 203,530 parameters it would be anyway.
 *
 * <p>Scratch on the device and the host is allocated once for the batch capacity; {@link #gradient}
 * allocates nothing. Not thread-safe: one per rank.
 */
final class CublasMlp {
  private final DeviceOps ops;
  private final int inputs;
  private final int hidden;
  private final int classes;
  private final int capacity;
  private final long b1;
  private final long w2;
  private final long b2;
  private final long x; // D × B, the batch, sample j in column j
  private final long z; // H × B: A1 after the forward pass
  private final long logits; // C × B: Z2, then its gradient G
  private final long da; // H × B: ∂A1, then ∂Z1
  private final long ones; // B ones
  private final float[] z1Host;
  private final float[] hHost; // A1, then ∂A1 / ∂Z1
  private final float[] logitsHost;

  CublasMlp(DeviceOps ops, int inputs, int hidden, int classes, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
    }
    this.ops = ops;
    this.inputs = inputs;
    this.hidden = hidden;
    this.classes = classes;
    this.capacity = capacity;
    this.b1 = (long) hidden * inputs;
    this.w2 = b1 + hidden;
    this.b2 = w2 + (long) classes * hidden;
    this.x = ops.allocate(Math.multiplyExact(inputs, capacity));
    this.z = ops.allocate(Math.multiplyExact(hidden, capacity));
    this.logits = ops.allocate(Math.multiplyExact(classes, capacity));
    this.da = ops.allocate(Math.multiplyExact(hidden, capacity));
    this.ones = ops.allocate(capacity);
    float[] one = new float[capacity];
    java.util.Arrays.fill(one, 1f);
    ops.upload(one, 0, ones, capacity);
    this.z1Host = new float[hidden * capacity];
    this.hHost = new float[hidden * capacity];
    this.logitsHost = new float[classes * capacity];
  }

  int parameterCount() {
    return DenseMlp.parameterCount(inputs, hidden, classes);
  }

  /**
   * The mean-over-batch gradient at θ into {@code gradient} (device addresses of flat vectors of
   * {@link #parameterCount()} floats); returns the mean loss.
   *
   * @param features {@code rows} samples, row-major (= column-major D×rows)
   */
  double gradient(float[] features, int[] labels, int rows, long theta, long gradient) {
    if (rows < 1 || rows > capacity) {
      throw new IllegalArgumentException(
          "a batch of " + rows + " rows does not fit capacity " + capacity);
    }
    int h = hidden;
    int c = classes;
    int d = inputs;
    ops.upload(features, 0, x, d * rows);
    // Z1 = b1 1ᵀ + W1 X
    ops.gemm(false, false, h, rows, 1, 1f, at(theta, b1), h, ones, 1, 0f, z, h);
    ops.gemm(false, false, h, rows, d, 1f, theta, h, x, d, 1f, z, h);
    ops.download(z, z1Host, 0, h * rows);
    int n = h * rows;
    for (int i = 0; i < n; i++) {
      hHost[i] = Math.max(z1Host[i], 0f);
    }
    ops.upload(hHost, 0, z, n); // z now holds A1
    // Z2 = b2 1ᵀ + W2 A1
    ops.gemm(false, false, c, rows, 1, 1f, at(theta, b2), c, ones, 1, 0f, logits, c);
    ops.gemm(false, false, c, rows, h, 1f, at(theta, w2), c, z, h, 1f, logits, c);
    ops.download(logits, logitsHost, 0, c * rows);
    double loss = 0;
    float scale = 1f / rows;
    for (int j = 0; j < rows; j++) {
      loss += DenseMlp.softmaxCrossEntropy(logitsHost, j * c, c, labels[j], scale);
    }
    ops.upload(logitsHost, 0, logits, c * rows); // G = (P − Y)/B
    // ∂W2 = G A1ᵀ, ∂b2 = G 1, ∂A1 = W2ᵀ G
    ops.gemm(false, true, c, h, rows, 1f, logits, c, z, h, 0f, at(gradient, w2), c);
    ops.gemm(false, false, c, 1, rows, 1f, logits, c, ones, rows, 0f, at(gradient, b2), c);
    ops.gemm(true, false, h, rows, c, 1f, at(theta, w2), c, logits, c, 0f, da, h);
    ops.download(da, hHost, 0, n);
    for (int i = 0; i < n; i++) {
      if (!(z1Host[i] > 0f)) {
        hHost[i] = 0f;
      }
    }
    ops.upload(hHost, 0, da, n); // ∂Z1
    // ∂W1 = ∂Z1 Xᵀ, ∂b1 = ∂Z1 1
    ops.gemm(false, true, h, d, rows, 1f, da, h, x, d, 0f, gradient, h);
    ops.gemm(false, false, h, 1, rows, 1f, da, h, ones, rows, 0f, at(gradient, b1), h);
    return loss / rows;
  }

  private static long at(long base, long index) {
    return DeviceOps.at(base, index);
  }
}
