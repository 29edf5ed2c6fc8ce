package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * One table rendered from a scan: its Markdown and HTML, and its CSV unless its runs are missing,
 * in which case the Markdown and HTML are one line saying so with the command that produces them.
 *
 * @param rows the machine-readable rows; 0 when missing
 * @param csv null when missing
 * @param html a {@code <section>} for report.html
 */
public record RenderedTable(
    AnalysisTable table, int rows, String markdown, String csv, String html) {
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
      String missing = "Missing: " + why + "; produce them with ";
      return new RenderedTable(
          table,
          0,
          heading + missing + "`" + table.command() + "`.\n",
          null,
          HtmlTables.section(
              table,
              "<p>"
                  + HtmlTables.escape(missing)
                  + "<code>"
                  + HtmlTables.escape(table.command())
                  + "</code>.</p>\n"));
    }
    Table display = table.display(rows);
    StringBuilder md = new StringBuilder(heading).append(MarkdownTables.table(display));
    StringBuilder html = new StringBuilder(HtmlTables.table(display));
    for (String note : table.notes()) {
      md.append('\n').append(note).append('\n');
      html.append("<p>").append(HtmlTables.escape(note)).append("</p>\n");
    }
    return new RenderedTable(
        table,
        rows.rowCount(),
        md.toString(),
        CsvTables.table(rows),
        HtmlTables.section(table, html.toString()));
  }

  /**
   * The Markdown with its heading at {@code level} ({@code ####} for 4) instead of {@code ##}, to
   * sit inside another document's sections (the README).
   */
  public String markdown(int level) {
    if (level < 1 || level > 6) {
      throw new IllegalArgumentException("a Markdown heading level is 1 to 6, got " + level);
    }
    return "#".repeat(level) + markdown.substring(2);
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
