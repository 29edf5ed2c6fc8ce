package org.gossipbench.analysis;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Markdown (GitHub pipe tables) for README and reports. Numbers are rounded for reading, to four
 * significant digits; the CSV beside it keeps them whole. Missing values read "-".
 */
public final class MarkdownTables {
  private MarkdownTables() {}

  /** The pipe table, numeric columns right-aligned, ending with a newline. */
  public static String table(Table t) {
    StringBuilder s = new StringBuilder("|");
    for (Column<?> c : t.columns()) {
      s.append(' ').append(escape(c.name())).append(" |");
    }
    s.append("\n|");
    for (Column<?> c : t.columns()) {
      s.append(c instanceof NumericColumn<?> ? "---:|" : "---|");
    }
    s.append('\n');
    for (int r = 0; r < t.rowCount(); r++) {
      s.append('|');
      for (Column<?> c : t.columns()) {
        s.append(' ').append(escape(cell(c, r))).append(" |");
      }
      s.append('\n');
    }
    return s.toString();
  }

  /** A cell as people read it: rounded numbers, "-" for missing (also HTML's cells). */
  static String cell(Column<?> c, int row) {
    if (c.isMissing(row)) {
      return Pivot.EMPTY;
    }
    if (c instanceof DoubleColumn d) {
      return NumberText.significant(d.getDouble(row), 4);
    }
    return String.valueOf(c.get(row));
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
