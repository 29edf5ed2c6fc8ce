package org.gossipbench.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gossipbench.bench.sweep.VendorComparison;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench results vendor}: the Open MPI comparison table of ci/vendor-compare.sh. */
@Command(
    name = "vendor",
    mixinStandardHelpOptions = true,
    header = "Table our collectives against Open MPI from the CSVs of ci/vendor-compare.sh.",
    description =
        "DIR holds n<ranks>_<op>_<side>.csv files: side mpi is ci/vendor-bench.c's output, every"
            + " other side gossipbench collectives --format csv's. Prints one markdown row per"
            + " (op, ranks, size, side) with ours / Open MPI, and with --goal the sizes above it.")
final class ResultsVendorCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", paramLabel = "DIR", description = "the CSVs' folder")
  Path dir;

  @CommandLine.Option(
      names = "--goal",
      paramLabel = "RATIO",
      description = "also list, per side, the sizes where ours took longer than RATIO x Open MPI")
  Double goal;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a folder: " + dir);
    }
    List<VendorComparison.Row> rows;
    try {
      rows = VendorComparison.read(dir);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no size measured by both sides in " + dir);
    }
    if (goal != null && !(goal > 0)) {
      throw new IllegalArgumentException("--goal must be positive, got " + goal);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(VendorComparison.table(rows));
    if (goal != null) {
      out.println();
      out.print(VendorComparison.goal(rows, goal));
    }
    out.flush();
    return Main.EXIT_OK;
  }
}
