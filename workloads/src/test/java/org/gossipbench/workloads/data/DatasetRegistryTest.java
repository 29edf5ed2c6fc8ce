package org.gossipbench.workloads.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads named datasets from small files installed under a catalog written for them. */
class DatasetRegistryTest {
  @TempDir Path dataDir;

  private DataCatalog install(String source, Map<String, byte[]> files) throws IOException {
    Path dir = Files.createDirectories(dataDir.resolve(source));
    Map<String, String> sums = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
      sums.put(f.getKey(), Sha256.of(f.getValue()));
    }
    return new DataCatalog(
        List.of(
            new DatasetSource(
                source,
                "",
                URI.create("http://localhost/x.tgz"),
                ArchiveFormat.NPM_TGZ,
                "package/",
                "0".repeat(64),
                sums)));
  }

  @Test
  void shouldLoadImagesWithTheirPublishedSplitScaledToTheUnitInterval() throws IOException {
    byte[][] train = TestFiles.mnistLike(30);
    byte[][] test = TestFiles.mnistLike(10);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("train-images-idx3-ubyte.gz", TestFiles.gzip(train[0]));
    files.put("train-labels-idx1-ubyte.gz", TestFiles.gzip(train[1]));
    files.put("t10k-images-idx3-ubyte.gz", TestFiles.gzip(test[0]));
    files.put("t10k-labels-idx1-ubyte.gz", TestFiles.gzip(test[1]));
    DatasetSplits d =
        DatasetRegistry.load("fashion-mnist", dataDir, install("fashion-mnist", files));
    assertEquals(30, d.train().size());
    assertEquals(10, d.test().size());
    assertArrayEquals(new int[] {1, 28, 28}, d.train().sampleShape());
    assertEquals(10, d.train().numClasses());
    assertEquals(7, d.train().label(17));
    assertEquals((17 + 5) / 255f, d.train().features()[17 * 784 + 5]);
  }

  @Test
  void shouldSplitATableEightyTwentyByClassAndStandardizeWithTrainingStatistics()
      throws IOException {
    StringBuilder csv = new StringBuilder("50,2,a,b\n");
    for (int i = 0; i < 50; i++) {
      csv.append(i).append(',').append(7).append(',').append(i < 20 ? 0 : 1).append('\n');
    }
    DataCatalog c = install("sklearn", Map.of("breast_cancer.csv", csv.toString().getBytes(UTF_8)));
    DatasetSplits d = DatasetRegistry.load("sklearn:breast-cancer", dataDir, c);
    assertEquals(40, d.train().size());
    assertEquals(10, d.test().size());
    assertArrayEquals(new long[] {16, 24}, d.train().labelHistogram());
    assertArrayEquals(new long[] {4, 6}, d.test().labelHistogram());
    assertArrayEquals(new int[] {2}, d.train().sampleShape());
    double mean = 0;
    double square = 0;
    for (int i = 0; i < d.train().size(); i++) {
      float x = d.train().features()[2 * i];
      mean += x / 40.0;
      square += x * x / 40.0;
      assertEquals(0f, d.train().features()[2 * i + 1], "a constant column standardizes to 0");
    }
    assertEquals(0, mean, 1e-6);
    assertEquals(1, square, 1e-5);
    DatasetSplits again = DatasetRegistry.load("sklearn:breast-cancer", dataDir, c);
    assertArrayEquals(d.test().features(), again.test().features());
  }

  @Test
  void shouldNameTheFetchCommandWhenADatasetIsNotInstalled() {
    DatasetNotInstalledException e =
        assertThrows(
            DatasetNotInstalledException.class, () -> DatasetRegistry.load("mnist", dataDir));
    assertEquals(
        "dataset 'mnist' is not installed in "
            + dataDir
            + ": run 'gossipbench data fetch mnist --data-dir "
            + dataDir
            + "'",
        e.getMessage());
  }

  @Test
  void shouldRefuseAFileDamagedSinceTheFetch() throws IOException {
    DataCatalog c = install("spambase", Map.of("spambase.csv", "1,2,0\n3,4,1\n".getBytes(UTF_8)));
    Files.write(dataDir.resolve("spambase/spambase.csv"), "1,2,0\n3,5,1\n".getBytes(UTF_8));
    DataIntegrityException e =
        assertThrows(
            DataIntegrityException.class, () -> DatasetRegistry.load("spambase", dataDir, c));
    assertTrue(
        e.getMessage().startsWith(dataDir.resolve("spambase/spambase.csv") + ": sha256 "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "; run 'gossipbench data fetch spambase --data-dir " + dataDir + "' to repair it"),
        e.getMessage());
  }

  @Test
  void shouldRejectAnUnknownNameListingTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DatasetRegistry.load("cifar10", dataDir));
    assertEquals(
        "unknown dataset 'cifar10'; known: mnist, fashion-mnist, spambase, sklearn:digits,"
            + " sklearn:breast-cancer, sklearn:iris, sklearn:wine",
        e.getMessage());
  }
}
