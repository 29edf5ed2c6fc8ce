package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Push-DIGing, gradient tracking over push-sum (Nedić, Olshevsky &amp; Shi, "Achieving geometric
 * convergence for distributed optimization over time-varying graphs", SIAM J. Optim. 2017, §3): for
 * directed, column-stochastic W^(k), static or time-varying,
 *
 * <pre>
 *   u_i^(k+1) = Σ_j w_ij^(k) (u_j^(k) − γ d(y_j^(k)))
 *   v_i^(k+1) = Σ_j w_ij^(k) v_j^(k),            v^(0) = 1
 *   x_i^(k+1) = u_i^(k+1) / v_i^(k+1)
 *   y_i^(k+1) = Σ_j w_ij^(k) y_j^(k) + ∇F(x_i^(k+1); ξ_i^(k+1)) − ∇F(x_i^(k); ξ_i^(k)),
 *   y_i^(0)   = ∇F(x_i^(0); ξ_i^(0))
 * </pre>
 *
 * Push-sum's weights de-bias the directed mixing and the tracker y removes DSGD's heterogeneity
 * term, so with exact gradients it reaches the exact optimum at a constant step where push-sum SGD
 * keeps an O(γ) bias. x_i (the model's parameters, where gradients are taken) is the de-biased
 * point. d is the identity or the local optimizer's momentum direction on the tracker, as in {@link
 * GradientTracking}. The weights v are computed by every node ({@link PushSumWeights}), not sent.
 * The first step draws one extra gradient, for y^(0).
 */
final class PushDiging implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf u;
  private final Buf y;
  private final Buf g;
  private final Buf previous;
  private final Buf direction;
  private final LocalOptimizer optimizer;
  private final Collective gossipU;
  private final Collective gossipY;
  private final PushSumWeights weights;
  private final double learningRate;
  private final int d;

  PushDiging(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.x = ctx.parameters();
    this.d = x.length();
    this.u = ctx.newBuffer();
    x.copyTo(0, u, 0, d);
    this.y = ctx.newBuffer();
    this.g = ctx.newBuffer();
    this.previous = ctx.newBuffer();
    this.direction = ctx.newBuffer();
    this.optimizer = ctx.newOptimizer();
    this.gossipU = ctx.neighborAverage(u);
    this.gossipY = ctx.neighborAverage(y);
    this.weights = new PushSumWeights(ctx.topology(), ctx.rank());
    this.learningRate = ctx.options().learningRate();
  }

  @Override
  public void step(long k) {
    if (k == 0) {
      ctx.gradient(previous);
      previous.copyTo(0, y, 0, d);
    }
    // the optimizer may overwrite its gradient argument (Nesterov): give it a copy of y
    y.copyTo(0, direction, 0, d);
    optimizer.step(u, direction, learningRate);
    gossipU.run(k);
    weights.advance(k);
    x.setScaled(0, u, 0, d, 1.0 / weights.weight());
    gossipY.run(k);
    ctx.gradient(g);
    // (y − g_prev) + g, in this order: with one node y = g_prev exactly, so y becomes g exactly
    y.addScaled(0, previous, 0, d, -1.0);
    y.add(0, g, 0, d);
    g.copyTo(0, previous, 0, d);
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
