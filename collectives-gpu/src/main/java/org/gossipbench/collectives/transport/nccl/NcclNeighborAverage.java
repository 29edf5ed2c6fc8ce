package org.gossipbench.collectives.transport.nccl;

import org.bytedeco.cuda.global.nccl;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Neighbor averaging on the device, x_i ← w_ii x_i + Σ_j w_ij x_j (SPEC §2): one NCCL group per
 * iteration with an {@code ncclSend} of x_i to every out-neighbor and an {@code ncclRecv} from
 * every in-neighbor into its own slot of device scratch, then the weighted sum on the device in the
 * weight matrix's row order, the order {@link
 * org.gossipbench.collectives.collective.NeighborAverageOp} fixes: x *= w_ii, and per in-neighbor
 * its slot *= w_ij, x += slot. Scaling the slot first and adding with α = 1 keeps every product and
 * sum rounded separately, as the check expects, where an axpy with α = w_ij could fuse them into
 * one rounding.
 *
 * <p>Why cuBLAS for the arithmetic rather than a kernel compiled through NVRTC: scal and axpy are
 * all it needs, cuBLAS ships wherever the CUDA runtime does (toolkit or PyTorch's wheels), and it
 * leaves no CUDA C source in a Java module to compile and check at run time; the cost is one extra
 * pass over each received slot, memory-bound on a device whose memory outruns its links.
 *
 * <p>Static topologies have one phase and periodic ones (one-peer exponential) one per iteration of
 * the period, planned at construction; a topology without a period has no finite plan.
 */
final class NcclNeighborAverage extends DeviceCollective {
  private final Phase[] phases;
  private final NcclDeviceBuffer recv;
  private final DeviceAddress.Bytes sendAt = new DeviceAddress.Bytes();
  private final DeviceAddress.Bytes recvAt = new DeviceAddress.Bytes();

  /** One W^(k): whom this rank sends to, receives from (row order) and with which weights. */
  record Phase(int[] destinations, int[] sources, double[] weights, double selfWeight) {
    static Phase of(WeightMatrix w, int rank) {
      int[] sources = new int[w.inDegree(rank)];
      double[] weights = new double[sources.length];
      int m = 0;
      for (int p = w.rowStart(rank); p < w.rowEnd(rank); p++) {
        if (w.column(p) != rank && w.weight(p) != 0.0) {
          sources[m] = w.column(p);
          weights[m++] = w.weight(p);
        }
      }
      if (m != sources.length) {
        throw new IllegalStateException(
            "row " + rank + " of the weight matrix holds explicit zeros");
      }
      WeightMatrix t = w.transpose();
      int[] destinations = new int[t.inDegree(rank)];
      int d = 0;
      for (int p = t.rowStart(rank); p < t.rowEnd(rank); p++) {
        if (t.column(p) != rank && t.weight(p) != 0.0) {
          destinations[d++] = t.column(p);
        }
      }
      return new Phase(destinations, sources, weights, w.selfWeight(rank));
    }
  }

  NcclNeighborAverage(NcclCommunicator comm, Buf data, int count, Topology topology) {
    super(comm, data, count, count, "neighbor-average/nccl");
    phases = plan(topology, comm.rank());
    int maxIn = 0;
    for (Phase p : phases) {
      maxIn = Math.max(maxIn, p.sources().length);
    }
    recv = comm.scratch(type, Math.multiplyExact(maxIn, count));
  }

  /** Every phase of {@code topology} for {@code rank}; package-private for tests. */
  static Phase[] plan(Topology topology, int rank) {
    if (topology.isTimeVarying() && topology.period().isEmpty()) {
      throw new IllegalArgumentException(
          "neighbor-average/nccl plans one NCCL group per phase, so it needs a static or"
              + " periodic topology; "
              + topology.name()
              + " has no period");
    }
    int n = topology.isTimeVarying() ? topology.period().getAsInt() : 1;
    Phase[] phases = new Phase[n];
    for (int k = 0; k < n; k++) {
      phases[k] = Phase.of(topology.weights(k), rank);
    }
    return phases;
  }

  @Override
  public String op() {
    return "neighbor-average";
  }

  @Override
  public String algorithm() {
    return "nccl";
  }

  @Override
  protected void enqueue(long iteration) {
    Phase p = phases[(int) Math.floorMod(iteration, (long) phases.length)];
    long bytes = (long) count * type.bytes();
    if (count > 0 && (p.destinations().length > 0 || p.sources().length > 0)) {
      groupStart();
      for (int d : p.destinations()) {
        comm.nccl(
            nccl.ncclSend(sendAt.at(address), count, ncclType, d, comm.nccl(), comm.stream()),
            "ncclSend");
      }
      for (int j = 0; j < p.sources().length; j++) {
        comm.nccl(
            nccl.ncclRecv(
                recvAt.at(recv.address((long) j * count)),
                count,
                ncclType,
                p.sources()[j],
                comm.nccl(),
                comm.stream()),
            "ncclRecv");
      }
      groupEnd();
      comm.countSent(bytes * p.destinations().length);
      comm.countReceived(bytes * p.sources().length);
    }
    comm.scale(type, address, count, p.selfWeight());
    for (int j = 0; j < p.sources().length; j++) {
      long slot = recv.address((long) j * count);
      comm.scale(type, slot, count, p.weights()[j]);
      comm.add(type, address, slot, count);
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return phases[(int) Math.floorMod(iteration, (long) phases.length)].sources().length;
  }
}
