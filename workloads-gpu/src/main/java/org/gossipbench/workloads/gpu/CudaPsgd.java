package org.gossipbench.workloads.gpu;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.workloads.algorithm.Algorithm;
import org.gossipbench.workloads.algorithm.AlgorithmContext;

/**
 * Parallel SGD on the device, the host {@code Psgd}'s update (SPEC &sect;3): g_i = ∇F(x; ξ_i); ḡ =
 * (1/n) Σ_i g_i by the run's device allreduce ({@code ncclAllReduce}, or our ring over NCCL) on the
 * gradient's device buffer; x ← x − γ d(ḡ) by cuBLAS on x's. With H = {@code --local-steps} &gt; 1,
 * local SGD: H local steps, then x averaged. Nothing crosses to the host but the batch and the
 * MLP's activations (see {@link CublasMlp}).
 */
final class CudaPsgd implements Algorithm {
  private final AlgorithmContext ctx;
  private final CudaMlpModel model;
  private final Buf g;
  private final long gAddress;
  private final DeviceOptimizer optimizer;
  private final Collective average;
  private final double learningRate;
  private final boolean local;

  CudaPsgd(AlgorithmContext ctx, CudaMlpModel model) {
    this.ctx = ctx;
    this.model = model;
    this.g = model.deviceBuffer().host();
    this.gAddress = model.address(g);
    this.optimizer = CudaTrainingDevice.optimizer(ctx, model);
    this.learningRate = ctx.options().learningRate();
    this.local = ctx.options().localSteps() > 1;
    // planned on a device buffer's mirror, the nccl collectives work on its device copy
    this.average = ctx.allreduceAverage(local ? model.parameters() : g);
  }

  @Override
  public void step(long k) {
    ctx.gradient(g);
    if (local) {
      optimizer.step(model.thetaAddress(), gAddress, learningRate);
      if (ctx.options().communicatesAt(k)) {
        average.run(k);
      }
    } else {
      average.run(k);
      optimizer.step(model.thetaAddress(), gAddress, learningRate);
    }
    model.ops().synchronize("the optimizer step"); // the step's time covers its device work
  }

  @Override
  public Buf estimate() {
    return model.download();
  }
}
