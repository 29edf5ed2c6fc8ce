package org.gossipbench.analysis;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * HTML tables for report.html: the cells the Markdown shows (numbers rounded for reading, "-" for
 * missing), text escaped, numeric columns right-aligned.
 */
public final class HtmlTables {
  private HtmlTables() {}

  /** A {@code <table>} with a header row, ending with a newline. */
  public static String table(Table t) {
    StringBuilder s = new StringBuilder("<table>\n<thead><tr>");
    for (Column<?> c : t.columns()) {
      s.append("<th>").append(escape(c.name())).append("</th>");
    }
    s.append("</tr></thead>\n<tbody>\n");
    for (int r = 0; r < t.rowCount(); r++) {
      s.append("<tr>");
      for (Column<?> c : t.columns()) {
        s.append(c instanceof NumericColumn<?> ? "<td class=\"num\">" : "<td>")
            .append(escape(MarkdownTables.cell(c, r)))
            .append("</td>");
      }
      s.append("</tr>\n");
    }
    return s.append("</tbody>\n</table>\n").toString();
  }

  /** The table's section: its heading (id {@code table-<name>}) and {@code body}. */
  static String section(AnalysisTable t, String body) {
    return "<section id=\"table-"
        + escape(t.name())
        + "\">\n<h2>"
        + escape(t.name() + " " + t.title())
        + "</h2>\n"
        + body
        + "</section>\n";
  }

  /** Text as HTML: {@code & < > "} escaped. */
  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
