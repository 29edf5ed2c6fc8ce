package org.gossipbench.workloads.algorithm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one place algorithm names map to their classes; the same names appear in {@code gossipbench
 * train --algorithm}, {@code train --list} and the Arrow {@code algorithm} column. A new algorithm
 * is one class and one {@link #register} line here.
 */
public final class AlgorithmRegistry {

  /**
   * @param needsTopology whether the algorithm gossips over {@code --topology}
   * @param parameters the algorithm's own parameters: name → one-line meaning with its default
   */
  public record Entry(
      String name,
      String description,
      boolean needsTopology,
      Map<String, String> parameters,
      Function<AlgorithmContext, Algorithm> factory) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      parameters = Map.copyOf(parameters);
      Objects.requireNonNull(factory, "factory");
    }

    /**
     * @throws IllegalArgumentException for a parameter the algorithm does not take
     */
    public Algorithm create(AlgorithmContext ctx) {
      for (String p : ctx.options().parameters().keySet()) {
        if (!parameters.containsKey(p)) {
          throw new IllegalArgumentException(
              "algorithm "
                  + name
                  + " has no parameter '"
                  + p
                  + "'"
                  + (parameters.isEmpty()
                      ? ""
                      : "; it takes: " + String.join(", ", parameters.keySet())));
        }
      }
      return factory.apply(ctx);
    }
  }

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(
        new Entry(
            "psgd",
            "parallel SGD: gradients averaged by allreduce each step (--allreduce); with"
                + " --local-steps H > 1, local SGD: models averaged every H steps",
            false,
            Map.of(),
            Psgd::new));
    register(
        new Entry(
            "dsgd",
            "decentralized SGD, adapt-then-combine: local step, then gossip with the neighbors"
                + " (Lian et al. 2017)",
            true,
            Map.of(),
            Dsgd::new));
    register(
        new Entry(
            "dsgd-cta",
            "decentralized SGD, combine-then-adapt (adapt-with-combine): gradient at the"
                + " pre-gossip point, gossip, then the local step",
            true,
            Map.of(),
            DsgdCombineThenAdapt::new));
  }

  private AlgorithmRegistry() {}

  /**
   * @throws IllegalArgumentException if the name is taken
   */
  public static synchronized void register(Entry e) {
    if (ENTRIES.putIfAbsent(e.name(), e) != null) {
      throw new IllegalArgumentException("algorithm '" + e.name() + "' is already registered");
    }
  }

  public static synchronized List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /**
   * @throws IllegalArgumentException naming the known algorithms
   */
  public static synchronized Entry get(String name) {
    Entry e = ENTRIES.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown algorithm '" + name + "'; known: " + String.join(", ", ENTRIES.keySet()));
    }
    return e;
  }
}
