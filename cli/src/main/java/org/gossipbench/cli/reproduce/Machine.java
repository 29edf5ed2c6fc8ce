package org.gossipbench.cli.reproduce;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this machine offers beyond a JDK, which decides the plan's optional collectives parts: Open
 * MPI (the vendor comparison, {@code ci/vendor-compare.sh}), the mpi transport in this build (our
 * ring over MPI beside it), and root with network namespaces (the emulated two-rate cluster, {@code
 * ci/netcluster-hier.sh}). The scripts live in the source tree, so {@code home} (the checkout,
 * {@code -Dgossipbench.home}) must be known for either.
 *
 * @param home the checkout holding ci/, or null when running from a bare jar
 */
public record Machine(String home, boolean vendorMpi, boolean mpiTransport, boolean namespaces) {
  public static final Machine NONE = new Machine(null, false, false, false);

  /** What is here: mpirun and mpicc on the PATH, the mpi provider, root with ip netns. */
  public static Machine detect(String home, boolean mpiTransport) {
    if (home == null || !Files.isRegularFile(Path.of(home, "ci", "vendor-compare.sh"))) {
      return NONE;
    }
    boolean mpi = onPath("mpirun") && onPath("mpicc");
    boolean root = "root".equals(System.getProperty("user.name")) && onPath("ip") && onPath("tc");
    return new Machine(home, mpi, mpi && mpiTransport, root);
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
