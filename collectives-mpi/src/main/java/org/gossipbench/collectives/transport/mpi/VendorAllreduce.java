package org.gossipbench.collectives.transport.mpi;

import java.nio.Buffer;
import mpi.MPI;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DirectBuf;
import org.gossipbench.collectives.buffer.DirectStaging;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.ReduceOp;

/**
 * The vendor's allreduce, {@code MPI_Allreduce} (in place, {@code MPI_SUM}), as the baseline our
 * ring and halving-doubling are compared with: Open MPI's tuned component picks the algorithm by
 * size and rank count. Heap data crosses into a direct buffer and back around the call, as our own
 * requests' data does; a {@link DirectBuf} is reduced where it lies. For {@link ReduceOp#AVG} the
 * sum is scaled by 1/n afterwards, as ours is.
 */
final class VendorAllreduce implements Collective {
  private final MpiCommunicator comm;
  private final Buf data;
  private final int count;
  private final ReduceOp reduceOp;
  private final Buffer direct;
  private final boolean inPlace; // data is direct: MPI reduces its memory, no copies
  private final mpi.Datatype type;
  private final MpiCommunicator.MpiCall allreduce; // made once: a lambda per call would allocate

  VendorAllreduce(MpiCommunicator comm, Buf data, int count, ReduceOp reduceOp) {
    this.comm = comm;
    this.data = data;
    this.count = count;
    this.reduceOp = reduceOp;
    this.inPlace = data instanceof DirectBuf;
    this.direct =
        inPlace
            ? DirectStaging.view(((DirectBuf) data).bytes(), data.dtype())
            : DirectStaging.allocateView(data.dtype(), count);
    this.type = MpiCommunicator.datatype(data.dtype());
    this.allreduce = () -> comm.world().allReduce(direct, count, type, MPI.SUM);
  }

  @Override
  public String op() {
    return "allreduce";
  }

  @Override
  public String algorithm() {
    return "vendor";
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public void run(long iteration) {
    int n = comm.size();
    if (n == 1) {
      return;
    }
    if (!inPlace) {
      data.copyToView(0, direct, 0, count);
    }
    comm.blocking("MPI_Allreduce", allreduce);
    if (!inPlace) {
      data.copyFromView(direct, 0, 0, count);
    }
    if (reduceOp == ReduceOp.AVG) {
      data.scale(0, count, 1.0 / n);
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    int n = comm.size();
    return 2.0 * (n - 1) / n;
  }
}
