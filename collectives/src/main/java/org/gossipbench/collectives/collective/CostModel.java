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

  /** The counts of one run: a rounds, b bytes on the busiest link. */
  record Counts(double rounds, double bytes) {}

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
