package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Decentralized SGD, adapt-then-combine (SPEC &sect;3; Lian et al., "Can decentralized algorithms
 * outperform centralized algorithms?", NeurIPS 2017):
 *
 * <pre>
 *   x_i^(k+½) = x_i^(k) − γ ∇F(x_i^(k); ξ_i^(k))
 *   x_i^(k+1) = Σ_j w_ij^(r) x_j^(k+½)
 * </pre>
 *
 * with W^(r) the topology's matrix at communication round r. With momentum the local step uses the
 * node's own momentum buffer (DmSGD); with H = {@code --local-steps} &gt; 1 the gossip happens
 * every H-th step only, round r = k / H.
 */
final class Dsgd implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf g;
  private final LocalOptimizer optimizer;
  private final Collective gossip;
  private final double learningRate;
  private final int localSteps;

  Dsgd(AlgorithmContext ctx) {
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
    optimizer.step(x, g, learningRate);
    if (ctx.options().communicatesAt(k)) {
      gossip.run(k / localSteps);
    }
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
