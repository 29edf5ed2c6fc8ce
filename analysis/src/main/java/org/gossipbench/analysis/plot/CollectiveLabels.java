package org.gossipbench.analysis.plot;

import tech.tablesaw.api.Row;

/** The line a collective record belongs to: operation, algorithm, topology, transport and n. */
final class CollectiveLabels {
  static final String KIND = "collective";
  static final String COMMAND = "gossipbench collectives";

  private CollectiveLabels() {}

  static String of(Row r) {
    return r.getString("op")
        + " "
        + r.getString("algorithm")
        + " on "
        + r.getString("topology")
        + " over "
        + r.getString("transport")
        + ", n="
        + r.getInt("n");
  }
}
