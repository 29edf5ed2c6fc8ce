package org.gossipbench.workloads.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a data folder holds of one source, checked against the committed digests.
 *
 * @param bytes size of the files present
 * @param detail for {@link Status#CORRUPT} or a partial {@link Status#MISSING}, the first problem
 */
public record InstallState(
    DatasetSource source, Path dir, Status status, long bytes, String detail) {

  public enum Status {
    INSTALLED,
    MISSING,
    CORRUPT;

    /** Lower-case, as {@code data list} prints it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Hashes every file of {@code source} under {@code dataDir/<name>}. */
  public static InstallState check(DatasetSource source, Path dataDir) {
    Path dir = dataDir.resolve(source.name());
    long bytes = 0;
    int present = 0;
    String missing = null;
    String corrupt = null;
    try {
      for (Map.Entry<String, String> f : source.files().entrySet()) {
        Path file = dir.resolve(f.getKey());
        if (!Files.isRegularFile(file)) {
          missing = missing == null ? file + " is missing" : missing;
          continue;
        }
        present++;
        bytes += Files.size(file);
        String actual = Sha256.of(file);
        if (corrupt == null && !actual.equals(f.getValue())) {
          corrupt = mismatch(file, actual, f.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    if (corrupt != null) {
      return new InstallState(source, dir, Status.CORRUPT, bytes, corrupt);
    }
    if (missing != null) {
      boolean none = present == 0;
      return new InstallState(
          source, dir, none ? Status.MISSING : Status.CORRUPT, bytes, none ? "" : missing);
    }
    return new InstallState(source, dir, Status.INSTALLED, bytes, "");
  }

  static String mismatch(Object file, String actual, String expected) {
    return file + ": sha256 " + actual + ", expected " + expected;
  }
}
