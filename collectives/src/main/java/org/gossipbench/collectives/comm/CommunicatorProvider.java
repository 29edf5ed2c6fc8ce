package org.gossipbench.collectives.comm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.gossipbench.collectives.collective.CollectiveRegistry;

/**
 * A transport, found by its name with {@link ServiceLoader}: this is the one place transports are
 * registered. The built-in ones ({@code local}, {@code tcp}) and those of modules built behind a
 * profile (MPI, NCCL: they need native libraries the default build must not) all list their
 * provider in {@code META-INF/services/org.gossipbench.collectives.comm.CommunicatorProvider}, and
 * every caller reaches them through {@link TransportConfig#join()}. A provider may also bring the
 * vendor's own collectives (e.g. {@code MPI_Allreduce}) as extra algorithms, so they are measured
 * side by side with ours under the same names and checks.
 *
 * <p>Constructing a provider must not touch its native library: {@link #join} is where a missing
 * library becomes a one-line error.
 */
public interface CommunicatorProvider {

  /** The {@code --transport} name, e.g. {@code mpi}. */
  String transport();

  /** One line for {@code --help}: what a rank is and who starts the ranks. */
  String description();

  /**
   * Joins the job this process belongs to: creates every rank in-process, or joins as the one rank
   * the launcher (gossipbench launch, torchrun, srun, mpirun) started this process as.
   *
   * @param config concluded; its transport is this provider's
   * @throws CommunicatorException on one line, naming what is missing (library, launcher, peer)
   * @throws IllegalArgumentException on one line, for a setting this transport rejects
   */
  Job join(TransportConfig config);

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
