package org.gossipbench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

  private static String git(String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
  }

  @Test
  void shouldRecordTheCheckoutsCommitAndDirtiness() throws Exception {
    Provenance p =
        Provenance.capture(TrainingStepSchema.INSTANCE, "run-1", "{}", 7, "gossipbench test");
    String head = git("rev-parse", "HEAD");
    if (head == null) {
      assertEquals("unknown", p.gitCommit());
      assertEquals("unknown", p.gitDirty());
    } else {
      assertEquals(head, p.gitCommit());
      String status = git("status", "--porcelain", "--untracked-files=no");
      assertEquals(Boolean.toString(!status.isEmpty()), p.gitDirty());
    }
  }

  @Test
  void shouldDescribeTheMachineAndRun() {
    Instant before = Instant.now();
    Provenance p =
        Provenance.capture(
            CollectiveSchema.INSTANCE, "run-2", "{\"n\":4}", 11, "gossipbench collectives");
    assertEquals("collective", p.kind());
    assertEquals(CollectiveSchema.INSTANCE.version(), p.schemaVersion());
    assertEquals(Runtime.getRuntime().availableProcessors(), p.cpuCores());
    assertFalse(p.cpuModel().isBlank());
    assertFalse(p.host().isBlank());
    assertTrue(p.os().contains(System.getProperty("os.arch")));
    assertEquals(System.getProperty("java.runtime.version"), p.jvmVersion());
    assertTrue(
        p.jvmArguments().contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), p.jvmArguments());
    assertEquals(11, p.seed());
    assertFalse(p.startTime().isBefore(before));
    assertTrue(p.loadAverage().matches("[0-9.]+ [0-9.]+ [0-9.]+|unknown"));
    assertEquals(p, Provenance.fromMetadata(p.toMetadata(), "x"));
  }

  @Test
  void shouldKeepRunsOfDifferentCommitsApart() {
    Provenance clean = Rows.provenance(TrainingStepSchema.INSTANCE);
    Path file = ResultsLayout.runFile(Path.of("results"), clean);
    assertEquals(Path.of("results", "runs", "0123456789ab", clean.runId() + ".arrow"), file);
    String id = ResultsLayout.newRunId("collective", Instant.parse("2026-11-22T10:15:30Z"));
    assertTrue(id.startsWith("20261122T101530Z-collective-"), id);
    assertFalse(
        id.equals(ResultsLayout.newRunId("collective", Instant.parse("2026-11-22T10:15:30Z"))));
  }

  private static ClassLoader bakedWith(Path dir, String properties) throws IOException {
    Path file = dir.resolve(Provenance.BUILD_RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, properties);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }

  private static final ClassLoader NOTHING_BAKED = new URLClassLoader(new URL[0], null);
  private static final String CHECKOUT = Path.of("..").toAbsolutePath().normalize().toString();

  @Test
  void shouldPreferTheCommitBakedIntoTheJarOverAnyCheckout(@TempDir Path dir) throws Exception {
    String commit = "0123456789abcdef0123456789abcdef01234567";
    ClassLoader loader = bakedWith(dir, "git.commit=" + commit + "\ngit.dirty=true\n");
    assertArrayEquals(
        new String[] {commit, "true"},
        Provenance.codeState(loader, CHECKOUT, Optional.of(Path.of(CHECKOUT))));
  }

  @Test
  void shouldIgnoreABakedFileThatNamesNoCommit(@TempDir Path dir) throws Exception {
    ClassLoader loader = bakedWith(dir, "git.commit=\ngit.dirty=false\n");
    assertArrayEquals(
        new String[] {"unknown", "unknown"},
        Provenance.codeState(loader, dir.toString(), Optional.empty()));
  }

  @Test
  void shouldAskTheCheckoutAtGossipbenchHomeNotTheWorkingDirectory(@TempDir Path dir)
      throws Exception {
    // The working directory of this test is inside a checkout; a home outside any is unknown.
    assertArrayEquals(
        new String[] {"unknown", "unknown"},
        Provenance.codeState(NOTHING_BAKED, dir.toString(), Optional.of(Path.of(CHECKOUT))));
    String head = git("rev-parse", "HEAD");
    if (head != null) {
      assertEquals(head, Provenance.codeState(NOTHING_BAKED, CHECKOUT, Optional.of(dir))[0]);
    }
  }

  @Test
  void shouldAskTheCheckoutTheClassesCameFromWithoutAHome(@TempDir Path dir) throws Exception {
    assertArrayEquals(
        new String[] {"unknown", "unknown"},
        Provenance.codeState(NOTHING_BAKED, null, Optional.of(dir)));
    String head = git("rev-parse", "HEAD");
    if (head != null) {
      assertEquals(
          head,
          Provenance.codeState(
              NOTHING_BAKED, null, Optional.of(Path.of("target").toAbsolutePath()))[0]);
    }
  }
}
