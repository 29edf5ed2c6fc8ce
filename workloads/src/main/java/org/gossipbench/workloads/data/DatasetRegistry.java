package org.gossipbench.workloads.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets a run can name, in one place. Image sets keep their published split; tabular sets
 * get the fixed stratified 80/20 split of {@link StratifiedSplit}.
 */
public final class DatasetRegistry {
  private static final Map<String, NamedDataset> ENTRIES = new LinkedHashMap<>();

  static {
    register(
        new IdxImageDataset(
            "mnist", "MNIST digits: 60,000/10,000 images {1,28,28} in [0,1], 10 classes.", ""));
    register(
        new IdxImageDataset(
            "fashion-mnist",
            "Fashion-MNIST: 60,000/10,000 images {1,28,28} in [0,1], 10 classes.",
            ".gz"));
    register(
        new CsvTableDataset(
            "spambase",
            "spambase",
            "spambase.csv",
            CsvTableReader.Header.NONE,
            2,
            CsvTableDataset.STANDARDIZE,
            "UCI Spambase: 4,601 rows (3,680/921), 57 standardized features, 2 classes."));
    register(
        new CsvTableDataset(
            "sklearn:digits",
            "sklearn",
            "digits.csv.gz",
            CsvTableReader.Header.NONE,
            10,
            16,
            "8x8 digits: 1,797 rows (1,438/359), 64 pixels /16 as shape {64}, 10 classes."));
    register(
        new CsvTableDataset(
            "sklearn:breast-cancer",
            "sklearn",
            "breast_cancer.csv",
            CsvTableReader.Header.SKLEARN,
            2,
            CsvTableDataset.STANDARDIZE,
            "Wisconsin breast cancer: 569 rows (456/113), 30 standardized features, 2 classes."));
    register(
        new CsvTableDataset(
            "sklearn:iris",
            "sklearn",
            "iris.csv",
            CsvTableReader.Header.SKLEARN,
            3,
            CsvTableDataset.STANDARDIZE,
            "Iris: 150 rows (120/30), 4 standardized features, 3 classes."));
    register(
        new CsvTableDataset(
            "sklearn:wine",
            "sklearn",
            "wine_data.csv",
            CsvTableReader.Header.SKLEARN,
            3,
            CsvTableDataset.STANDARDIZE,
            "Wine: 178 rows (142/36), 13 standardized features, 3 classes."));
  }

  private DatasetRegistry() {}

  private static void register(NamedDataset d) {
    ENTRIES.put(d.name(), d);
  }

  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  public static Map<String, NamedDataset> entries() {
    return Collections.unmodifiableMap(ENTRIES);
  }

  /** The entry called {@code name}; a one-line error naming the known ones otherwise. */
  public static NamedDataset entry(String name) {
    NamedDataset d = ENTRIES.get(name);
    if (d == null) {
      throw new IllegalArgumentException(
          "unknown dataset '" + name + "'; known: " + String.join(", ", names()));
    }
    return d;
  }

  /** Loads {@code name} from the pinned catalog's installation in {@code dataDir}. */
  public static DatasetSplits load(String name, Path dataDir) {
    return load(name, dataDir, DataCatalog.standard());
  }

  /**
   * @throws DatasetNotInstalledException if its source is not fetched
   * @throws DataIntegrityException if an installed file no longer matches its digest
   */
  public static DatasetSplits load(String name, Path dataDir, DataCatalog catalog) {
    NamedDataset d = entry(name);
    return d.load(InstalledFiles.open(catalog.source(d.source()), dataDir));
  }
}
