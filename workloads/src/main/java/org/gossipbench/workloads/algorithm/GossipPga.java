package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Gossip-PGA, periodic global averaging (SPEC &sect;3; Chen, Yuan, Zhang, Pan, Xu &amp; Yin,
 * "Accelerating gossip SGD with periodic global averaging", ICML 2021): DSGD (adapt-then-combine)
 * whose every H-th combine is an exact global average by the run's allreduce,
 *
 * <pre>
 *   x_i^(k+½) = x_i^(k) − γ d(∇F(x_i^(k); ξ_i^(k)))
 *   x_i^(k+1) = (1/n) Σ_j x_j^(k+½)        if (k+1) mod H = 0
 *             = Σ_j w_ij^(k) x_j^(k+½)     otherwise
 * </pre>
 *
 * so it sits between DSGD (H = ∞) and PSGD with model averaging (H = 1). Parameter {@code period=H}
 * (default 8). Momentum is node-local, as in DSGD.
 */
final class GossipPga implements Algorithm {
  static final int DEFAULT_PERIOD = 8;

  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf g;
  private final LocalOptimizer optimizer;
  private final Collective gossip;
  private final Collective average;
  private final double learningRate;
  private final long period;

  GossipPga(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.x = ctx.parameters();
    this.g = ctx.newBuffer();
    this.optimizer = ctx.newOptimizer();
    this.gossip = ctx.neighborAverage(x);
    this.average = ctx.allreduceAverage(x);
    this.learningRate = ctx.options().learningRate();
    this.period = period(ctx.options());
  }

  static long period(AlgorithmOptions o) {
    String v = o.parameters().getOrDefault("period", Integer.toString(DEFAULT_PERIOD));
    long h;
    try {
      h = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "gossip-pga period must be a whole number of iterations, got '" + v + "'");
    }
    if (h < 1) {
      throw new IllegalArgumentException("gossip-pga period must be at least 1, got " + h);
    }
    return h;
  }

  static void validate(AlgorithmOptions o) {
    period(o);
    if (o.localSteps() != 1) {
      throw new IllegalArgumentException(
          "gossip-pga communicates every step; --local-steps must be 1, got " + o.localSteps());
    }
  }

  @Override
  public void step(long k) {
    ctx.gradient(g);
    optimizer.step(x, g, learningRate);
    if ((k + 1) % period == 0) {
      average.run(k);
    } else {
      gossip.run(k);
    }
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
