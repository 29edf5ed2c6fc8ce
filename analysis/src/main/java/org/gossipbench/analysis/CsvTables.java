package org.gossipbench.analysis;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * CSV (RFC 4180, CRLF line ends as the CLI's CSV) for machines: every double in its shortest
 * round-trip form ({@link NumberText#roundTrip}), whatever the default Locale; a missing value is
 * an empty field.
 */
public final class CsvTables {
  private CsvTables() {}

  public static String table(Table t) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < t.columnCount(); i++) {
      s.append(i == 0 ? "" : ",").append(quote(t.column(i).name()));
    }
    s.append("\r\n");
    for (int r = 0; r < t.rowCount(); r++) {
      for (int i = 0; i < t.columnCount(); i++) {
        s.append(i == 0 ? "" : ",").append(cell(t.column(i), r));
      }
      s.append("\r\n");
    }
    return s.toString();
  }

  private static String cell(Column<?> c, int row) {
    if (c.isMissing(row)) {
      return "";
    }
    if (c instanceof DoubleColumn d) {
      return NumberText.roundTrip(d.getDouble(row));
    }
    return quote(String.valueOf(c.get(row)));
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
