package org.gossipbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Field;
import org.gossipbench.results.RecordSchema;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench results compare}: are two runs the same, timings aside? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    header = "Compare every non-timing column of two results files, row by row.",
    description =
        "Two runs of the same configuration and seed must agree in every column but the timing"
            + " ones (marked in the schema), on every transport. Doubles are compared bit for bit"
            + " (NaN equals NaN), nulls equal nulls; provenance is not compared, only the record"
            + " kind. Files of different schema versions are compared on the columns both have."
            + " Prints one line when identical (exit code 0), else the first difference, rows"
            + " counted from 0, and how many rows differ (exit code 1). Files of different kinds"
            + " or unreadable ones are an error (exit code 2).")
final class ResultsCompareCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", paramLabel = "A", description = "a results file")
  Path first;

  @CommandLine.Parameters(index = "1", paramLabel = "B", description = "the file to compare it to")
  Path second;

  @CommandLine.Option(
      names = "--include-timing",
      description = "compare the timing columns too (they differ between any two runs)")
  boolean includeTiming;

  @CommandLine.Option(
      names = "--ignore",
      split = ",",
      paramLabel = "COLUMN",
      description =
          "columns not to compare, e.g. transport in the summaries of one run on two transports")
  List<String> ignored = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (RootAllocator allocator = new RootAllocator();
        ResultFile a = ResultFile.open(first, allocator);
        ResultFile b = ResultFile.open(second, allocator)) {
      if (a.schema() != b.schema()) {
        throw new ResultsException(
            first
                + " holds "
                + a.schema().kind()
                + " records, "
                + second
                + " "
                + b.schema().kind()
                + ": only files of one kind compare");
      }
      List<Field> fieldsA = a.schema().fields(a.fileVersion());
      List<Field> fieldsB = b.schema().fields(b.fileVersion());
      Set<String> namesB = new LinkedHashSet<>();
      fieldsB.forEach(f -> namesB.add(f.getName()));
      Set<String> namesA = new LinkedHashSet<>();
      fieldsA.forEach(f -> namesA.add(f.getName()));
      for (String c : ignored) {
        if (!namesA.contains(c) && !namesB.contains(c)) {
          throw new IllegalArgumentException(
              "--ignore " + c + ": no such column in " + a.schema().kind() + " files");
        }
      }
      List<String> compared = new ArrayList<>();
      int timing = 0;
      for (Field f : fieldsA) {
        if (!namesB.contains(f.getName()) || ignored.contains(f.getName())) {
          continue;
        }
        if (!includeTiming && "true".equals(f.getMetadata().get(RecordSchema.TIMING_KEY))) {
          timing++;
        } else {
          compared.add(f.getName());
        }
      }
      if (a.fileVersion() != b.fileVersion()) {
        out.println(
            "note: A is "
                + a.schema().kind()
                + " v"
                + a.fileVersion()
                + ", B v"
                + b.fileVersion()
                + ": comparing the "
                + (compared.size() + timing)
                + " columns both have");
      }
      return compare(out, new Cursor(a, compared), new Cursor(b, compared), compared, timing);
    }
  }

  private int compare(PrintWriter out, Cursor a, Cursor b, List<String> columns, int timing) {
    long rows = 0;
    long differing = 0;
    String firstDifference = null;
    Set<String> differingColumns = new LinkedHashSet<>();
    while (a.next() & b.next()) {
      boolean rowDiffers = false;
      for (int c = 0; c < columns.size(); c++) {
        if (!a.sameValue(c, b)) {
          if (firstDifference == null) {
            firstDifference =
                "row "
                    + rows
                    + ", column "
                    + columns.get(c)
                    + ": "
                    + a.text(c)
                    + " vs "
                    + b.text(c);
          }
          differingColumns.add(columns.get(c));
          rowDiffers = true;
        }
      }
      if (rowDiffers) {
        differing++;
      }
      rows++;
    }
    // The loop stops when either file runs out; count what is left of the other.
    while (a.next()) {}
    while (b.next()) {}
    long rowsA = a.rowsSeen();
    long rowsB = b.rowsSeen();
    if (firstDifference == null && rowsA == rowsB) {
      String ignoredNote = ignored.isEmpty() ? "" : "; --ignore " + String.join(",", ignored);
      out.println(
          "identical: "
              + rows
              + " rows, "
              + columns.size()
              + " columns compared ("
              + timing
              + " timing columns ignored"
              + ignoredNote
              + ")");
      return Main.EXIT_OK;
    }
    if (firstDifference != null) {
      out.println(firstDifference);
      out.println(
          differing
              + " of "
              + rows
              + " rows differ, in "
              + differingColumns.size()
              + " columns: "
              + String.join(", ", differingColumns));
    }
    if (rowsA != rowsB) {
      out.println("row counts differ: " + rowsA + " vs " + rowsB);
    }
    return Main.EXIT_FAILURE;
  }

  /** Walks one file's rows across its record batches, which need not align with the other's. */
  private static final class Cursor {
    private final ResultFile file;
    private final List<String> columns;
    private final FieldVector[] vectors;
    private int batch = -1;
    private int row = -1;
    private int batchRows;
    private long rowsSeen;
    private boolean exhausted;

    Cursor(ResultFile file, List<String> columns) {
      this.file = file;
      this.columns = columns;
      this.vectors = new FieldVector[columns.size()];
    }

    /** Moves to the next row; false when there is none. */
    boolean next() {
      if (exhausted) {
        return false;
      }
      while (++row >= batchRows) {
        if (++batch >= file.batches()) {
          exhausted = true;
          return false;
        }
        file.loadBatch(batch);
        batchRows = file.root().getRowCount();
        row = -1;
        for (int c = 0; c < columns.size(); c++) {
          vectors[c] = file.root().getVector(columns.get(c));
        }
      }
      rowsSeen++;
      return true;
    }

    long rowsSeen() {
      return rowsSeen;
    }

    boolean sameValue(int column, Cursor other) {
      FieldVector x = vectors[column];
      FieldVector y = other.vectors[column];
      boolean nullX = x.isNull(row);
      boolean nullY = y.isNull(other.row);
      if (nullX || nullY) {
        return nullX == nullY;
      }
      if (x instanceof Float8Vector dx && y instanceof Float8Vector dy) {
        // Bit for bit, with every NaN one value: 0.0 and -0.0 differ, NaN equals NaN.
        return Double.doubleToLongBits(dx.get(row)) == Double.doubleToLongBits(dy.get(other.row));
      }
      return Objects.equals(x.getObject(row), y.getObject(other.row));
    }

    String text(int column) {
      FieldVector v = vectors[column];
      if (v.isNull(row)) {
        return "null";
      }
      if (v instanceof Float8Vector d) {
        double x = d.get(row);
        // roundTrip prints both zeros as 0, which would hide a 0.0 vs -0.0 difference.
        return x == 0 ? Double.toString(x) : Formats.roundTrip(x);
      }
      return String.valueOf(v.getObject(row));
    }
  }
}
