package org.gossipbench.workloads.gpu;

import java.util.List;
import java.util.Set;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.transport.nccl.NcclCommunicator;
import org.gossipbench.collectives.transport.nccl.NcclProbe;
import org.gossipbench.workloads.algorithm.Algorithm;
import org.gossipbench.workloads.algorithm.AlgorithmContext;
import org.gossipbench.workloads.algorithm.Momentum;
import org.gossipbench.workloads.model.Model;
import org.gossipbench.workloads.train.TrainConfig;
import org.gossipbench.workloads.train.TrainingDevice;
import org.gossipbench.workloads.workload.TrainingData;

/**
 * {@code train --device cuda}: the MLP workloads on the rank's GPU ({@link CudaMlpModel}: θ and the
 * gradients in device memory, cuBLAS GEMMs), trained by {@code psgd} ({@link CudaPsgd}) or {@code
 * dsgd} ({@link CudaDsgd}) over {@code --transport nccl}, whose collectives average the device
 * buffers in place. Found by the trainer through ServiceLoader; loading it loads no native code:
 * {@link #check} probes ({@link NcclProbe}) and refuses with its one line on a machine without a
 * GPU, driver, CUDA runtime, cuBLAS or NCCL.
 *
 * <p>Why not DL4J's CUDA backend: nd4j-cuda-11.6 of 1.0.0-M2.1 is built for CUDA 11.6, whose
 * kernels cannot include sm_90 code (Hopper, H100/H200, needs CUDA ≥ 11.8), and its JavaCPP 1.5.7
 * would meet the CUDA presets' 1.5.13 in one process (README, "On GPUs").
 */
public final class CudaTrainingDevice implements TrainingDevice {
  /** The workloads whose model this device builds: {@code mlp} on 28×28 images, 10 classes. */
  static final Set<String> WORKLOADS = Set.of("mnist-mlp", "fashion-mnist-mlp");

  static final List<String> ALGORITHMS = List.of("psgd", "dsgd");

  /** MlpBuilder's hidden width, so that the workload names mean the same network. */
  static final int HIDDEN = 256;

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public String runtime() {
    return "CUDA: cuBLAS GEMMs and NCCL on device memory (JavaCPP CUDA presets), ReLU and softmax"
        + " on the host";
  }

  @Override
  public String allreduce() {
    return "nccl";
  }

  @Override
  public String neighborAverage() {
    return "nccl";
  }

  @Override
  public void check(TrainConfig config) {
    if (!"nccl".equals(config.transport())) {
      throw new IllegalArgumentException(
          "--device cuda trains with the collectives on the device: add --transport nccl (got"
              + " --transport "
              + config.transport()
              + ")");
    }
    String workload = config.workload();
    if (!WORKLOADS.contains(workload)) {
      throw new IllegalArgumentException(
          "--device cuda runs the MLP workloads only ("
              + String.join(", ", WORKLOADS.stream().sorted().toList())
              + "), not "
              + workload);
    }
    if (!ALGORITHMS.contains(config.algorithm())) {
      throw new IllegalArgumentException(
          "--device cuda runs --algorithm psgd or dsgd, not " + config.algorithm());
    }
    if (!config.algorithmParameters().isEmpty()) {
      throw new IllegalArgumentException(
          "--device cuda: " + config.algorithm() + " takes no parameters here");
    }
    if (!config.allreduce().startsWith("nccl")) {
      throw new IllegalArgumentException(
          "--device cuda averages on the device: --allreduce nccl or nccl-ring, not "
              + config.allreduce());
    }
    if (config.usesTopology() && !"nccl".equals(config.neighborAverage())) {
      throw new IllegalArgumentException(
          "--device cuda gossips on the device: --neighbor-average nccl, not "
              + config.neighborAverage());
    }
    NcclProbe.Result probe = NcclProbe.probe();
    if (!probe.available()) {
      throw new IllegalArgumentException("--device cuda: " + probe.reason());
    }
  }

  @Override
  public Model model(Communicator comm, TrainConfig config, TrainingData data) {
    if (!(comm instanceof NcclCommunicator nccl)) {
      throw new IllegalArgumentException(
          "--device cuda needs --transport nccl, not " + comm.transport());
    }
    if (data.train().numClasses() < 2) {
      throw new IllegalArgumentException("--device cuda trains classifiers only");
    }
    return new CudaMlpModel(
        nccl,
        data.train().featureCount(),
        HIDDEN,
        data.train().numClasses(),
        config.batch(),
        config.seed());
  }

  @Override
  public Algorithm algorithm(TrainConfig config, AlgorithmContext ctx) {
    if (!(ctx.model() instanceof CudaMlpModel m)) {
      throw new IllegalStateException("the cuda device's algorithms need the cuda device's model");
    }
    return switch (config.algorithm()) {
      case "psgd" -> new CudaPsgd(ctx, m);
      case "dsgd" -> new CudaDsgd(ctx, m);
      default ->
          throw new IllegalArgumentException(
              "--device cuda runs --algorithm psgd or dsgd, not " + config.algorithm());
    };
  }

  /** The run's momentum form on the device, with its own zeroed velocity vector when it has one. */
  static DeviceOptimizer optimizer(AlgorithmContext ctx, CudaMlpModel model) {
    Momentum momentum = ctx.options().momentum();
    long velocity = momentum == Momentum.NONE ? 0 : model.address(model.deviceBuffer().host());
    return new DeviceOptimizer(
        model.ops(), momentum, ctx.options().beta(), velocity, model.parameterCount());
  }
}
