package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;

/**
 * The node-local update x ← x − γ·d(g), where d is the gradient itself or a momentum direction kept
 * in a buffer of this optimizer (so in decentralized algorithms momentum is local to each node, as
 * in BlueFog's wrapped optimizers and DmSGD, Yu et al. ICML 2019). Allocates nothing per step. Not
 * thread-safe: one per rank.
 */
public final class LocalOptimizer {
  private final Momentum momentum;
  private final double beta;
  private final Buf velocity;

  /**
   * @param template a buffer of the parameters' type and length (the momentum buffer copies its
   *     shape, not its values)
   */
  public LocalOptimizer(Momentum momentum, double beta, Buf template) {
    if (momentum != Momentum.NONE && !(beta > 0 && beta < 1)) {
      throw new IllegalArgumentException("momentum must lie in (0, 1), got " + beta);
    }
    this.momentum = momentum;
    this.beta = beta;
    this.velocity =
        momentum == Momentum.NONE ? null : Buf.allocate(template.dtype(), template.length());
  }

  public Momentum momentum() {
    return momentum;
  }

  public double beta() {
    return beta;
  }

  /**
   * x ← x − γ d(g). With Nesterov, {@code g} is overwritten with the direction g + βm (callers that
   * need g afterwards, such as gradient tracking, must keep a copy).
   */
  public void step(Buf x, Buf g, double learningRate) {
    int d = x.length();
    switch (momentum) {
      case NONE -> x.addScaled(0, g, 0, d, -learningRate);
      case HEAVY_BALL -> {
        velocity.scale(0, d, beta);
        velocity.add(0, g, 0, d);
        x.addScaled(0, velocity, 0, d, -learningRate);
      }
      case NESTEROV -> {
        velocity.scale(0, d, beta);
        velocity.add(0, g, 0, d);
        g.addScaled(0, velocity, 0, d, beta);
        x.addScaled(0, g, 0, d, -learningRate);
      }
    }
  }
}
