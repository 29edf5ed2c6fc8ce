package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyAnalysis;

/**
 * DeTAG, "Decentralized Training with Accelerated gossip and Gradient tracking" (SPEC &sect;3; Lu
 * &amp; De Sa, "Optimal Complexity in Decentralized Training", ICML 2021): gradient tracking whose
 * every communication is R rounds of accelerated gossip A_R and whose every gradient is a
 * mini-batch of R batches, so that one iteration costs R rounds and R oracle calls, like R DSGD
 * steps:
 *
 * <pre>
 *   x^(k+1) = A_R(x^(k) − γ d(y^(k)))
 *   g^(k+1) = (1/R) Σ_{r<R} ∇F(x^(k+1); ξ_r^(k+1))                      accumulation phase
 *   y^(k+1) = A_R(y^(k) + g^(k+1) − g^(k)),     y^(0) = g^(0)
 *   A_R: z^(r+1) = (1+η) W z^(r) − η z^(r−1),  z^(0) = z^(−1) = input,
 *        η = (1 − √(1−λ²)) / (1 + √(1−λ²)),  λ = ρ(W) (SLEM for a symmetric W)
 * </pre>
 *
 * What follows the paper: accelerated gossip on both the parameters and the tracker, η from λ, the
 * R-batch accumulation. What is chosen here: the updates are written in gradient tracking's ATC
 * form (the authors' code applies the tracker step after the gossip and takes the gradients at the
 * pre-gossip point; the fixed points are the same); R defaults to ⌈1/√(1−λ)⌉, the rounds
 * accelerated gossip needs to shrink the consensus error by a constant factor (the paper's R also
 * carries a log factor of the target accuracy), and {@code rounds=R} overrides it. Accelerated
 * gossip needs a static W: a time-varying topology is refused.
 */
final class Detag implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf y;
  private final Buf g;
  private final Buf sample;
  private final Buf previous;
  private final Buf direction;
  private final Buf lagX;
  private final Buf lagY;
  private final Buf scratch;
  private final LocalOptimizer optimizer;
  private final Collective gossipX;
  private final Collective gossipY;
  private final double learningRate;
  private final double eta;
  private final int rounds;
  private final int d;

  Detag(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.x = ctx.parameters();
    this.y = ctx.newBuffer();
    this.g = ctx.newBuffer();
    this.sample = ctx.newBuffer();
    this.previous = ctx.newBuffer();
    this.direction = ctx.newBuffer();
    this.lagX = ctx.newBuffer();
    this.lagY = ctx.newBuffer();
    this.scratch = ctx.newBuffer();
    this.optimizer = ctx.newOptimizer();
    this.gossipX = ctx.neighborAverage(x);
    this.gossipY = ctx.neighborAverage(y);
    this.learningRate = ctx.options().learningRate();
    double lambda = TopologyAnalysis.rho(ctx.topology().weights(0));
    this.eta = eta(lambda);
    this.rounds = rounds(ctx.options(), lambda);
    this.d = x.length();
  }

  /** η = (1 − √(1−λ²)) / (1 + √(1−λ²)). */
  static double eta(double lambda) {
    double s = Math.sqrt(Math.max(0, 1 - lambda * lambda));
    return (1 - s) / (1 + s);
  }

  static int rounds(AlgorithmOptions o, double lambda) {
    String v = o.parameters().get("rounds");
    if (v == null) {
      return (int) Math.max(1, Math.ceil(1 / Math.sqrt(Math.max(1e-12, 1 - lambda))));
    }
    int r;
    try {
      r = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("detag rounds must be a whole number, got '" + v + "'");
    }
    if (r < 1) {
      throw new IllegalArgumentException("detag rounds must be at least 1, got " + r);
    }
    return r;
  }

  /** R: the mini-batches one iteration accumulates (and its gossip rounds), on topology t. */
  static int batchesPerStep(AlgorithmOptions o, Topology t) {
    return t == null ? rounds(o, 0) : rounds(o, TopologyAnalysis.rho(t.weights(0)));
  }

  static void validate(AlgorithmOptions o, Topology t) {
    rounds(o, 0);
    if (o.localSteps() != 1) {
      throw new IllegalArgumentException(
          "detag communicates every step; --local-steps must be 1, got " + o.localSteps());
    }
    if (t != null && t.isTimeVarying()) {
      throw new IllegalArgumentException(
          "detag's accelerated gossip needs a static topology; " + t.name() + " is time-varying");
    }
  }

  /** The R-batch mean gradient at the current x into g. */
  private void accumulate() {
    ctx.gradient(g);
    for (int r = 1; r < rounds; r++) {
      ctx.gradient(sample);
      g.add(0, sample, 0, d);
    }
    if (rounds > 1) {
      g.scale(0, d, 1.0 / rounds);
    }
  }

  /** z ← A_R(z) in place; {@code lag} and {@code scratch} are work space. */
  private void acceleratedGossip(Buf z, Collective gossip, Buf lag, long k) {
    z.copyTo(0, lag, 0, d);
    for (int r = 0; r < rounds; r++) {
      z.copyTo(0, scratch, 0, d); // z^(r)
      gossip.run(k * rounds + r); // z = W z^(r)
      z.combine(0, 1 + eta, lag, 0, d, -eta); // (1+η) W z^(r) − η z^(r−1)
      scratch.copyTo(0, lag, 0, d);
    }
  }

  @Override
  public void step(long k) {
    if (k == 0) {
      accumulate();
      g.copyTo(0, previous, 0, d);
      g.copyTo(0, y, 0, d);
    }
    y.copyTo(0, direction, 0, d);
    optimizer.step(x, direction, learningRate);
    acceleratedGossip(x, gossipX, lagX, k);
    accumulate();
    y.addScaled(0, previous, 0, d, -1.0);
    y.add(0, g, 0, d);
    acceleratedGossip(y, gossipY, lagY, k);
    g.copyTo(0, previous, 0, d);
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
