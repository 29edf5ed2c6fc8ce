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

  @CommandLine.Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @CommandLine.Option(
      names = "--rows",
      defaultValue = "20",
      description = "rows to print, -1 for all (default: ${DEFAULT-VALUE})")
  long rows;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
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
