package org.gossipbench.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Lays tidy rows (one per cell) out as a grid of text for people: row labels by column labels. */
final class Pivot {
  static final String EMPTY = "-";

  private Pivot() {}

  /**
   * @param rowLabels the grid's rows, in order
   * @param columnLabels the grid's columns, in order
   * @param rowOf the row label of a tidy row
   * @param columnOf the column label of a tidy row
   * @param cell the text of a tidy row's cell; a cell no row fills reads {@value #EMPTY}
   */
  static Table of(
      String name,
      String rowHeader,
      Table rows,
      List<String> rowLabels,
      List<String> columnLabels,
      Function<Row, String> rowOf,
      Function<Row, String> columnOf,
      Function<Row, String> cell) {
    Map<String, String> cells = new HashMap<>();
    for (Row r : rows) {
      cells.put(rowOf.apply(r) + '\u0000' + columnOf.apply(r), cell.apply(r));
    }
    Table grid = Table.create(name, StringColumn.create(rowHeader, rowLabels));
    for (String c : columnLabels) {
      StringColumn column = StringColumn.create(c);
      for (String r : rowLabels) {
        column.append(cells.getOrDefault(r + '\u0000' + c, EMPTY));
      }
      grid.addColumns(column);
    }
    return grid;
  }
}
