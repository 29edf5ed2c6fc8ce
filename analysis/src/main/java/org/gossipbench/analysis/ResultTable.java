package org.gossipbench.analysis;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.Provenance;
import tech.tablesaw.api.Table;

/**
 * One results file: its facts, read when it was opened, and its rows, read when asked for. The
 * whole table is kept only softly, so a scan of more step rows than the heap holds reads them file
 * by file and lets the collector take them back; {@link #table(Set, String)} reads just the columns
 * and rows a table needs.
 */
public final class ResultTable {
  private final Path path;
  private final String kind;
  private final int fileVersion;
  private final Provenance provenance;
  private final Map<String, String> footer;
  private SoftReference<Table> whole;

  private ResultTable(
      Path path,
      String kind,
      int fileVersion,
      Provenance provenance,
      Map<String, String> footer,
      Table table) {
    this.path = path;
    this.kind = kind;
    this.fileVersion = fileVersion;
    this.provenance = provenance;
    this.footer = Map.copyOf(footer);
    this.whole = new SoftReference<>(table);
  }

  static ResultTable lazy(
      Path path, String kind, int fileVersion, Provenance provenance, Map<String, String> footer) {
    return new ResultTable(path, kind, fileVersion, provenance, footer, null);
  }

  static ResultTable loaded(ResultTable header, Table table) {
    return new ResultTable(
        header.path, header.kind, header.fileVersion, header.provenance, header.footer, table);
  }

  /** The file read. */
  public Path path() {
    return path;
  }

  /** The record kind, e.g. {@code run-summary}. */
  public String kind() {
    return kind;
  }

  /** The schema version the file was written with (older versions lack columns). */
  public int fileVersion() {
    return fileVersion;
  }

  /** The schema metadata: run id, commit, configuration, seed, command line, load. */
  public Provenance provenance() {
    return provenance;
  }

  /** Facts written at the end of the run ({@code gossipbench.end_time}, {@code .rows}). */
  public Map<String, String> footer() {
    return footer;
  }

  /** Every row, in the file's columns; the table is named by the file. */
  public synchronized Table table() {
    Table t = whole.get();
    if (t == null) {
      t = read(null, null);
      whole = new SoftReference<>(t);
    }
    return t;
  }

  /**
   * Some columns of the rows where one column is present (not null), read afresh.
   *
   * @param columns the columns to read (those the file lacks are left out); null for all
   * @param presentIn keep only rows where this column is not null; null for every row
   */
  public Table table(Set<String> columns, String presentIn) {
    return read(columns, presentIn);
  }

  private Table read(Set<String> columns, String presentIn) {
    try (RootAllocator allocator = new RootAllocator()) {
      return ArrowTables.rows(path, allocator, columns, presentIn);
    }
  }
}
