package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Gradient tracking, adapt-then-combine (SPEC &sect;3; DIGing, Nedić, Olshevsky &amp; Shi, SIAM J.
 * Optim. 2017; Qu &amp; Li 2018):
 *
 * <pre>
 *   x_i^(k+1) = Σ_j w_ij^(k) (x_j^(k) − γ d(y_j^(k)))
 *   y_i^(k+1) = Σ_j w_ij^(k) (y_j^(k) + ∇F(x_j^(k+1); ξ_j^(k+1)) − ∇F(x_j^(k); ξ_j^(k)))
 *   y_i^(0)   = ∇F(x_i^(0); ξ_i^(0))
 * </pre>
 *
 * y_i tracks the network-average gradient, which removes DSGD's b² term: with exact gradients it
 * converges to the exact optimum at a constant step, whatever the heterogeneity. d is the identity
 * or the local optimizer's momentum direction applied to the tracker (the heavy-ball/Nesterov
 * variant). Two gossips per step (x and y), over static or time-varying graphs (round k selects
 * W^(k) for both). The first step draws one extra gradient, for y^(0).
 */
final class GradientTracking implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf y;
  private final Buf g;
  private final Buf previous;
  private final Buf direction;
  private final LocalOptimizer optimizer;
  private final Collective gossipX;
  private final Collective gossipY;
  private final double learningRate;
  private final int d;

  GradientTracking(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.x = ctx.parameters();
    this.y = ctx.newBuffer();
    this.g = ctx.newBuffer();
    this.previous = ctx.newBuffer();
    this.direction = ctx.newBuffer();
    this.optimizer = ctx.newOptimizer();
    this.gossipX = ctx.neighborAverage(x);
    this.gossipY = ctx.neighborAverage(y);
    this.learningRate = ctx.options().learningRate();
    this.d = x.length();
  }

  static void validate(AlgorithmOptions o) {
    if (o.localSteps() != 1) {
      throw new IllegalArgumentException(
          "gradient tracking communicates every step; --local-steps must be 1, got "
              + o.localSteps());
    }
  }

  @Override
  public void step(long k) {
    if (k == 0) {
      ctx.gradient(previous);
      previous.copyTo(0, y, 0, d);
    }
    // the optimizer may overwrite its gradient argument (Nesterov): give it a copy of y
    y.copyTo(0, direction, 0, d);
    optimizer.step(x, direction, learningRate);
    gossipX.run(k);
    ctx.gradient(g);
    // (y − g_prev) + g, in this order: with one node y = g_prev exactly, so y becomes g exactly
    y.addScaled(0, previous, 0, d, -1.0);
    y.add(0, g, 0, d);
    gossipY.run(k);
    g.copyTo(0, previous, 0, d);
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
