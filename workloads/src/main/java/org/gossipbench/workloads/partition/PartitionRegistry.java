package org.gossipbench.workloads.partition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Partition names, their parameters and factories, in one place. A spec is a name with optional
 * {@code :key=value} parameters: {@code iid}, {@code sorted}, {@code dirichlet:alpha=0.1}.
 */
public final class PartitionRegistry {
  /** A registered partition: what {@code train --list} prints. */
  public record Entry(
      String name,
      List<String> parameters,
      String description,
      Function<Map<String, String>, Partitioner> factory) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(
        new Entry(
            "iid",
            List.of(),
            "A seeded shuffle cut into equal shards: every node sees every class.",
            p -> new IidPartitioner()));
    register(
        new Entry(
            "dirichlet",
            List.of("alpha=A"),
            "Each class spread over nodes in Dirichlet(A) proportions: small A, few classes per"
                + " node.",
            p -> new DirichletPartitioner(alpha(p.get("alpha")))));
    register(
        new Entry(
            "sorted",
            List.of(),
            "Sorted by label and cut into contiguous equal shards (DeTAG's unshuffled case).",
            p -> new SortedPartitioner()));
  }

  private PartitionRegistry() {}

  private static void register(Entry e) {
    ENTRIES.put(e.name(), e);
  }

  public static Map<String, Entry> entries() {
    return Collections.unmodifiableMap(ENTRIES);
  }

  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  /**
   * @throws IllegalArgumentException with a one-line message for an unknown name, an unknown,
   *     repeated, missing or bad parameter
   */
  public static Partitioner parse(String spec) {
    String[] parts = spec.trim().split(":", -1);
    Entry e = ENTRIES.get(parts[0]);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown partition '" + parts[0] + "'; known: " + String.join(", ", names()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    List<String> keys = e.parameters().stream().map(p -> p.substring(0, p.indexOf('='))).toList();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "partition '" + spec + "': parameter '" + parts[i] + "' is not key=value");
      }
      String key = parts[i].substring(0, eq);
      if (!keys.contains(key)) {
        throw new IllegalArgumentException(
            "partition '"
                + spec
                + "': unknown parameter '"
                + key
                + "'"
                + (keys.isEmpty()
                    ? " (" + e.name() + " takes none)"
                    : "; known: " + String.join(", ", keys)));
      }
      if (params.put(key, parts[i].substring(eq + 1)) != null) {
        throw new IllegalArgumentException(
            "partition '" + spec + "': parameter '" + key + "' given twice");
      }
    }
    for (String key : keys) {
      if (!params.containsKey(key)) {
        throw new IllegalArgumentException(
            "partition '"
                + spec
                + "': missing parameter "
                + key
                + ", e.g. "
                + e.name()
                + ":"
                + key
                + "=0.5");
      }
    }
    return e.factory().apply(params);
  }

  private static double alpha(String value) {
    double a;
    try {
      a = Double.parseDouble(value);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("dirichlet: alpha '" + value + "' is not a number");
    }
    if (!(a > 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException(
          "dirichlet: alpha must be a positive number, got " + value);
    }
    return a;
  }
}
