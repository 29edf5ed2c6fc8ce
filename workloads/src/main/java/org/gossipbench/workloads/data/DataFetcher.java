package org.gossipbench.workloads.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Installs a {@link DatasetSource} into {@code <data dir>/<name>/}: downloads its archive from the
 * registry with the JDK's HTTP client (or takes it from a folder of hand downloads), checks the
 * archive's digest, extracts the listed members into a staging folder while hashing each, and only
 * when every file verifies renames the staging folder into place. A mismatch anywhere leaves the
 * previous state (and nothing new) installed. An installed source whose files all verify is not
 * fetched again.
 */
public final class DataFetcher {
  /** Bounds for a download: connecting, and the whole transfer. */
  public record Timeouts(Duration connect, Duration transfer) {
    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(20), Duration.ofMinutes(10));
  }

  /**
   * What a fetch did. Times are wall-clock: {@code downloadTime} the HTTP transfer (zero when the
   * archive came from a folder or nothing was fetched), {@code installTime} hashing the archive,
   * extracting and hashing its members and moving them into place.
   *
   * @param archiveOrigin the URL or file the archive was read from; empty when nothing was fetched
   */
  public record Report(
      InstallState state,
      boolean alreadyInstalled,
      String archiveOrigin,
      long archiveBytes,
      Duration downloadTime,
      Duration installTime) {}

  private final Path dataDir;
  private final Timeouts timeouts;

  public DataFetcher(Path dataDir, Timeouts timeouts) {
    this.dataDir = dataDir;
    this.timeouts = timeouts;
  }

  /**
   * Fetches {@code source} unless it is installed and verifies.
   *
   * @param fromDir a folder holding the archive under its registry file name, or null to download
   * @param progress receives a line per step (for a terminal); may ignore them
   */
  public Report fetch(DatasetSource source, Path fromDir, Consumer<String> progress)
      throws IOException {
    InstallState before = InstallState.check(source, dataDir);
    if (before.status() == InstallState.Status.INSTALLED) {
      return new Report(before, true, "", 0, Duration.ZERO, Duration.ZERO);
    }
    if (before.status() == InstallState.Status.CORRUPT) {
      progress.accept(
          source.name() + ": installed copy is corrupt (" + before.detail() + "); refetching");
    }
    Files.createDirectories(dataDir);
    Path download = null;
    try {
      Path archive;
      String origin;
      Duration downloadTime = Duration.ZERO;
      if (fromDir != null) {
        archive = locate(source, fromDir);
        origin = archive.toString();
      } else {
        download = Files.createTempFile(dataDir, "." + source.archiveFileName() + ".", ".part");
        origin = source.url().toString();
        progress.accept(source.name() + ": downloading " + origin);
        long t0 = System.nanoTime();
        archive = download(source, download);
        downloadTime = Duration.ofNanos(System.nanoTime() - t0);
      }
      long t1 = System.nanoTime();
      String actual = Sha256.of(archive);
      if (!actual.equals(source.archiveSha256())) {
        throw new DataIntegrityException(
            "archive " + InstallState.mismatch(origin, actual, source.archiveSha256()));
      }
      long archiveBytes = Files.size(archive);
      install(source, archive, origin);
      Duration installTime = Duration.ofNanos(System.nanoTime() - t1);
      return new Report(
          InstallState.check(source, dataDir),
          false,
          origin,
          archiveBytes,
          downloadTime,
          installTime);
    } finally {
      if (download != null) {
        Files.deleteIfExists(download);
      }
    }
  }

  private static Path locate(DatasetSource source, Path fromDir) {
    for (String name : new String[] {source.archiveFileName(), source.archiveRawFileName()}) {
      Path p = fromDir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no "
            + source.archiveFileName()
            + " in "
            + fromDir
            + " (for dataset '"
            + source.name()
            + "')");
  }

  private Path download(DatasetSource source, Path target) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeouts.connect())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(source.url()).timeout(timeouts.transfer()).GET().build();
    String hint = "; download " + source.url() + " by hand and pass its folder with --from";
    CompletableFuture<HttpResponse<Path>> future =
        client.sendAsync(
            request,
            HttpResponse.BodyHandlers.ofFile(
                target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    HttpResponse<Path> response;
    try {
      response = future.get(timeouts.transfer().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new DataFetchException(
          "download of "
              + source.url()
              + " took longer than "
              + timeouts.transfer().toSeconds()
              + " s"
              + hint,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataFetchException("download of " + source.url() + " interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new DataFetchException(
          "cannot reach " + source.url().getHost() + " (" + describe(cause) + ")" + hint, cause);
    }
    if (response.statusCode() != 200) {
      throw new DataFetchException(
          "HTTP " + response.statusCode() + " from " + source.url() + hint, null);
    }
    return target;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    String name = t.getClass().getSimpleName();
    return m == null || m.isBlank() ? name : name + ": " + m.lines().findFirst().orElse(m);
  }

  private void install(DatasetSource source, Path archive, String origin) throws IOException {
    Path staging = Files.createTempDirectory(dataDir, "." + source.name() + ".staging-");
    try {
      Map<String, String> digests = new HashMap<>();
      source
          .format()
          .forEachFile(
              archive,
              (member, content) -> {
                if (!member.startsWith(source.memberPrefix())) {
                  return;
                }
                String file = member.substring(source.memberPrefix().length());
                String expected = source.files().get(file);
                if (expected == null) {
                  return;
                }
                digests.put(file, copyHashing(content, staging.resolve(file)));
                if (!digests.get(file).equals(expected)) {
                  throw new DataIntegrityException(
                      "member "
                          + InstallState.mismatch(
                              member + " of " + origin, digests.get(file), expected));
                }
              });
      for (String file : source.files().keySet()) {
        if (!digests.containsKey(file)) {
          throw new DataIntegrityException(
              origin + " lacks member " + source.memberPrefix() + file);
        }
      }
      Path dir = dataDir.resolve(source.name());
      Path old = null;
      if (Files.exists(dir)) {
        old = Files.createTempDirectory(dataDir, "." + source.name() + ".old-");
        Files.delete(old);
        move(dir, old);
      }
      move(staging, dir);
      if (old != null) {
        deleteTree(old);
      }
    } finally {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
    }
  }

  private static String copyHashing(InputStream content, Path target) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
      content.transferTo(out);
    }
    return Sha256.hex(digest);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** The state of every source of {@code catalog} in this data folder. */
  public List<InstallState> states(DataCatalog catalog) {
    return catalog.sources().stream().map(s -> InstallState.check(s, dataDir)).toList();
  }
}
