package org.gossipbench.analysis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads a gossipbench Arrow IPC file into a Tablesaw {@link Table}, every record batch of it
 * (tablesaw-arrow reads the stream format's first batch only). The file is opened through {@link
 * ResultFile}, so it is validated exactly as {@code gossipbench results validate} does.
 *
 * <p>Types: utf8 → {@link StringColumn}, int32 → {@link IntColumn}, int64 → {@link LongColumn},
 * float64 → {@link DoubleColumn}, bool → {@link BooleanColumn}; an Arrow null becomes Tablesaw's
 * missing value. Tablesaw has no missing marker apart from a reserved value, so an empty string and
 * a float64 NaN also read as missing.
 */
public final class ArrowTables {
  private ArrowTables() {}

  /**
   * Reads {@code path} whole.
   *
   * @throws ResultsException naming the file when it is missing, truncated, corrupt, foreign, of an
   *     unknown version or holds a column type gossipbench's schemas do not use
   */
  public static ResultTable read(Path path, BufferAllocator allocator) {
    ResultTable header = open(path, allocator);
    return ResultTable.loaded(header, rows(path, allocator, null, null));
  }

  /**
   * Opens and validates {@code path}, every record batch of it, but keeps only its facts: the rows
   * are read again, whole or in part, when a table asks for them ({@link ResultTable#table}). A
   * report over ten million step rows therefore never holds them all.
   *
   * @throws ResultsException as {@link #read}
   */
  public static ResultTable open(Path path, BufferAllocator allocator) {
    try (ResultFile file = ResultFile.open(path, allocator)) {
      for (Field f : file.root().getSchema().getFields()) {
        emptyColumn(path.toString(), f);
      }
      for (int b = 0; b < file.batches(); b++) {
        file.loadBatch(b);
      }
      return ResultTable.lazy(
          path, file.schema().kind(), file.fileVersion(), file.provenance(), file.footerMetadata());
    } catch (ResultsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ResultsException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The rows of {@code path} as a table named by the file.
   *
   * @param columns the columns to read, in the file's order; null for all
   * @param presentIn keep only the rows where this column is not null; null for every row
   */
  static Table rows(Path path, BufferAllocator allocator, Set<String> columns, String presentIn) {
    try (ResultFile file = ResultFile.open(path, allocator)) {
      List<Field> fields = file.root().getSchema().getFields();
      List<Integer> read = new ArrayList<>();
      List<Column<?>> out = new ArrayList<>();
      int filter = -1;
      for (int c = 0; c < fields.size(); c++) {
        Field f = fields.get(c);
        if (f.getName().equals(presentIn)) {
          filter = c;
        }
        if (columns == null || columns.contains(f.getName())) {
          read.add(c);
          out.add(emptyColumn(path.toString(), f));
        }
      }
      if (presentIn != null && filter < 0) {
        throw new ResultsException(path + ": no column " + presentIn);
      }
      int[] selected = new int[0];
      for (int b = 0; b < file.batches(); b++) {
        file.loadBatch(b);
        VectorSchemaRoot root = file.root();
        int rows = root.getRowCount();
        if (selected.length < rows) {
          selected = new int[rows];
        }
        int kept = 0;
        FieldVector present = filter < 0 ? null : root.getVector(filter);
        for (int i = 0; i < rows; i++) {
          if (present == null || !present.isNull(i)) {
            selected[kept++] = i;
          }
        }
        for (int k = 0; k < read.size(); k++) {
          append(out.get(k), root.getVector(read.get(k)), selected, kept);
        }
      }
      return Table.create(path.getFileName().toString(), out);
    } catch (ResultsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ResultsException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** An empty Tablesaw column for an Arrow field; {@code file} names the file in the error. */
  static Column<?> emptyColumn(String file, Field f) {
    ArrowType t = f.getType();
    String name = f.getName();
    if (t instanceof ArrowType.Utf8) {
      return StringColumn.create(name);
    }
    if (t instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 32) {
      return IntColumn.create(name);
    }
    if (t instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 64) {
      return LongColumn.create(name);
    }
    if (t instanceof ArrowType.FloatingPoint fp
        && fp.getPrecision() == FloatingPointPrecision.DOUBLE) {
      return DoubleColumn.create(name);
    }
    if (t instanceof ArrowType.Bool) {
      return BooleanColumn.create(name);
    }
    throw new ResultsException(file + ": column " + name + " has type " + t + ", not read");
  }

  private static void append(Column<?> column, FieldVector vector, int[] rows, int count) {
    if (column instanceof StringColumn s) {
      VarCharVector v = (VarCharVector) vector;
      for (int r = 0; r < count; r++) {
        int i = rows[r];
        if (v.isNull(i)) {
          s.appendMissing();
        } else {
          s.append(new String(v.get(i), StandardCharsets.UTF_8));
        }
      }
    } else if (column instanceof IntColumn ic) {
      IntVector v = (IntVector) vector;
      for (int r = 0; r < count; r++) {
        int i = rows[r];
        if (v.isNull(i)) {
          ic.appendMissing();
        } else {
          ic.append(v.get(i));
        }
      }
    } else if (column instanceof LongColumn lc) {
      BigIntVector v = (BigIntVector) vector;
      for (int r = 0; r < count; r++) {
        int i = rows[r];
        if (v.isNull(i)) {
          lc.appendMissing();
        } else {
          lc.append(v.get(i));
        }
      }
    } else if (column instanceof DoubleColumn dc) {
      Float8Vector v = (Float8Vector) vector;
      for (int r = 0; r < count; r++) {
        int i = rows[r];
        if (v.isNull(i)) {
          dc.appendMissing();
        } else {
          dc.append(v.get(i));
        }
      }
    } else {
      BooleanColumn bc = (BooleanColumn) column;
      BitVector v = (BitVector) vector;
      for (int r = 0; r < count; r++) {
        int i = rows[r];
        if (v.isNull(i)) {
          bc.appendMissing();
        } else {
          bc.append(v.get(i) != 0);
        }
      }
    }
  }
}
