package org.gossipbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
}
