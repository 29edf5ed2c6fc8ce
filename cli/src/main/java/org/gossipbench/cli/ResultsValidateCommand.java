package org.gossipbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench results validate}: check every file; exit 1 if any is bad. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    header = "Validate every results file under DIR, or one FILE.",
    description =
        "Checks the Arrow magic at both ends, the gossipbench metadata, a known schema version,"
            + " the version's exact columns and that every batch reads. Exit code 0 when all are"
            + " valid, 1 when any is not (one line each). "
            + ResultsRoot.LISTING)
final class ResultsValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = ResultsRoot.DEFAULT,
      paramLabel = "DIR|FILE",
      description = "a results file, or a folder to search (default: ${DEFAULT-VALUE})")
  Path path;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = ResultsRoot.files(path, spec);
    int bad = 0;
    try (RootAllocator allocator = new RootAllocator()) {
      for (Path f : files) {
        try (ResultFile rf = ResultFile.open(f, allocator)) {
          long rows = rf.countRows();
          String footerRows = rf.footerMetadata().get("gossipbench.rows");
          if (footerRows != null && !footerRows.equals(Long.toString(rows))) {
            throw new ResultsException(
                f + ": footer says " + footerRows + " rows, batches hold " + rows);
          }
          out.println(
              "ok      "
                  + f
                  + "  "
                  + rf.schema().kind()
                  + " v"
                  + rf.fileVersion()
                  + "  "
                  + rows
                  + " rows");
        } catch (ResultsException e) {
          bad++;
          out.println("INVALID " + e.getMessage());
        }
      }
    }
    out.println(files.size() - bad + " valid, " + bad + " invalid");
    return bad == 0 ? Main.EXIT_OK : Main.EXIT_FAILURE;
  }
}
