package org.gossipbench.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.gossipbench.results.RecordSchema;
import org.gossipbench.results.ResultsException;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.results.Schemas;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Every results file under some folders, read and grouped by record kind. A file that cannot be
 * used (truncated, corrupt, foreign, of an unknown version) is listed in {@link #skipped()} with
 * the reason, and the rest are kept. Files are read in path order, so the same folders give the
 * same tables.
 */
public final class ResultsScan {
  /** Column added by {@link #combined}: the run id shared by a run's files. */
  public static final String RUN_ID = "run_id";

  private final Map<String, List<ResultTable>> byKind;
  private final List<String> skipped;

  private ResultsScan(Map<String, List<ResultTable>> byKind, List<String> skipped) {
    this.byKind = byKind;
    this.skipped = skipped;
  }

  /**
   * Reads every {@code *.arrow} file at the given paths (a file, a results root, or any folder;
   * {@link ResultsLayout#find}).
   *
   * @throws ResultsException when a path does not exist
   */
  public static ResultsScan of(List<Path> paths) {
    TreeSet<Path> files = new TreeSet<>();
    for (Path p : paths) {
      for (Path f : ResultsLayout.find(p)) {
        files.add(f.toAbsolutePath().normalize());
      }
    }
    Map<String, List<ResultTable>> byKind = new LinkedHashMap<>();
    for (RecordSchema<?> s : Schemas.all()) {
      byKind.put(s.kind(), new ArrayList<>());
    }
    List<String> skipped = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator()) {
      for (Path f : files) {
        try {
          ResultTable t = ArrowTables.open(f, allocator);
          byKind.get(t.kind()).add(t);
        } catch (ResultsException e) {
          skipped.add(e.getMessage());
        }
      }
    }
    byKind.replaceAll((k, v) -> List.copyOf(v));
    return new ResultsScan(byKind, List.copyOf(skipped));
  }

  /** The files of one kind, in path order; empty when there are none. */
  public List<ResultTable> files(String kind) {
    return byKind.getOrDefault(Schemas.forKind(kind).kind(), List.of());
  }

  public boolean has(String kind) {
    return !files(kind).isEmpty();
  }

  /** Files read, of every kind. */
  public int fileCount() {
    return byKind.values().stream().mapToInt(List::size).sum();
  }

  /** One line per file that was not read: the file and the reason. */
  public List<String> skipped() {
    return skipped;
  }

  /**
   * Every row of every file of {@code kind}, in the columns of the version this build writes (a
   * column an older file lacks is missing in its rows), plus {@value #RUN_ID}.
   */
  public Table combined(String kind) {
    return combined(kind, null, null);
  }

  /**
   * As {@link #combined(String)}, but only {@code columns} (null: all) of the rows where {@code
   * presentIn} is not null (null: every row): how a table asks for the evaluated steps of ten
   * million step rows without holding the rest.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Table combined(String kind, Set<String> columns, String presentIn) {
    RecordSchema<?> schema = Schemas.forKind(kind);
    List<Field> fields = schema.fields(schema.version());
    List<Column<?>> out = new ArrayList<>();
    for (Field f : fields) {
      if (columns == null || columns.contains(f.getName())) {
        out.add(ArrowTables.emptyColumn(kind, f));
      }
    }
    StringColumn runIds = StringColumn.create(RUN_ID);
    for (ResultTable t : files(kind)) {
      Table rows;
      if (presentIn != null && fields(t).stream().noneMatch(name -> name.equals(presentIn))) {
        continue;
      }
      rows = columns == null && presentIn == null ? t.table() : t.table(columns, presentIn);
      int n = rows.rowCount();
      for (Column c : out) {
        if (rows.containsColumn(c.name())) {
          c.append(rows.column(c.name()));
        } else {
          for (int i = 0; i < n; i++) {
            c.appendMissing();
          }
        }
      }
      for (int i = 0; i < n; i++) {
        runIds.append(t.provenance().runId());
      }
    }
    out.add(runIds);
    return Table.create(kind, out);
  }

  private static List<String> fields(ResultTable t) {
    RecordSchema<?> schema = Schemas.forKind(t.kind());
    return schema.fields(t.fileVersion()).stream().map(Field::getName).toList();
  }
}
