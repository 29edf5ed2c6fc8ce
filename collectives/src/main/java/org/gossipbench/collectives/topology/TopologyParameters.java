package org.gossipbench.collectives.topology;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Typed access to a spec's parameters for a {@link TopologyFactory}. Every error names the topology
 * and the parameter, in one line.
 */
public final class TopologyParameters {
  private final String topology;
  private final Map<String, String> values;
  private final long defaultSeed;

  TopologyParameters(String topology, Map<String, String> values, long defaultSeed) {
    this.topology = topology;
    this.values = values;
    this.defaultSeed = defaultSeed;
  }

  public OptionalInt optionalInt(String key) {
    String v = values.get(key);
    if (v == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new TopologyException(topology + ": parameter " + key + "=" + v + " is not an integer");
    }
  }

  public int intValue(String key, int defaultValue) {
    return optionalInt(key).orElse(defaultValue);
  }

  /** An integer parameter that must be at least {@code min}. */
  public int intAtLeast(String key, int defaultValue, int min) {
    int v = intValue(key, defaultValue);
    if (v < min) {
      throw new TopologyException(
          topology + ": parameter " + key + "=" + v + " must be at least " + min);
    }
    return v;
  }

  public double doubleValue(String key, double defaultValue) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new TopologyException(
          topology + ": parameter " + key + "=" + v + " is not a finite number");
    }
  }

  /** A number in the open-closed or closed interval given, e.g. a probability. */
  public double doubleIn(
      String key, double defaultValue, double min, boolean minInclusive, double max) {
    double d = doubleValue(key, defaultValue);
    if (d > max || d < min || (!minInclusive && d == min)) {
      throw new TopologyException(
          topology
              + ": parameter "
              + key
              + "="
              + d
              + " must be in "
              + (minInclusive ? "[" : "(")
              + min
              + ", "
              + max
              + "]");
    }
    return d;
  }

  /** A text parameter, e.g. the name of another topology. */
  public String string(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  /** The {@code seed} parameter, or the run's seed when the spec gives none. */
  public long seed() {
    String v = values.get("seed");
    if (v == null) {
      return defaultSeed;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new TopologyException(topology + ": parameter seed=" + v + " is not an integer");
    }
  }
}
