package org.gossipbench.workloads.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches archives built here and served over a real socket by the JDK's HTTP server, under a
 * checksum table written for them.
 */
class DataFetcherTest {
  private static final DataFetcher.Timeouts FAST =
      new DataFetcher.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

  @TempDir Path tmp;
  private HttpServer server;
  private Path served;
  private Path dataDir;
  private final List<String> progress = new ArrayList<>();

  private static final byte[] ALPHA = "alpha\n".getBytes(UTF_8);
  private static final byte[] BETA = "beta beta\n".getBytes(UTF_8);

  @BeforeEach
  void serve() throws IOException {
    served = Files.createDirectories(tmp.resolve("registry"));
    dataDir = tmp.resolve("data");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file = served.resolve(exchange.getRequestURI().getPath().substring(1));
          if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url(String file) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
  }

  private static Map<String, byte[]> members(String prefix, byte[] alpha, byte[] beta) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(prefix + "readme.md", "not installed".getBytes(UTF_8));
    m.put(prefix + "data/alpha.txt", alpha);
    m.put(prefix + "data/beta.txt.gz", beta);
    return m;
  }

  /** A source for {@code archive} whose table holds the digests of {@code expectedAlpha}, BETA. */
  private DatasetSource source(
      String name, Path archive, ArchiveFormat format, String prefix, byte[] expectedAlpha)
      throws IOException {
    Map<String, String> sums = new LinkedHashMap<>();
    sums.put(archive.getFileName().toString(), Sha256.of(archive));
    sums.put(name + "/alpha.txt", Sha256.of(expectedAlpha));
    sums.put(name + "/beta.txt.gz", Sha256.of(BETA));
    return DataCatalog.source(
        sums, name, "test set", url(archive.getFileName().toString()), format, prefix);
  }

  private DatasetSource tgzSource() throws IOException {
    Path a = TestArchives.tgz(served.resolve("toy-1.0.0.tgz"), members("package/", ALPHA, BETA));
    return source("toy", a, ArchiveFormat.NPM_TGZ, "package/data/", ALPHA);
  }

  private DataFetcher fetcher() {
    return new DataFetcher(dataDir, FAST);
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(dataDir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shouldInstallTheListedMembersOfAnNpmArchiveAndVerifyThem() throws IOException {
    DatasetSource s = tgzSource();
    DataFetcher.Report r = fetcher().fetch(s, null, progress::add);
    assertFalse(r.alreadyInstalled());
    assertEquals(InstallState.Status.INSTALLED, r.state().status());
    assertEquals(Files.size(served.resolve("toy-1.0.0.tgz")), r.archiveBytes());
    assertArrayEquals(ALPHA, Files.readAllBytes(dataDir.resolve("toy/alpha.txt")));
    assertArrayEquals(BETA, Files.readAllBytes(dataDir.resolve("toy/beta.txt.gz")));
    assertFalse(Files.exists(dataDir.resolve("toy/readme.md")));
    assertEquals(List.of("toy"), leftovers());
  }

  @Test
  void shouldInstallFromADebianPackage() throws IOException {
    Path deb =
        TestArchives.deb(
            served.resolve("toy_1.0-1_all.deb"), members("./usr/share/toy/", ALPHA, BETA));
    DatasetSource s = source("debtoy", deb, ArchiveFormat.DEB, "./usr/share/toy/data/", ALPHA);
    assertEquals(
        InstallState.Status.INSTALLED, fetcher().fetch(s, null, progress::add).state().status());
    assertArrayEquals(BETA, Files.readAllBytes(dataDir.resolve("debtoy/beta.txt.gz")));
  }

  @Test
  void shouldDoNothingWhenRefetchingAVerifiedInstallation() throws IOException {
    DatasetSource s = tgzSource();
    fetcher().fetch(s, null, progress::add);
    Files.delete(served.resolve("toy-1.0.0.tgz"));
    DataFetcher.Report again = fetcher().fetch(s, null, progress::add);
    assertTrue(again.alreadyInstalled());
    assertEquals(InstallState.Status.INSTALLED, again.state().status());
  }

  @Test
  void shouldRejectAnArchiveWhoseDigestDiffersAndInstallNothing() throws IOException {
    DatasetSource s = tgzSource();
    Files.write(served.resolve("toy-1.0.0.tgz"), "tampered".getBytes(UTF_8));
    DataIntegrityException e =
        assertThrows(DataIntegrityException.class, () -> fetcher().fetch(s, null, progress::add));
    assertTrue(
        e.getMessage()
            .startsWith("archive " + s.url() + ": sha256 " + Sha256.of("tampered".getBytes(UTF_8))),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(", expected " + s.archiveSha256()), e.getMessage());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void shouldRejectAMemberWhoseDigestDiffersAndInstallNothing() throws IOException {
    Path a =
        TestArchives.tgz(
            served.resolve("toy-1.0.0.tgz"), members("package/", "alphA\n".getBytes(UTF_8), BETA));
    DatasetSource s = source("toy", a, ArchiveFormat.NPM_TGZ, "package/data/", ALPHA);
    DataIntegrityException e =
        assertThrows(DataIntegrityException.class, () -> fetcher().fetch(s, null, progress::add));
    assertTrue(
        e.getMessage().startsWith("member package/data/alpha.txt of " + s.url() + ": sha256 "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(", expected " + Sha256.of(ALPHA)), e.getMessage());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void shouldRejectAnArchiveThatLacksAMember() throws IOException {
    Map<String, byte[]> m = members("package/", ALPHA, BETA);
    m.remove("package/data/beta.txt.gz");
    Path a = TestArchives.tgz(served.resolve("toy-1.0.0.tgz"), m);
    DatasetSource s = source("toy", a, ArchiveFormat.NPM_TGZ, "package/data/", ALPHA);
    DataIntegrityException e =
        assertThrows(DataIntegrityException.class, () -> fetcher().fetch(s, null, progress::add));
    assertEquals(s.url() + " lacks member package/data/beta.txt.gz", e.getMessage());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void shouldReplaceACorruptInstallationOnlyWithAVerifiedOne() throws IOException {
    DatasetSource s = tgzSource();
    fetcher().fetch(s, null, progress::add);
    Files.write(dataDir.resolve("toy/alpha.txt"), "damaged".getBytes(UTF_8));
    InstallState damaged = InstallState.check(s, dataDir);
    assertEquals(InstallState.Status.CORRUPT, damaged.status());
    assertTrue(damaged.detail().contains("alpha.txt: sha256 "), damaged.detail());
    DataFetcher.Report r = fetcher().fetch(s, null, progress::add);
    assertEquals(InstallState.Status.INSTALLED, r.state().status());
    assertArrayEquals(ALPHA, Files.readAllBytes(dataDir.resolve("toy/alpha.txt")));
    assertEquals(List.of("toy"), leftovers());
  }

  @Test
  void shouldTakeTheArchiveFromAFolderWithoutTheNetwork() throws IOException {
    DatasetSource s = tgzSource();
    Path hand = Files.createDirectories(tmp.resolve("hand"));
    Files.move(served.resolve("toy-1.0.0.tgz"), hand.resolve("toy-1.0.0.tgz"));
    server.stop(0);
    DataFetcher.Report r = fetcher().fetch(s, hand, progress::add);
    assertEquals(InstallState.Status.INSTALLED, r.state().status());
    assertEquals(Duration.ZERO, r.downloadTime());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DataFetcher(tmp.resolve("other"), FAST)
                    .fetch(s, tmp.resolve("nowhere"), progress::add));
    assertEquals(
        "no toy-1.0.0.tgz in " + tmp.resolve("nowhere") + " (for dataset 'toy')", e.getMessage());
  }

  @Test
  void shouldFindADebianArchiveUnderTheNameAptGetDownloadGivesIt() {
    DatasetSource fm = DataCatalog.standard().source("fashion-mnist");
    assertEquals("dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb", fm.archiveFileName());
    assertEquals(
        "python3-sklearn_1.2.1+dfsg-1_all.deb",
        DataCatalog.standard().source("sklearn").archiveFileName());
  }

  @Test
  void shouldExplainAnUnreachableRegistryInOneLine() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Map<String, String> sums = Map.of("x-1.tgz", "0".repeat(64), "x/a", "1".repeat(64));
    DatasetSource s =
        DataCatalog.source(
            sums,
            "x",
            "",
            "http://127.0.0.1:" + closedPort + "/x-1.tgz",
            ArchiveFormat.NPM_TGZ,
            "package/");
    DataFetchException e =
        assertThrows(DataFetchException.class, () -> fetcher().fetch(s, null, progress::add));
    assertTrue(e.getMessage().startsWith("cannot reach 127.0.0.1 ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("by hand and pass its folder with --from"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(List.of(), leftovers());
  }

  @Test
  void shouldReportAnHttpErrorWithItsStatus() {
    Map<String, String> sums = Map.of("gone-1.tgz", "0".repeat(64), "gone/a", "1".repeat(64));
    DatasetSource s =
        DataCatalog.source(sums, "gone", "", url("gone-1.tgz"), ArchiveFormat.NPM_TGZ, "package/");
    DataFetchException e =
        assertThrows(DataFetchException.class, () -> fetcher().fetch(s, null, progress::add));
    assertTrue(e.getMessage().startsWith("HTTP 404 from " + s.url()), e.getMessage());
  }

  @Test
  void shouldListEveryPinnedArchiveAndItsFilesInTheCommittedTable() {
    DataCatalog c = DataCatalog.standard();
    assertEquals(List.of("mnist", "fashion-mnist", "spambase", "sklearn", "brown"), c.names());
    assertEquals(4, c.source("mnist").files().size());
    assertEquals(503, c.source("brown").files().size());
    assertEquals(
        "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0",
        c.source("fashion-mnist").archiveSha256());
    assertTrue(
        c.source("sklearn")
            .files()
            .keySet()
            .containsAll(
                List.of("digits.csv.gz", "breast_cancer.csv", "iris.csv", "wine_data.csv")));
  }
}
