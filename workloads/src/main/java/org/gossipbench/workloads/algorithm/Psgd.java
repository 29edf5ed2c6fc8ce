package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;

/**
 * Parallel (centralized) SGD, SPEC &sect;3: g_i = ∇F(x; ξ_i); x ← x − (γ/n) Σ_i g_i, the average
 * taken by the run's allreduce (ring, halving-doubling or parameter server). Every rank starts from
 * the same x⁽⁰⁾ and applies the same averaged direction, so all x_i stay equal (bit for bit: the
 * allreduce leaves every rank the same sum).
 *
 * <p>With H = {@code --local-steps} &gt; 1 this is local SGD (Stich, ICLR 2019; Lin et al., ICLR
 * 2020): each rank takes H local steps x_i ← x_i − γ d(g_i), then the models are averaged, x_i ←
 * (1/n) Σ_j x_j. Momentum buffers stay local in that form; with H = 1 momentum acts on the averaged
 * gradient, exactly as in single-machine large-batch SGD.
 */
final class Psgd implements Algorithm {
  private final AlgorithmContext ctx;
  private final Buf x;
  private final Buf g;
  private final LocalOptimizer optimizer;
  private final Collective average;
  private final double learningRate;
  private final boolean local;

  Psgd(AlgorithmContext ctx) {
    this.ctx = ctx;
    this.x = ctx.parameters();
    this.g = ctx.newBuffer();
    this.optimizer = ctx.newOptimizer();
    this.learningRate = ctx.options().learningRate();
    this.local = ctx.options().localSteps() > 1;
    this.average = ctx.allreduceAverage(local ? x : g);
  }

  @Override
  public void step(long k) {
    ctx.gradient(g);
    if (local) {
      optimizer.step(x, g, learningRate);
      if (ctx.options().communicatesAt(k)) {
        average.run(k);
      }
    } else {
      average.run(k);
      optimizer.step(x, g, learningRate);
    }
  }

  @Override
  public Buf estimate() {
    return x;
  }
}
