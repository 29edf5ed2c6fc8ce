package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.topology.Topology;

/**
 * Allreduce that picks its algorithm by message size and rank count, as MPI libraries do (MPICH's
 * and Open MPI's tuned decision functions): the fewest dependent steps for short messages, where
 * every step's hand-off and wake-up dominate, and the fewest bytes per link for long ones.
 *
 * <p>The rule, for S bytes per rank on n ranks ({@link #choose}):
 *
 * <ul>
 *   <li>S ≤ {@value #RECURSIVE_DOUBLING_MAX_BYTES} bytes: {@code recursive-doubling}, log₂ n steps
 *       of S;
 *   <li>S ≤ n · {@value #RING_MIN_STEP_BYTES} bytes (the ring's steps of S/n would be shorter than
 *       {@value #RING_MIN_STEP_BYTES} bytes): {@code halving-doubling}, 2 log₂ n steps, 2(n−1)/n ·
 *       S;
 *   <li>larger: {@code ring}, 2(n−1) steps, 2(n−1)/n · S, the only one whose every step moves data
 *       between neighbours only, and whose pipeline keeps every link busy.
 * </ul>
 *
 * <p>n = 2 is one exchange whatever the algorithm (recursive doubling and halving-doubling send the
 * partner everything or half of it, the ring half of it twice); it follows the same rule.
 *
 * <p>Measured crossovers (in-process transport, this project's 2-core machine, median of the
 * slowest rank; the numbers behind each threshold are in the closing note and reproduced by
 * {@code ci/allreduce-crossover.sh}): {@value #CROSSOVER_NOTE}
 *
 * <p>Every rank computes the same choice from (n, S), so all ranks run the same algorithm; the
 * result is logged under the name {@code auto} and {@link #chosen()} says which ran.
 */
public final class AdaptiveAllreduce implements Collective {
  /** Largest message, in bytes per rank, that recursive doubling handles. */
  public static final long RECURSIVE_DOUBLING_MAX_BYTES = 32L << 10;

  /**
   * Largest ring step, in bytes, below which halving-doubling runs instead: the ring moves S/n per
   * step, and below this its 2(n−1) step start-ups cost more than halving-doubling's extra reach.
   */
  public static final long RING_MIN_STEP_BYTES = 64L << 10;

  private final Collective chosen;

  public AdaptiveAllreduce(Communicator comm, Buf data, int count, CollectiveOptions options) {
    String algorithm = choose(comm.size(), (long) count * data.dtype().bytes());
    this.chosen = CollectiveRegistry.create("allreduce", algorithm, comm, data, count, options);
  }

  /** The algorithm the rule picks for {@code bytes} per rank on {@code n} ranks. */
  public static String choose(int n, long bytes) {
    if (bytes <= RECURSIVE_DOUBLING_MAX_BYTES) {
      return "recursive-doubling";
    }
    if (bytes <= halvingDoublingMaxBytes(n)) {
      return "halving-doubling";
    }
    return "ring";
  }

  /**
   * Largest message, in bytes per rank, that halving-doubling handles on n ranks: n steps' worth.
   */
  public static long halvingDoublingMaxBytes(int n) {
    return RING_MIN_STEP_BYTES * n;
  }

  /** The α–β counts of the algorithm the rule picks. */
  static CostModel.Counts counts(int n, long bytes, long segmentBytes, Topology topology) {
    return CollectiveRegistry.get("allreduce", choose(n, bytes))
        .cost()
        .orElseThrow()
        .counts(n, bytes, segmentBytes, topology);
  }

  /** The name of the algorithm that runs. */
  public String chosen() {
    return chosen.algorithm();
  }

  @Override
  public String op() {
    return "allreduce";
  }

  @Override
  public String algorithm() {
    return "auto";
  }

  @Override
  public int count() {
    return chosen.count();
  }

  @Override
  public void run(long iteration) {
    chosen.run(iteration);
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return chosen.busBandwidthFactor(iteration);
  }
}
