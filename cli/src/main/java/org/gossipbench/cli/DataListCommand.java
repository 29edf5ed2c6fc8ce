package org.gossipbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gossipbench.workloads.data.DataCatalog;
import org.gossipbench.workloads.data.DatasetRegistry;
import org.gossipbench.workloads.data.InstallState;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench data list}: each source's state in the data folder. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "List the datasets: installed, missing or corrupt, with path and size.",
    description =
        "Every installed file is hashed and compared with its committed SHA-256 digest, so a"
            + " damaged copy shows as corrupt; 'gossipbench data fetch NAME' repairs it. The"
            + " last column names the datasets a training run can load from each source.")
final class DataListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin DataDirOption dataDir;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    Path dir = dataDir.resolve();
    PrintWriter out = spec.commandLine().getOut();
    TextTable table =
        new TextTable(
            List.of("name", "status", "bytes", "path", "problem", "datasets"),
            new boolean[] {false, false, true, false, false, false});
    for (var source : DataCatalog.standard().sources()) {
      InstallState s = InstallState.check(source, dir);
      String loadable =
          DatasetRegistry.entries().values().stream()
              .filter(d -> d.source().equals(source.name()))
              .map(d -> d.name())
              .collect(Collectors.joining(","));
      table.addRow(
          List.of(
              source.name(),
              s.status().label(),
              Long.toString(s.bytes()),
              s.dir().toString(),
              s.detail().isEmpty() ? "-" : s.detail(),
              loadable.isEmpty() ? "-" : loadable));
    }
    table.print(out, output.format);
    return Main.EXIT_OK;
  }
}
