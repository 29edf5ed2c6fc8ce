package org.gossipbench.workloads.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read access to an installed source for loaders: each file is read once into memory and its digest
 * checked on those bytes before anyone parses them, so a file damaged since the fetch is refused
 * (hashing MNIST's 55 MB costs about a tenth of a second).
 */
public final class InstalledFiles {
  private final DatasetSource source;
  private final Path dir;
  private final Path dataDir;

  private InstalledFiles(DatasetSource source, Path dataDir) {
    this.source = source;
    this.dataDir = dataDir;
    this.dir = dataDir.resolve(source.name());
  }

  /**
   * @throws DatasetNotInstalledException if no file of the source is there
   */
  public static InstalledFiles open(DatasetSource source, Path dataDir) {
    InstalledFiles f = new InstalledFiles(source, dataDir);
    boolean any = source.files().keySet().stream().anyMatch(n -> Files.isRegularFile(f.path(n)));
    if (!any) {
      throw new DatasetNotInstalledException(
          "dataset '"
              + source.name()
              + "' is not installed in "
              + dataDir
              + ": run 'gossipbench data fetch "
              + source.name()
              + dataDirHint(dataDir)
              + "'");
    }
    return f;
  }

  public Path path(String file) {
    return dir.resolve(file);
  }

  /** The file's bytes, verified. */
  public byte[] bytes(String file) {
    String expected = source.files().get(file);
    if (expected == null) {
      throw new IllegalStateException(source.name() + " installs no file " + file);
    }
    Path p = path(file);
    String repair =
        "; run 'gossipbench data fetch "
            + source.name()
            + dataDirHint(dataDir)
            + "'"
            + " to repair it";
    if (!Files.isRegularFile(p)) {
      throw new DataIntegrityException(p + " is missing" + repair);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
    String actual = Sha256.of(bytes);
    if (!actual.equals(expected)) {
      throw new DataIntegrityException(InstallState.mismatch(p, actual, expected) + repair);
    }
    return bytes;
  }

  /** Only the default folder needs no flag; any other must be named again for the fetch. */
  private static String dataDirHint(Path dataDir) {
    return dataDir.equals(DataDir.resolve(null)) ? "" : " --data-dir " + dataDir;
  }
}
