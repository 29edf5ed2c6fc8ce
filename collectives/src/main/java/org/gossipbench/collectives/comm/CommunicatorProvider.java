package org.gossipbench.collectives.comm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.gossipbench.collectives.collective.CollectiveRegistry;

/**
 * A transport that lives outside this module (MPI, NCCL: they need native libraries the default
 * build must not), found with {@link ServiceLoader}: the module lists its provider in {@code
 * META-INF/services/org.gossipbench.collectives.comm.CommunicatorProvider}. A provider may also
 * bring the vendor's own collectives (e.g. {@code MPI_Allreduce}) as extra algorithms, so they are
 * measured side by side with ours under the same names and checks.
 *
 * <p>Constructing a provider must not touch its native library: {@link #join} is where a missing
 * library becomes a one-line error.
 */
public interface CommunicatorProvider {

  /** The {@code --transport} name, e.g. {@code mpi}. */
  String transport();

  /**
   * Joins the job this process was started into (rank and size come from the transport's own
   * launcher, e.g. mpirun or srun).
   *
   * @throws CommunicatorException on one line, naming what is missing (library, launcher)
   */
  Communicator join(Duration timeout);

  /** Collectives that run only over this transport; registered beside the built-in ones. */
  default List<CollectiveRegistry.Entry> collectives() {
    return List.of();
  }

  /** Every provider on the class path, in class-path order. */
  static List<CommunicatorProvider> all() {
    List<CommunicatorProvider> out = new ArrayList<>();
    ServiceLoader.load(CommunicatorProvider.class).forEach(out::add);
    return out;
  }

  /** The provider of {@code transport}, if this build has one. */
  static Optional<CommunicatorProvider> find(String transport) {
    return all().stream().filter(p -> p.transport().equals(transport)).findFirst();
  }
}
