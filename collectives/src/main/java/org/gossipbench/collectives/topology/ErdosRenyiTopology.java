package org.gossipbench.collectives.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Erdős–Rényi G(n, p), conditioned on being connected, with Metropolis–Hastings weights. Each of
 * the n(n−1)/2 edges is present independently with probability p; draws are repeated (from the same
 * seeded stream) until the graph is connected, at most {@value #MAX_DRAWS} times.
 */
public final class ErdosRenyiTopology {
  static final int MAX_DRAWS = 1000;

  private ErdosRenyiTopology() {}

  public static Topology create(int n, double p, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String name = "erdos-renyi:p=" + p + ":seed=" + seed;
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      List<List<Integer>> adj = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        adj.add(new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (random.nextDouble() < p) {
            adj.get(i).add(j);
            adj.get(j).add(i);
          }
        }
      }
      if (isConnected(adj)) {
        List<int[]> neighbors = new ArrayList<>(n);
        for (List<Integer> a : adj) {
          neighbors.add(a.stream().mapToInt(Integer::intValue).toArray());
        }
        return new StaticTopology(name, MetropolisHastings.weights(neighbors));
      }
    }
    throw new TopologyException(
        "erdos-renyi: no connected G(n="
            + n
            + ", p="
            + p
            + ") in "
            + MAX_DRAWS
            + " draws from seed "
            + seed
            + "; raise p (connectivity needs p above about ln(n)/n = "
            + String.format(java.util.Locale.ROOT, "%.3f", Math.log(n) / n)
            + ")");
  }

  private static boolean isConnected(List<List<Integer>> adj) {
    int n = adj.size();
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    seen[0] = true;
    int reached = 1;
    while (!queue.isEmpty()) {
      for (int j : adj.get(queue.poll())) {
        if (!seen[j]) {
          seen[j] = true;
          reached++;
          queue.add(j);
        }
      }
    }
    return reached == n;
  }
}
