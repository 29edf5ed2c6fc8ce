package org.gossipbench.collectives.topology;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place where topology names map to factories. The same kebab-case names appear in the CLI,
 * in JMH {@code @Param}s and in the Arrow logs' {@code topology} column.
 */
public final class TopologyRegistry {

  /** One registered topology kind. */
  public record Entry(
      String name, List<String> parameters, String description, TopologyFactory factory) {}

  /** The run seed used when a randomized topology's spec gives no {@code seed}. */
  public static final long DEFAULT_SEED = 1L;

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(
        "fully-connected",
        List.of(),
        "all-to-all, weights 1/n (rho = 0)",
        (n, p) -> FullyConnectedTopology.create(n));
    register("ring", List.of(), "i-1, i+1 and self, 1/3 each", (n, p) -> RingTopology.create(n));
    register(
        "grid",
        List.of("rows", "cols"),
        "2-D grid without wrap, Metropolis-Hastings weights; shape defaults to the squarest",
        GridTopology::create);
    register(
        "torus",
        List.of("rows", "cols"),
        "2-D torus, 4 neighbors and self at 1/5; shape defaults to the squarest",
        TorusTopology::create);
    register(
        "exp",
        List.of(),
        "static exponential: i + 2^0 .. i + 2^(tau-1) and self, 1/(tau+1) each",
        (n, p) -> StaticExponentialTopology.create(n));
    register(
        "one-peer-exp",
        List.of(),
        "time-varying: i + 2^(k mod tau) and self, 1/2 each",
        (n, p) -> OnePeerExponentialTopology.create(n));
    register(
        "one-peer-hypercube",
        List.of(),
        "time-varying: i XOR 2^(k mod tau) and self, 1/2 each; n a power of two",
        (n, p) -> OnePeerHypercubeTopology.create(n));
    register(
        "base",
        List.of("k"),
        "Base-(k+1) graph: time-varying, max degree k, exact average after finitely many rounds for every n (k defaults to 1)",
        (n, p) -> BaseGraphTopology.create(n, p.intAtLeast("k", 1, 1)));
    register(
        "d-equistatic",
        List.of("m", "seed"),
        "EquiTopo: mean of m random basis graphs (directed); m defaults to floor(5 ln n)",
        (n, p) ->
            DEquiStaticTopology.create(n, p.intAtLeast("m", EquiTopo.defaultM(n), 1), p.seed()));
    register(
        "u-equistatic",
        List.of("m", "seed"),
        "EquiTopo: symmetrized mean of m random basis graphs; m defaults to floor(5 ln n)",
        (n, p) ->
            UEquiStaticTopology.create(n, p.intAtLeast("m", EquiTopo.defaultM(n), 1), p.seed()));
    register(
        "od-equidyn",
        List.of("eta", "seed"),
        "EquiTopo, time-varying one peer (directed): (1-eta)I + eta G_a, a random each iteration",
        (n, p) ->
            OdEquiDynTopology.create(
                n, p.doubleIn("eta", EquiTopo.DEFAULT_ETA, 0.0, false, 1.0), p.seed()));
    register(
        "ou-equidyn",
        List.of("eta", "seed"),
        "EquiTopo, time-varying one peer (undirected): random matching i <-> i+a with eta weights",
        (n, p) ->
            OuEquiDynTopology.create(
                n, p.doubleIn("eta", EquiTopo.DEFAULT_ETA, 0.0, false, 1.0), p.seed()));
    register(
        "erdos-renyi",
        List.of("p", "seed"),
        "G(n, p) conditioned on connected, Metropolis-Hastings weights (p defaults to 0.3)",
        (n, p) -> ErdosRenyiTopology.create(n, p.doubleIn("p", 0.3, 0.0, false, 1.0), p.seed()));
    register(
        "star",
        List.of(),
        "node 0 at the center: it averages all, leaves keep 1-1/n",
        (n, p) -> StarTopology.create(n));
    register(
        "directed-random",
        List.of("out", "seed"),
        "directed, column stochastic only (push-sum): i -> i+1 and out-1 random others, out-degree weights 1/(out+1) (out defaults to 2)",
        (n, p) -> DirectedRandomTopology.create(n, p.intAtLeast("out", 2, 1), p.seed()));
    register(
        "one-peer-push",
        List.of("seed"),
        "directed, column stochastic only (push-sum), time-varying: each node pushes half to one random peer (Kempe et al. 2003)",
        (n, p) -> OnePeerPushTopology.create(n, p.seed()));
    register(
        "hier",
        List.of("group", "inter", "seed"),
        "hierarchical: exact average inside each group of G consecutive ranks, the group means mixed over topology inter (a name, with its defaults) on n/G nodes, then shared inside the group; rho = rho(inter) (group defaults to 2, inter to ring)",
        (n, p) ->
            HierarchicalTopology.create(
                n, p.intAtLeast("group", 2, 1), p.string("inter", "ring"), p.seed()));
  }

  private TopologyRegistry() {}

  private static void register(
      String name, List<String> parameters, String description, TopologyFactory factory) {
    ENTRIES.put(name, new Entry(name, parameters, description, factory));
  }

  /** Registered names, in registration order. */
  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  public static Map<String, Entry> entries() {
    return Collections.unmodifiableMap(ENTRIES);
  }

  /**
   * Checks a spec's name and parameter names without building anything, so that a list of specs can
   * be rejected before any work starts.
   *
   * @throws TopologyException for an unknown name (listing the known ones) or parameter
   */
  public static Entry check(TopologySpec spec) {
    Entry entry = ENTRIES.get(spec.name());
    if (entry == null) {
      throw new TopologyException(
          "unknown topology '" + spec.name() + "'; known: " + String.join(", ", ENTRIES.keySet()));
    }
    Set<String> unknown = new HashSet<>(spec.parameters().keySet());
    unknown.removeAll(entry.parameters());
    if (!unknown.isEmpty()) {
      throw new TopologyException(
          "topology "
              + entry.name()
              + " has no parameter '"
              + unknown.stream().sorted().findFirst().orElseThrow()
              + "'; its parameters: "
              + (entry.parameters().isEmpty() ? "none" : String.join(", ", entry.parameters())));
    }
    return entry;
  }

  /** {@link #create(String, int, long)} with {@link #DEFAULT_SEED}. */
  public static Topology create(String spec, int n) {
    return create(TopologySpec.parse(spec), n, DEFAULT_SEED);
  }

  public static Topology create(String spec, int n, long defaultSeed) {
    return create(TopologySpec.parse(spec), n, defaultSeed);
  }

  /**
   * Builds and validates the topology.
   *
   * @throws TopologyException for an unknown name (listing the known ones), unknown or malformed
   *     parameters, an n the topology does not exist for, or a matrix that fails validation
   */
  public static Topology create(TopologySpec spec, int n, long defaultSeed) {
    Entry entry = check(spec);
    if (n < 1) {
      throw new TopologyException("n must be at least 1, got " + n);
    }
    Topology topology =
        entry
            .factory()
            .create(n, new TopologyParameters(entry.name(), spec.parameters(), defaultSeed));
    TopologyValidator.validate(topology);
    return topology;
  }
}
