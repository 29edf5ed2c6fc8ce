package org.gossipbench.collectives.comm;

/**
 * One rank of a {@link PointToPointContract} job, as its own process: {@code <transport>
 * <SCENARIO>}; the launcher's variables (GOSSIPBENCH_* or mpirun's) say which rank. Prints {@code
 * rank R SCENARIO ok} once this rank's checks held (before closing: under mpirun a broken job may
 * be ended during close), or {@code rank R SCENARIO failed: …} and exits 1.
 */
public final class PointToPointRankMain {
  private PointToPointRankMain() {}

  public static void main(String[] args) {
    PointToPointContract.Scenario scenario = PointToPointContract.Scenario.valueOf(args[1]);
    Job job =
        new TransportConfig()
            .transport(args[0])
            .ranks(scenario.ranks())
            .timeout(scenario.timeout())
            .join();
    int[] rank = {-1};
    try {
      job.run(
          comm -> {
            rank[0] = comm.rank();
            scenario.run(comm);
          });
    } catch (RuntimeException | AssertionError e) {
      System.out.println("rank " + rank[0] + " " + scenario + " failed: " + e.getMessage());
      System.out.flush();
      System.exit(1);
    }
    System.out.println("rank " + rank[0] + " " + scenario + " ok");
    System.out.flush();
    job.close();
  }
}
