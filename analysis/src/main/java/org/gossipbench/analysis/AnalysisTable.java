package org.gossipbench.analysis;

import java.util.List;
import tech.tablesaw.api.Table;

/**
 * One table of SPEC §7, regenerated from the Arrow logs: one class per table, registered in {@link
 * AnalysisTables}. {@link #build} gives the machine-readable rows (written as CSV with every number
 * at full precision); {@link #display} lays them out for people (Markdown, rounded).
 */
public interface AnalysisTable {
  /** The registry name, e.g. {@code T7}; also the output file names' stem. */
  String name();

  /** One line saying what the table shows. */
  String title();

  /** The record kinds it reads, e.g. {@code run-summary}. */
  List<String> requiredKinds();

  /** The command (or script) that produces its runs, for the message when they are missing. */
  String command();

  /**
   * The rows, computed from the scan; no rows when the scan holds none of its runs. Called only
   * when every {@link #requiredKinds() required kind} is present.
   */
  Table build(ResultsScan scan);

  /** The table people read; by default the rows themselves. */
  default Table display(Table rows) {
    return rows;
  }

  /** Lines printed under the Markdown table: how to read it; empty for none. */
  default List<String> notes() {
    return List.of();
  }
}
