package org.gossipbench.collectives.topology;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Hierarchical neighbor averaging (BlueFog's hierarchical neighbor allreduce; the seed's clusters
 * are 8 GPUs per node): n nodes in m = n/G groups of G consecutive ranks. Each group averages
 * exactly (an allreduce over its fast local links), the group means mix over an inter-group
 * topology T on m nodes, and every member takes its group's result (a broadcast inside the group):
 *
 * <pre>  W^(k) = T^(k) ⊗ (1/G)·11ᵀ,  i.e.  w_ij = t_{g(i) g(j)}^(k) / G,  g(i) = ⌊i/G⌋.</pre>
 *
 * The eigenvalues of W are those of T and zeros, so ρ(W) = ρ(T), and a product of W's is the
 * product of T's ⊗ (1/G)·11ᵀ: W averages exactly in the rounds T does, and G = n is one exact
 * allreduce. T must be doubly stochastic (push-sum's column-stochastic graphs are refused) and may
 * be time-varying; it draws from this spec's {@code seed}.
 */
public final class HierarchicalTopology implements Topology {
  private final String name;
  private final int n;
  private final int group;
  private final Topology inter;

  /** One matrix per iteration of T's period, built once; null when T has no period. */
  private final WeightMatrix[] cycle;

  private HierarchicalTopology(String name, int n, int group, Topology inter) {
    this.name = name;
    this.n = n;
    this.group = group;
    this.inter = inter;
    OptionalInt p = inter.period();
    if (p.isPresent()) {
      cycle = new WeightMatrix[p.getAsInt()];
      for (int k = 0; k < cycle.length; k++) {
        cycle[k] = expand(inter.weights(k));
      }
    } else {
      cycle = null;
    }
  }

  /**
   * @param interSpec a registered topology for the m = n/G group means
   * @throws TopologyException when G does not divide n, or T is not doubly stochastic or does not
   *     exist for m nodes
   */
  public static HierarchicalTopology create(int n, int group, String interSpec, long seed) {
    if (group < 1) {
      throw new TopologyException("hier: parameter group=" + group + " must be at least 1");
    }
    if (n % group != 0) {
      throw new TopologyException(
          "hier: group="
              + group
              + " does not divide n="
              + n
              + " (groups are G consecutive ranks: use a G that divides n)");
    }
    TopologySpec spec = TopologySpec.parse(interSpec);
    if (spec.name().equals("hier")) {
      throw new TopologyException("hier: inter=hier is not allowed (one level of hierarchy)");
    }
    Topology inter;
    try {
      inter = TopologyRegistry.create(spec, n / group, seed);
    } catch (TopologyException e) {
      throw new TopologyException(
          "hier: inter-group topology for m=" + n / group + " groups: " + e.getMessage());
    }
    if (inter.mixing() != Mixing.DOUBLY_STOCHASTIC) {
      throw new TopologyException(
          "hier: inter="
              + inter.name()
              + " is column stochastic only; the group means need a doubly stochastic topology");
    }
    // the inter spec is a bare name (a colon would start one of hier's own parameters), so the
    // canonical name carries the seed only where the inter topology draws from one
    boolean seeded = TopologyRegistry.check(spec).parameters().contains("seed");
    return new HierarchicalTopology(
        "hier:group=" + group + ":inter=" + spec.name() + (seeded ? ":seed=" + seed : ""),
        n,
        group,
        inter);
  }

  private WeightMatrix expand(WeightMatrix t) {
    WeightMatrix.Builder b = WeightMatrix.builder(n);
    double share = 1.0 / group;
    for (int i = 0; i < n; i++) {
      int g = i / group;
      for (int q = t.rowStart(g); q < t.rowEnd(g); q++) {
        int h = t.column(q);
        double w = t.weight(q) * share;
        for (int j = h * group; j < (h + 1) * group; j++) {
          b.add(i, j, w);
        }
      }
    }
    return b.build();
  }

  /** G, the ranks per group. */
  public int group() {
    return group;
  }

  /** T, the topology over the m = n/G group means. */
  public Topology inter() {
    return inter;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public WeightMatrix weights(long iteration) {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must be non-negative, got " + iteration);
    }
    return cycle != null
        ? cycle[(int) (iteration % cycle.length)]
        : expand(inter.weights(iteration));
  }

  @Override
  public boolean isTimeVarying() {
    return inter.isTimeVarying();
  }

  @Override
  public OptionalInt period() {
    return inter.period();
  }

  @Override
  public Optional<String> caveat() {
    return inter.caveat().map(c -> "inter-group " + inter.name() + ": " + c);
  }
}
