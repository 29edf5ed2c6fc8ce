package org.gossipbench.workloads.data;

/**
 * A dataset a run can name ({@code mnist}, {@code sklearn:iris}): which fetched source holds it and
 * how its files become train and test {@link Dataset}s. Registered in {@link DatasetRegistry}.
 */
public interface NamedDataset {
  String name();

  /** The {@link DataCatalog} source that installs its files, e.g. {@code sklearn}. */
  String source();

  /** One sentence: what it is, its size and scaling. */
  String description();

  /** Reads and verifies the installed files of {@code source}. */
  DatasetSplits load(InstalledFiles files);
}
