package org.gossipbench.cli;

import java.nio.file.Path;
import org.gossipbench.workloads.data.DataDir;
import picocli.CommandLine;

/** {@code --data-dir}, shared by every command that reads or installs datasets. */
final class DataDirOption {
  @CommandLine.Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "folder the datasets are installed in (default: $GOSSIPBENCH_DATA, else the"
              + " checkout's data folder, else ./data)")
  Path dataDir;

  Path resolve() {
    return DataDir.resolve(dataDir);
  }
}
