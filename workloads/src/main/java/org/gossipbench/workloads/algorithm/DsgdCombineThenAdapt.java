package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Decentralized SGD, combine-then-adapt, which SPEC &sect;3 and BlueFog call adapt-with-combine:
 *
 * <pre>
 *   x_i^(k+1) = Σ_j w_ij^(r) x_j^(k) − γ ∇F(x_i^(k); ξ_i^(k))
 * </pre>
 *
 * The gradient is taken at the pre-gossip point, so on real hardware communication can overlap the
 * backward pass (here the two run one after the other, and the step's times say so). Momentum is
 * local; with H &gt; 1 the gossip happens every H-th step, round r = k / H.
 */
final class DsgdCombineThenAdapt implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf g;
  private final LocalOptimizer optimizer;
  private final Collective gossip;
  private final double learningRate;
  private final int localSteps;

  DsgdCombineThenAdapt(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.x = ctx.parameters();
    this.g = ctx.newBuffer();
    this.optimizer = ctx.newOptimizer();
    this.gossip = ctx.neighborAverage(x);
    this.learningRate = ctx.options().learningRate();
    this.localSteps = ctx.options().localSteps();
  }

  @Override
  public void step(long k) {
    ctx.gradient(g);
    if (ctx.options().communicatesAt(k)) {
      gossip.run(k / localSteps);
    }
    optimizer.step(x, g, learningRate);
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
