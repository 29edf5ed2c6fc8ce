package org.gossipbench.workloads.gpu;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.workloads.algorithm.Algorithm;
import org.gossipbench.workloads.algorithm.AlgorithmContext;

/**
 * Decentralized SGD on the device, adapt-then-combine as the host {@code Dsgd} (Lian et al.,
 * NeurIPS 2017): x_i ← x_i − γ ∇F(x_i; ξ_i) by cuBLAS on x's device buffer, then x_i ← Σ_j w_ij^(r)
 * x_j by the device neighbor averaging of collectives-gpu (one NCCL group of sends and receives to
 * the round's neighbors, the weighted sum by cuBLAS) on the same buffer; with H &gt; 1 the gossip
 * every H-th step, round r = k / H.
 */
final class CudaDsgd implements Algorithm {
  private final AlgorithmContext ctx;
  private final CudaMlpModel model;
  private final Buf g;
  private final long gAddress;
  private final DeviceOptimizer optimizer;
  private final Collective gossip;
  private final double learningRate;
  private final int localSteps;

  CudaDsgd(AlgorithmContext ctx, CudaMlpModel model) {
    this.ctx = ctx;
    this.model = model;
    this.g = model.deviceBuffer().host();
    this.gAddress = model.address(g);
    this.optimizer = CudaTrainingDevice.optimizer(ctx, model);
    this.gossip = ctx.neighborAverage(model.parameters());
    this.learningRate = ctx.options().learningRate();
    this.localSteps = ctx.options().localSteps();
  }

  @Override
  public void step(long k) {
    ctx.gradient(g);
    optimizer.step(model.thetaAddress(), gAddress, learningRate);
    model.ops().synchronize("the optimizer step"); // so the gossip's time is the gossip's alone
    if (ctx.options().communicatesAt(k)) {
      gossip.run(k / localSteps);
    }
  }

  @Override
  public Buf estimate() {
    return model.download();
  }
}
