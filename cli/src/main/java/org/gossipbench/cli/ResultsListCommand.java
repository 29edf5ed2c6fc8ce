package org.gossipbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench results list}: one line per run file with its provenance. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "List results files with their kind, rows and provenance.",
    description = ResultsRoot.LISTING)
final class ResultsListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = ResultsRoot.DEFAULT,
      paramLabel = "DIR|FILE",
      description = "a results file, or a folder to search (default: ${DEFAULT-VALUE})")
  Path path;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    List<Path> files = ResultsRoot.files(path, spec);
    TextTable table =
        new TextTable(
            List.of(
                "file",
                "kind",
                "version",
                "rows",
                "run_id",
                "commit",
                "dirty",
                "seed",
                "start_time",
                "host",
                "command"),
            new boolean[] {
              false, false, true, true, false, false, false, true, false, false, false
            });
    int invalid = 0;
    try (RootAllocator allocator = new RootAllocator()) {
      for (Path f : files) {
        try (ResultFile rf = ResultFile.open(f, allocator)) {
          Provenance p = rf.provenance();
          table.addRow(
              List.of(
                  f.toString(),
                  p.kind(),
                  Integer.toString(rf.fileVersion()),
                  rf.footerMetadata().getOrDefault("gossipbench.rows", "?"),
                  p.runId(),
                  p.shortCommit(),
                  p.gitDirty(),
                  Long.toString(p.seed()),
                  p.startTime().toString(),
                  p.host(),
                  p.commandLine()));
        } catch (ResultsException e) {
          invalid++;
          spec.commandLine()
              .getErr()
              .println("gossipbench: skipped invalid file: " + e.getMessage());
        }
      }
    }
    table.print(spec.commandLine().getOut(), output.format);
    if (invalid > 0) {
      spec.commandLine()
          .getErr()
          .println(invalid + " invalid file(s); see 'gossipbench results validate'");
    }
    return Main.EXIT_OK;
  }
}
