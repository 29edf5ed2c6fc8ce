package org.gossipbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
   * Every complete-looking results file at {@code path}, sorted. A file is itself. A results root
   * (a folder holding {@code runs/} or {@code reference/}) is read through {@link #findRuns}, so
   * that a root which is also the {@code results} Maven module never lists its test fixtures or
   * build output; any other folder is walked whole, except Maven's {@code target/} folders, which
   * hold copies of what is listed elsewhere.
   *
   * @throws ResultsException when {@code path} does not exist
   */
  public static List<Path> find(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new ResultsException(path + ": no such file or directory");
    }
    if (isRoot(path)) {
      return findRuns(path);
    }
    return walk(path);
  }

  /**
   * The results files of the layout under {@code root}: in {@code runs/} and {@code reference/}
   * only; none when neither exists (nothing has run yet).
   */
  public static List<Path> findRuns(Path root) {
    List<Path> files = new ArrayList<>();
    for (String part : List.of(RUNS, REFERENCE)) {
      Path dir = root.resolve(part);
      if (Files.isDirectory(dir)) {
        files.addAll(walk(dir));
      }
    }
    files.sort(null);
    return List.copyOf(files);
  }

  /** Whether {@code dir} is laid out as a results root. */
  public static boolean isRoot(Path dir) {
    return Files.isDirectory(dir.resolve(RUNS)) || Files.isDirectory(dir.resolve(REFERENCE));
  }

  /** Hidden files are temporary files of writers in progress or killed. */
  private static List<Path> walk(Path start) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(start) && dir.getFileName().toString().equals("target")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String name = file.getFileName().toString();
              if (attrs.isRegularFile() && name.endsWith(EXTENSION) && !name.startsWith(".")) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + start + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }
}
