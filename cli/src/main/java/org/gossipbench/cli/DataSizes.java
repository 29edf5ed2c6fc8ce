package org.gossipbench.cli;

import java.util.Locale;

/** Byte counts for people: decimal megabytes, as registries and du -h --si print them. */
final class DataSizes {
  private DataSizes() {}

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  static String seconds(java.time.Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
  }
}
