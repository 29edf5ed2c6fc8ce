package org.gossipbench.collectives.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed topology spec: a kebab-case name followed by parameters, each after a colon, e.g. {@code
 * grid:rows=4:cols=8} or {@code erdos-renyi:p=0.3:seed=7}. Colons (not commas) separate parameters
 * so that lists of topologies can be comma-separated.
 */
public final class TopologySpec {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  private final String name;
  private final Map<String, String> parameters;

  private TopologySpec(String name, Map<String, String> parameters) {
    this.name = name;
    this.parameters = Collections.unmodifiableMap(parameters);
  }

  /** Parses one spec; throws {@link TopologyException} with a one-line message when malformed. */
  public static TopologySpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new TopologyException("empty topology spec");
    }
    String[] parts = text.trim().split(":", -1);
    String name = parts[0];
    if (!NAME.matcher(name).matches()) {
      throw new TopologyException(
          "malformed topology name '"
              + name
              + "' in '"
              + text
              + "' (expected kebab-case, e.g. one-peer-exp)");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new TopologyException(
            "malformed parameter '"
                + part
                + "' in '"
                + text
                + "' (expected key=value after each colon)");
      }
      String key = part.substring(0, eq);
      if (!KEY.matcher(key).matches()) {
        throw new TopologyException("malformed parameter name '" + key + "' in '" + text + "'");
      }
      if (params.put(key, part.substring(eq + 1)) != null) {
        throw new TopologyException("parameter '" + key + "' given twice in '" + text + "'");
      }
    }
    return new TopologySpec(name, params);
  }

  /** Parses a comma-separated list of specs. */
  public static List<TopologySpec> parseList(String text) {
    List<TopologySpec> specs = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      specs.add(parse(item));
    }
    return specs;
  }

  public String name() {
    return name;
  }

  /** The parameters in the order given. */
  public Map<String, String> parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name);
    parameters.forEach((k, v) -> s.append(':').append(k).append('=').append(v));
    return s.toString();
  }
}
