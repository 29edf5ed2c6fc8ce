package org.gossipbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where results live. Runs of different commits stay apart:
 *
 * <pre>
 * results/
 *   runs/&lt;commit-12&gt;[-dirty]/&lt;run-id&gt;.arrow   measured here, ignored by git
 *   reference/…                                small committed runs the analysis tests read
 * </pre>
 *
 * A run id is {@code <UTC start, yyyyMMdd'T'HHmmss'Z'>-<kind>-<pid>-<counter>}: unique per process,
 * sortable by time, and free of any random draw (all randomness belongs to the seed).
 */
public final class ResultsLayout {
  public static final String RUNS = "runs";
  public static final String REFERENCE = "reference";
  public static final String EXTENSION = ".arrow";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private ResultsLayout() {}

  public static String newRunId(String kind, Instant start) {
    return STAMP.format(start)
        + "-"
        + kind
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + COUNTER.incrementAndGet();
  }

  /** {@code root/runs/<commit>[-dirty]/<run-id>.arrow}. */
  public static Path runFile(Path root, Provenance p) {
    String dir = p.shortCommit() + ("true".equals(p.gitDirty()) ? "-dirty" : "");
    return root.resolve(RUNS).resolve(dir).resolve(p.runId() + EXTENSION);
  }

  /**
   * Every complete-looking results file under {@code path} (or {@code path} itself), sorted; hidden
   * temporary files of writers in progress or killed are skipped.
   */
  public static List<Path> find(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new ResultsException(path + ": no such file or directory");
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(EXTENSION))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
    }
  }
}
