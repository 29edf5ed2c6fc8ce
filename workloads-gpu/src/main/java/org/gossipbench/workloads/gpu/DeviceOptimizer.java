package org.gossipbench.workloads.gpu;

import org.gossipbench.workloads.algorithm.LocalOptimizer;
import org.gossipbench.workloads.algorithm.Momentum;

/**
 * {@link LocalOptimizer}'s update x ← x − γ d(g) on flat device vectors, the same three forms in
 * the same order of operations (heavy ball: m ← βm + g, x ← x − γm; Nesterov: then g ← g + βm, x ←
 * x − γg), each an axpy or scal queued on the rank's stream. Allocates nothing per step.
 */
final class DeviceOptimizer {
  private final DeviceOps ops;
  private final Momentum momentum;
  private final float beta;
  private final long velocity; // 0 without momentum
  private final int length;

  /**
   * @param velocity a zeroed device vector of {@code length} floats, or 0 for {@link Momentum#NONE}
   */
  DeviceOptimizer(DeviceOps ops, Momentum momentum, double beta, long velocity, int length) {
    if (momentum != Momentum.NONE && !(beta > 0 && beta < 1)) {
      throw new IllegalArgumentException("momentum must lie in (0, 1), got " + beta);
    }
    if (momentum != Momentum.NONE && velocity == 0) {
      throw new IllegalArgumentException("momentum needs a velocity vector");
    }
    this.ops = ops;
    this.momentum = momentum;
    this.beta = (float) beta;
    this.velocity = velocity;
    this.length = length;
  }

  /** Queues x ← x − γ d(g); with Nesterov, g is overwritten with the direction. */
  void step(long x, long g, double learningRate) {
    float lr = (float) learningRate;
    switch (momentum) {
      case NONE -> ops.axpy(length, -lr, g, x);
      case HEAVY_BALL -> {
        ops.scal(length, beta, velocity);
        ops.axpy(length, 1f, g, velocity);
        ops.axpy(length, -lr, velocity, x);
      }
      case NESTEROV -> {
        ops.scal(length, beta, velocity);
        ops.axpy(length, 1f, g, velocity);
        ops.axpy(length, beta, velocity, g);
        ops.axpy(length, -lr, g, x);
      }
    }
  }
}
