package org.gossipbench.collectives.topology;

import java.util.ArrayDeque;

/**
 * Checks what every topology must satisfy (SPEC &sect;2): each W^(k) non-negative and doubly
 * stochastic to {@value #TOLERANCE} (only column-stochastic for a topology whose {@link
 * Topology#mixing()} says so), and, for periodic topologies, the union of the graphs over one
 * period strongly connected, so that repeated mixing reaches consensus. Topologies drawing a fresh
 * random graph every iteration have their matrices checked over the analysis window.
 */
public final class TopologyValidator {
  public static final double TOLERANCE = 1e-12;

  private TopologyValidator() {}

  /** Number of iterations examined: the period, or ⌈log₂ n⌉ (at least 1) when aperiodic. */
  public static int window(Topology topology) {
    return topology.period().orElse(Math.max(1, Circulant.ceilLog2(topology.size())));
  }

  /**
   * @throws TopologyException naming the topology, n, iteration and the failing row, column or node
   */
  public static void validate(Topology topology) {
    int n = topology.size();
    int window = window(topology);
    for (int k = 0; k < window; k++) {
      WeightMatrix w = topology.weights(k);
      if (w.size() != n) {
        throw new TopologyException(
            context(topology, k) + ": matrix is " + w.size() + "x" + w.size());
      }
      w.validate(context(topology, k), TOLERANCE, topology.mixing());
    }
    if (topology.period().isEmpty()) {
      // A topology that draws a fresh random graph every iteration is connected in expectation
      // (E[W] mixes), not over any fixed window: a short window can miss edges by chance.
      return;
    }
    // Strong connectivity of the union graph = every node reachable from node 0 along the flow
    // of information, and node 0 reachable from every node.
    int unreachedForward = firstUnreached(topology, window, false);
    if (unreachedForward >= 0) {
      throw new TopologyException(
          topology.name()
              + " n="
              + n
              + ": node "
              + unreachedForward
              + " never receives from node 0 over "
              + window
              + " iteration(s); the graph is not strongly connected");
    }
    int unreachedBackward = firstUnreached(topology, window, true);
    if (unreachedBackward >= 0) {
      throw new TopologyException(
          topology.name()
              + " n="
              + n
              + ": node 0 never receives from node "
              + unreachedBackward
              + " over "
              + window
              + " iteration(s); the graph is not strongly connected");
    }
  }

  private static String context(Topology topology, long k) {
    return topology.name() + " n=" + topology.size() + " iteration " + k;
  }

  /** Breadth-first search over the union graph; returns a node not reached from 0, or −1. */
  private static int firstUnreached(Topology topology, int window, boolean backward) {
    int n = topology.size();
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    seen[0] = true;
    queue.add(0);
    while (!queue.isEmpty()) {
      int v = queue.poll();
      for (int k = 0; k < window; k++) {
        // Row i lists senders to i. Information flows sender -> receiver; "forward" follows it
        // (who hears from v), so it walks the transpose's row v.
        WeightMatrix w = backward ? topology.weights(k) : topology.weights(k).transpose();
        for (int p = w.rowStart(v); p < w.rowEnd(v); p++) {
          int u = w.column(p);
          if (!seen[u]) {
            seen[u] = true;
            queue.add(u);
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!seen[i]) {
        return i;
      }
    }
    return -1;
  }
}
