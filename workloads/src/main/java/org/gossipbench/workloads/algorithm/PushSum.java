package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Stochastic gradient push, push-sum SGD (SPEC &sect;3; Assran, Loizou, Ballas &amp; Rabbat,
 * "Stochastic Gradient Push for Distributed Deep Learning", ICML 2019, Algorithm 1; the push-sum
 * protocol of Kempe, Dobra &amp; Gehrke, FOCS 2003): for directed graphs whose W^(k) is only column
 * stochastic, each node carries a scalar weight w_i beside its numerator x_i, mixes both with the
 * same matrix, and evaluates its gradient at the de-biased z_i = x_i / w_i:
 *
 * <pre>
 *   x_i^(k+½) = x_i^(k) − γ d(∇F(z_i^(k); ξ_i^(k)))
 *   x_i^(k+1) = Σ_j w_ij^(r) x_j^(k+½),   w_i^(k+1) = Σ_j w_ij^(r) w_j^(k),   w_i^(0) = 1
 *   z_i^(k+1) = x_i^(k+1) / w_i^(k+1)
 * </pre>
 *
 * Column stochasticity keeps Σ_i x_i and Σ_i w_i = n, so the z_i reach the network average even
 * where plain gossip would drift to a weighted point. On a doubly stochastic graph w stays 1 and it
 * is DSGD. d is the local optimizer's direction (SGP's momentum variant keeps the momentum buffer
 * on the numerator's update, as here); with {@code --local-steps H} the mixing happens every H-th
 * step, round r = k / H, as in DSGD.
 *
 * <p>One departure from the paper: the weights w are not sent with the messages but computed by
 * every node ({@link PushSumWeights}).
 */
final class PushSum implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf z;
  private final Buf numerator;
  private final Buf g;
  private final LocalOptimizer optimizer;
  private final Collective gossip;
  private final PushSumWeights weights;
  private final double learningRate;
  private final int localSteps;
  private final int d;

  PushSum(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.z = ctx.parameters();
    this.d = z.length();
    this.numerator = ctx.newBuffer();
    z.copyTo(0, numerator, 0, d);
    this.g = ctx.newBuffer();
    this.optimizer = ctx.newOptimizer();
    this.gossip = ctx.neighborAverage(numerator);
    this.weights = new PushSumWeights(ctx.topology(), ctx.rank());
    this.learningRate = ctx.options().learningRate();
    this.localSteps = ctx.options().localSteps();
  }

  @Override
  public void step(long k) {
    ctx.gradient(g);
    optimizer.step(numerator, g, learningRate);
    if (ctx.options().communicatesAt(k)) {
      long round = k / localSteps;
      gossip.run(round);
      weights.advance(round);
    }
    z.setScaled(0, numerator, 0, d, 1.0 / weights.weight());
  }

  /** This node's push-sum weight w_i (1 on doubly stochastic graphs, up to rounding). */
  double weight() {
    return weights.weight();
  }

  @Override
  public Buf estimate() {
    return z;
  }
}
