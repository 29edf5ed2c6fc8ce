package org.gossipbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench results show}: provenance and the first rows of one file. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Print a results file's provenance and its first rows.",
    description = "With --format csv only the rows, every number in full precision.")
final class ResultsShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "a results file (default: the newest run under the results root)")
  Path file;

  @CommandLine.Option(
      names = "--results-dir",
      defaultValue = ResultsRoot.DEFAULT,
      description =
          "results root searched without FILE (default: $GOSSIPBENCH_RESULTS, else <checkout>/results)")
  Path resultsDir;

  @CommandLine.Option(
      names = "--rows",
      defaultValue = "20",
      description = "rows to print, -1 for all (default: ${DEFAULT-VALUE})")
  long rows;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (file == null) {
      file = newestRun();
    }
    try (RootAllocator allocator = new RootAllocator();
        ResultFile rf = ResultFile.open(file, allocator)) {
      if (output.format != OutputFormat.csv) {
        for (Map.Entry<String, String> e : rf.provenance().toMetadata().entrySet()) {
          out.println("# " + e.getKey() + ": " + e.getValue());
        }
        rf.footerMetadata().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(e -> out.println("# " + e.getKey() + ": " + e.getValue()));
      }
      TextTable table = null;
      long printed = 0;
      for (int b = 0; b < rf.batches() && (rows < 0 || printed < rows); b++) {
        rf.loadBatch(b);
        VectorSchemaRoot root = rf.root();
        if (table == null) {
          table = newTable(root);
        }
        for (int i = 0; i < root.getRowCount() && (rows < 0 || printed < rows); i++, printed++) {
          List<String> cells = new ArrayList<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object value = v.getObject(i);
            cells.add(cell(value, output.format));
          }
          table.addRow(cells);
        }
      }
      if (table == null) {
        table = newTable(rf.root());
      }
      table.print(out, output.format);
    }
    return Main.EXIT_OK;
  }

  /** The most recently written run file under the results root (a run summary after a train). */
  private Path newestRun() {
    List<Path> runs = ResultsLayout.findRuns(resultsDir);
    Path newest = null;
    long newestTime = Long.MIN_VALUE;
    for (Path p : runs) {
      long t;
      try {
        t = java.nio.file.Files.getLastModifiedTime(p).toMillis();
      } catch (java.io.IOException e) {
        continue;
      }
      if (newest == null || t > newestTime || (t == newestTime && p.compareTo(newest) > 0)) {
        newest = p;
        newestTime = t;
      }
    }
    if (newest == null) {
      throw new IllegalArgumentException(
          "no results files under " + resultsDir + "; name a FILE or run a command that logs one");
    }
    return newest;
  }

  private static String cell(Object value, OutputFormat format) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d && format == OutputFormat.csv) {
      return Formats.roundTrip(d);
    }
    return value.toString();
  }

  private static TextTable newTable(VectorSchemaRoot root) {
    List<String> header = new ArrayList<>();
    boolean[] right = new boolean[root.getSchema().getFields().size()];
    for (int c = 0; c < right.length; c++) {
      var field = root.getSchema().getFields().get(c);
      header.add(field.getName());
      right[c] = !(field.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Utf8);
    }
    return new TextTable(header, right);
  }
}
