package org.gossipbench.collectives.transport.mpi;

import java.util.List;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.SingleRankJob;
import org.gossipbench.collectives.comm.TransportConfig;

/**
 * Registers {@code --transport mpi} and the vendor algorithms {@code allreduce/vendor} and {@code
 * neighbor-average/vendor} (found through ServiceLoader, so the default build knows nothing of
 * MPI). Loading this class loads no native code.
 */
public final class MpiProvider implements CommunicatorProvider {

  @Override
  public String transport() {
    return "mpi";
  }

  @Override
  public String description() {
    return "one rank per process under mpirun or srun, over Open MPI (needs a build with -Pmpi)";
  }

  @Override
  public Job join(TransportConfig config) {
    MpiCommunicator comm = MpiCommunicator.join(config.timeout());
    if (config.ranks() > 0 && config.ranks() != comm.size()) {
      comm.close();
      throw new IllegalArgumentException(
          "-np " + config.ranks() + " does not match mpirun's world size " + comm.size());
    }
    return new SingleRankJob(comm);
  }

  @Override
  public List<CollectiveRegistry.Entry> collectives() {
    return List.of(
        CollectiveRegistry.Entry.vendor(
            "allreduce",
            "vendor",
            "MPI_Allreduce (the MPI library's own choice of algorithm); --transport mpi only",
            transport(),
            (c, d, n, o) -> new VendorAllreduce(mpi(c, "allreduce"), d, n, o.reduceOp())),
        CollectiveRegistry.Entry.vendor(
            "neighbor-average",
            "vendor",
            "MPI_Neighbor_allgather on a distributed graph per phase, then the weighted sum;"
                + " --transport mpi only",
            transport(),
            (c, d, n, o) ->
                new VendorNeighborAverage(mpi(c, "neighbor-average"), d, n, o.topology())));
  }

  private static MpiCommunicator mpi(Communicator c, String op) {
    if (c instanceof MpiCommunicator m) {
      return m;
    }
    throw new IllegalArgumentException(
        op + "/vendor runs only over --transport mpi, not " + c.transport());
  }
}
