package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Exact diffusion / D² (SPEC &sect;3; Yuan, Ying, Zhao &amp; Sayed, IEEE TSP 2019; Tang et al.,
 * "D²", ICML 2018), in its adapt-correct-combine form:
 *
 * <pre>
 *   ψ^(k+1) = x^(k) − γ ∇F(x^(k); ξ^(k))          adapt
 *   φ^(k+1) = ψ^(k+1) + x^(k) − ψ^(k)              correct   (ψ^(0) = x^(0))
 *   x^(k+1) = W̄ φ^(k+1),  W̄ = (I + W)/2           combine
 * </pre>
 *
 * which is x^(k+1) = W̄(2x^(k) − x^(k−1) − γg^(k) + γg^(k−1)), with the +γg^(k−1) sign SPEC notes.
 * W̄ is made from any doubly stochastic W of the registry by averaging the gossip result with the
 * node's own φ (one gossip per step), which makes W̄'s spectrum lie in [0, 1] as the method needs;
 * the theory assumes a static symmetric W (a time-varying graph runs, without that guarantee). It
 * removes DSGD's heterogeneity bias. Plain SGD steps only: momentum and local steps are refused.
 */
final class ExactDiffusion implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf g;
  private final Buf psi;
  private final Buf psiPrevious;
  private final Buf phi;
  private final Collective gossip;
  private final double learningRate;
  private final int d;

  ExactDiffusion(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.x = ctx.parameters();
    this.g = ctx.newBuffer();
    this.psi = ctx.newBuffer();
    this.psiPrevious = ctx.newBuffer();
    this.phi = ctx.newBuffer();
    this.gossip = ctx.neighborAverage(x);
    this.learningRate = ctx.options().learningRate();
    this.d = x.length();
    x.copyTo(0, psiPrevious, 0, d);
  }

  static void validate(AlgorithmOptions o) {
    if (o.momentum() != Momentum.NONE) {
      throw new IllegalArgumentException(
          "exact diffusion takes plain SGD steps; --momentum must be none, got "
              + o.momentum().label());
    }
    if (o.localSteps() != 1) {
      throw new IllegalArgumentException(
          "exact diffusion communicates every step; --local-steps must be 1, got "
              + o.localSteps());
    }
  }

  @Override
  public void step(long k) {
    ctx.gradient(g);
    x.copyTo(0, psi, 0, d);
    psi.addScaled(0, g, 0, d, -learningRate);
    // φ = (x − ψ_prev) + ψ, built in x, which the gossip then mixes in place; in this order one
    // node's x − ψ_prev is exactly 0, so it takes SGD's steps bit for bit
    x.addScaled(0, psiPrevious, 0, d, -1.0);
    x.add(0, psi, 0, d);
    x.copyTo(0, phi, 0, d);
    gossip.run(k);
    x.combine(0, 0.5, phi, 0, d, 0.5);
    psi.copyTo(0, psiPrevious, 0, d);
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
