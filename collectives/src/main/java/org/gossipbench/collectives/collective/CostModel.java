package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyValidator;

/**
 * One algorithm's α–β (Hockney) counts: the collective costs a·α + b·β with a the dependent rounds
 * (α is paid once per round: messages started together overlap their start-up) and b the bytes on
 * the busiest link. The bench module's {@code AlphaBetaModel} fits α and β to these counts and
 * states where they depart from SPEC &sect;5.
 */
@FunctionalInterface
public interface CostModel {

  /**
   * The counts of one run: a rounds, b bytes on the busiest link; of those, {@code interRounds}
   * rounds and {@code interBytes} bytes cross between groups of ranks (machines), for collectives
   * that tell the two link classes apart (hierarchical ones). Priced with one link, a·α + b·β; with
   * two, (a − a_inter)·α_intra + (b − b_inter)·β_intra + a_inter·α_inter + b_inter·β_inter.
   *
   * @param rounds a, all dependent rounds
   * @param bytes b, all bytes on the busiest path (intra- and inter-group links in turn)
   * @param interRounds the rounds among a that run on inter-group links (0 ≤ it ≤ a)
   * @param interBytes the bytes among b that run on the busiest inter-group link (0 ≤ it ≤ b)
   */
  record Counts(double rounds, double bytes, double interRounds, double interBytes) {

    public Counts {
      if (!(interRounds >= 0 && interRounds <= rounds && interBytes >= 0 && interBytes <= bytes)) {
        throw new IllegalArgumentException(
            "inter-group counts must lie within the totals, got rounds "
                + interRounds
                + " of "
                + rounds
                + ", bytes "
                + interBytes
                + " of "
                + bytes);
      }
    }

    /** Counts of a collective that does not tell links apart: nothing marked inter-group. */
    public Counts(double rounds, double bytes) {
      this(rounds, bytes, 0, 0);
    }

    /**
     * Intra-group counts {@code intra} followed by inter-group counts {@code inter}, as one run.
     */
    public static Counts of(Counts intra, Counts inter) {
      return new Counts(
          intra.rounds() + inter.rounds(),
          intra.bytes() + inter.bytes(),
          inter.rounds(),
          inter.bytes());
    }

    /** The rounds on intra-group links: a − a_inter. */
    public double intraRounds() {
      return rounds - interRounds;
    }

    /** The bytes on intra-group links: b − b_inter. */
    public double intraBytes() {
      return bytes - interBytes;
    }

    /**
     * These counts with every round and byte on inter-group links: how a flat collective, whose
     * every step has some rank talking across groups, meets a two-rate cluster.
     */
    public Counts acrossGroups() {
      return new Counts(rounds, bytes, rounds, bytes);
    }
  }

  /**
   * @param n ranks
   * @param bytes S, the message bytes per rank (the op's, as the sweep logs them)
   * @param segmentBytes the largest message a block is cut into
   * @param topology the graph, for ops that need one; null otherwise
   */
  Counts counts(int n, long bytes, long segmentBytes, Topology topology);

  /** Largest in-degree over the ranks and one period (for one-peer graphs: 1). */
  static int maxInDegree(Topology t) {
    int d = 0;
    for (int k = 0; k < TopologyValidator.window(t); k++) {
      d = Math.max(d, t.weights(k).maxInDegree());
    }
    return d;
  }
}
