package org.gossipbench.collectives.transport.mpi;

import java.nio.Buffer;
import mpi.GraphComm;
import mpi.MPI;
import mpi.MPIException;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DirectBuf;
import org.gossipbench.collectives.buffer.DirectStaging;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Neighbor averaging with MPI-3 neighborhood collectives, the vendor's way: one distributed graph
 * communicator per phase of the topology ({@code MPI_Dist_graph_create_adjacent}, no reordering, so
 * ranks keep their places), {@code MPI_Neighbor_allgather} of every rank's vector, then x_i = w_ii
 * x_i + Σ_j w_ij x_j summed in the weight matrix's row order, the order {@link
 * org.gossipbench.collectives.collective.NeighborAverage} uses, so both give the same bits.
 *
 * <p>Static topologies have one phase, periodic ones (one-peer exponential, Base-(k+1)) one per
 * iteration of the period; a topology without a period has no finite set of graphs to build.
 */
final class VendorNeighborAverage implements Collective {
  private final MpiCommunicator comm;
  private final Buf data;
  private final int count;
  private final Topology topology;
  private final GraphComm[] graphs;
  private final int[] inDegrees;
  private final Buffer send;
  private final boolean sendInPlace; // data is direct: MPI sends from its memory, no copy
  private final Buffer recv;
  private final mpi.Datatype type;
  private final MpiCommunicator.MpiCall[] gathers; // made once: a lambda per call would allocate

  VendorNeighborAverage(MpiCommunicator comm, Buf data, int count, Topology topology) {
    if (topology.isTimeVarying() && topology.period().isEmpty()) {
      throw new IllegalArgumentException(
          "neighbor-average/vendor builds one MPI graph per phase, so it needs a static or"
              + " periodic topology; "
              + topology.name()
              + " has no period");
    }
    this.comm = comm;
    this.data = data;
    this.count = count;
    this.topology = topology;
    this.type = MpiCommunicator.datatype(data.dtype());
    int phases = topology.isTimeVarying() ? topology.period().getAsInt() : 1;
    int rank = comm.rank();
    graphs = new GraphComm[phases];
    inDegrees = new int[phases];
    gathers = new MpiCommunicator.MpiCall[phases];
    int maxIn = 0;
    for (int k = 0; k < phases; k++) {
      WeightMatrix w = topology.weights(k);
      inDegrees[k] = w.inDegree(rank);
      maxIn = Math.max(maxIn, inDegrees[k]);
    }
    sendInPlace = data instanceof DirectBuf;
    send =
        sendInPlace
            ? DirectStaging.view(((DirectBuf) data).bytes(), data.dtype())
            : DirectStaging.allocateView(data.dtype(), count);
    recv = DirectStaging.allocateView(data.dtype(), Math.multiplyExact(Math.max(1, maxIn), count));
    for (int k = 0; k < phases; k++) {
      WeightMatrix w = topology.weights(k);
      int[] sources = neighbors(w, rank);
      int[] destinations = neighbors(w.transpose(), rank);
      try {
        graphs[k] =
            comm.world().createDistGraphAdjacent(sources, destinations, MPI.INFO_NULL, false);
      } catch (MPIException e) {
        throw comm.fail("MPI_Dist_graph_create_adjacent", e);
      }
      GraphComm g = graphs[k];
      gathers[k] = () -> g.neighborAllGather(send, count, type, recv, count, type);
    }
  }

  /** Row i of w without the diagonal, in row order: who i receives from (in w) or sends to (wᵀ). */
  private static int[] neighbors(WeightMatrix w, int i) {
    int[] out = new int[w.inDegree(i)];
    int m = 0;
    for (int p = w.rowStart(i); p < w.rowEnd(i); p++) {
      if (w.column(p) != i && w.weight(p) != 0.0) {
        out[m++] = w.column(p);
      }
    }
    if (m != out.length) {
      throw new IllegalStateException("row " + i + " of the weight matrix holds explicit zeros");
    }
    return out;
  }

  @Override
  public String op() {
    return "neighbor-average";
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
    int phase = (int) Math.floorMod(iteration, (long) graphs.length);
    WeightMatrix w = topology.weights(iteration);
    int rank = comm.rank();
    if (!sendInPlace) {
      data.copyToView(0, send, 0, count);
    }
    comm.blocking("MPI_Neighbor_allgather", gathers[phase]);
    data.scale(0, count, w.selfWeight(rank));
    int slot = 0;
    for (int p = w.rowStart(rank); p < w.rowEnd(rank); p++) {
      if (w.column(p) != rank) {
        comm.staging().combine(recv, slot * count, data, 0, count, 1.0, w.weight(p));
        slot++;
      }
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return topology.weights(iteration).inDegree(comm.rank());
  }
}
