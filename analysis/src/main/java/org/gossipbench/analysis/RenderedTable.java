package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * One table rendered from a scan: its Markdown, and its CSV unless its runs are missing, in which
 * case the Markdown is one line saying so with the command that produces them.
 *
 * @param rows the machine-readable rows; 0 when missing
 * @param csv null when missing
 */
public record RenderedTable(AnalysisTable table, int rows, String markdown, String csv) {
  /** Renders {@code table} from {@code scan}. */
  public static RenderedTable of(AnalysisTable table, ResultsScan scan) {
    List<String> absent = new ArrayList<>();
    for (String kind : table.requiredKinds()) {
      if (!scan.has(kind)) {
        absent.add(kind);
      }
    }
    Table rows = absent.isEmpty() ? table.build(scan) : null;
    String heading = "## " + table.name() + " " + table.title() + "\n\n";
    if (rows == null || rows.rowCount() == 0) {
      String why =
          absent.isEmpty()
              ? "none of the "
                  + String.join(" and ", table.requiredKinds())
                  + " files read hold its runs"
              : "no " + String.join(" or ", absent) + " files among those read";
      return new RenderedTable(
          table,
          0,
          heading + "Missing: " + why + "; produce them with `" + table.command() + "`.\n",
          null);
    }
    StringBuilder md = new StringBuilder(heading).append(MarkdownTables.table(table.display(rows)));
    for (String note : table.notes()) {
      md.append('\n').append(note).append('\n');
    }
    return new RenderedTable(table, rows.rowCount(), md.toString(), CsvTables.table(rows));
  }

  public boolean missing() {
    return csv == null;
  }

  /** One line for a terminal: the name, and the rows or why there are none. */
  public String summary() {
    return missing()
        ? table.name() + ": missing (run " + table.command() + ")"
        : table.name() + ": " + rows + (rows == 1 ? " row" : " rows");
  }
}
