package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path tmp;

  @Test
  void shouldRejectAnUnknownDatasetInOneLineWithExitCodeTwo() {
    CliRunner r = CliRunner.run("data", "fetch", "cifar10", "--data-dir", tmp.toString());
    assertEquals(2, r.exitCode());
    assertEquals(
        "gossipbench: error: unknown dataset 'cifar10'; known: mnist, fashion-mnist, spambase,"
            + " sklearn, brown, all\n",
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void shouldSayWhichArchiveAFolderLacks() {
    CliRunner r =
        CliRunner.run(
            "data", "fetch", "spambase", "--data-dir", tmp.toString(), "--from", tmp.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(
        "gossipbench: error: no deap-doc_1.3.1-4_all.deb in " + tmp + " (for dataset 'spambase')\n",
        r.err());
  }

  @Test
  void shouldListEveryDatasetAsMissingInAnEmptyFolder() {
    CliRunner r = CliRunner.run("data", "list", "--data-dir", tmp.toString(), "--format", "csv");
    assertEquals(0, r.exitCode(), r.err());
    var lines = r.out().lines().toList();
    assertEquals("name,status,bytes,path,problem,datasets", lines.get(0));
    assertEquals(6, lines.size());
    assertTrue(
        lines.get(1).startsWith("mnist,missing,0," + tmp.resolve("mnist") + ","), lines.get(1));
    assertTrue(
        lines
            .get(4)
            .endsWith(",\"sklearn:digits,sklearn:breast-cancer,sklearn:iris,sklearn:wine\""),
        lines.get(4));
  }

  @Test
  void shouldShowADamagedFileAsCorrupt() throws Exception {
    Files.createDirectories(tmp.resolve("spambase"));
    Files.writeString(tmp.resolve("spambase/spambase.csv"), "1,2,0\n");
    CliRunner r = CliRunner.run("data", "list", "--data-dir", tmp.toString(), "--format", "csv");
    assertEquals(0, r.exitCode(), r.err());
    String spam = r.out().lines().filter(l -> l.startsWith("spambase,")).findFirst().orElseThrow();
    assertTrue(spam.startsWith("spambase,corrupt,6,"), spam);
    assertTrue(spam.contains("spambase.csv: sha256 "), spam);
  }

  @Test
  void shouldLeaveAVerifiedInstallationAlone() {
    Path data = Path.of("..", "data");
    Assumptions.assumeTrue(
        Files.isRegularFile(data.resolve("sklearn/iris.csv")),
        "sklearn not fetched: run gossipbench data fetch sklearn");
    CliRunner r = CliRunner.run("data", "fetch", "sklearn", "--data-dir", data.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("sklearn: already installed and verified in "), r.out());
    assertTrue(r.out().endsWith("; nothing to do\n"), r.out());
  }
}
