package org.gossipbench.workloads.gpu;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DeviceBuffer;
import org.gossipbench.collectives.transport.nccl.NcclCommunicator;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.DenseMlp;
import org.gossipbench.workloads.model.Evaluation;
import org.gossipbench.workloads.model.Model;

/**
 * The MLP of {@link DenseMlp} with θ in one flat device buffer of the rank's NCCL communicator, so
 * that the rank's collectives, planned on its {@linkplain DeviceBuffer#host() mirror}, average it
 * (or a gradient buffer made by {@link #deviceBuffer()}) on the device. {@link #parameters()} is
 * that mirror: current only after {@link #download()}, which the algorithms' {@code estimate()}
 * calls for evaluation, the one time θ leaves the device. {@link #gradient} takes the mirror of a
 * device buffer and writes the gradient into its device copy; it returns once the device has
 * finished it, so a step's compute and communication times stay apart. {@link #evaluate} runs on
 * the host, with the reference model, on the x̄ the trainer formed there.
 */
final class CudaMlpModel implements Model {
  private final NcclCommunicator comm;
  private final CudaOps ops;
  private final CublasMlp mlp;
  private final DenseMlp reference;
  private final DeviceBuffer theta;
  private final long thetaAddress;

  CudaMlpModel(NcclCommunicator comm, int inputs, int hidden, int classes, int batch, long seed) {
    this.comm = comm;
    this.reference = new DenseMlp(inputs, hidden, classes, seed);
    this.ops = new CudaOps(comm, Math.max(inputs, hidden) * batch);
    this.mlp = new CublasMlp(ops, inputs, hidden, classes, batch);
    this.theta = comm.allocateDevice(DType.FLOAT32, reference.parameterCount());
    // the reference's x⁽⁰⁾, so that every rank, and a host run of DenseMlp, start from one point
    reference.parameters().copyTo(0, theta.host(), 0, reference.parameterCount());
    theta.upload();
    this.thetaAddress = comm.deviceAddress(theta.host());
  }

  /** A zeroed device vector of θ's length (a gradient, a momentum buffer); freed with the rank. */
  DeviceBuffer deviceBuffer() {
    return comm.allocateDevice(DType.FLOAT32, reference.parameterCount());
  }

  CudaOps ops() {
    return ops;
  }

  long thetaAddress() {
    return thetaAddress;
  }

  long address(Buf mirror) {
    return comm.deviceAddress(mirror);
  }

  /** θ's mirror ← θ on the device. */
  Buf download() {
    theta.download();
    return theta.host();
  }

  @Override
  public DType dtype() {
    return DType.FLOAT32;
  }

  @Override
  public int parameterCount() {
    return reference.parameterCount();
  }

  @Override
  public Buf parameters() {
    return theta.host();
  }

  @Override
  public double gradient(Batch batch, Buf gradient) {
    double loss =
        mlp.gradient(
            batch.features(),
            batch.labels(),
            batch.size(),
            thetaAddress,
            comm.deviceAddress(gradient));
    ops.synchronize("the MLP's backward pass");
    return loss;
  }

  @Override
  public Evaluation evaluate(Buf x, Dataset data, int from, int to) {
    return reference.evaluate(x, data, from, to);
  }

  @Override
  public String describe() {
    return "MLP "
        + reference.inputs()
        + "-"
        + reference.hidden()
        + "-"
        + reference.classes()
        + " (ReLU, softmax) on CUDA device "
        + comm.device()
        + ": cuBLAS GEMMs, elementwise on the host, "
        + reference.parameterCount()
        + " float32 parameters in one device buffer";
  }

  @Override
  public void close() {
    ops.close();
    theta.close();
  }
}
