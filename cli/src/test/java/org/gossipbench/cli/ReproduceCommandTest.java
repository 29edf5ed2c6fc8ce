package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite at {@code --scale tiny}, interrupted after a few parts and resumed: the finished
 * parts are skipped, the rest run, and every table of the report comes from this run's own logs.
 */
class ReproduceCommandTest {
  static final Path DATA = TrainCommandTest.DATA;

  @Test
  void tinyScaleInterruptedThenResumedProducesEveryTableFromFreshLogs(@TempDir Path out)
      throws IOException {
    assumeTrue(
        Files.isDirectory(DATA.resolve("mnist"))
            && Files.isDirectory(DATA.resolve("fashion-mnist")),
        "mnist and fashion-mnist not fetched: run gossipbench data fetch mnist fashion-mnist");
    Instant started = Instant.now();
    String[] args = {
      "reproduce", "--scale", "tiny", "--out", out.toString(), "--data-dir", DATA.toString()
    };
    // a stale half-written part, as a killed run leaves it
    Files.createDirectories(out.resolve(".partial/collectives-stale"));
    Files.writeString(out.resolve(".partial/collectives-stale/sweep.arrow"), "half");

    List<String> interrupted = new ArrayList<>(List.of(args));
    interrupted.addAll(List.of("--stop-after", "5"));
    CliRunner first = CliRunner.run(interrupted.toArray(String[]::new));
    assertEquals(1, first.exitCode(), first.err());
    assertTrue(first.out().contains("stopped after 5 parts"), first.out());
    assertFalse(Files.exists(out.resolve(".partial/collectives-stale")), "stale part removed");
    Path table = out.resolve("topology/table/part.json");
    assertTrue(Files.exists(table));
    String record = Files.readString(table);
    assertFalse(Files.exists(out.resolve("report")), "no report from an interrupted run");

    CliRunner second = CliRunner.run(args);
    assertEquals(0, second.exitCode(), second.out() + second.err());
    // the plan counted the five finished parts as done and did not run them again
    assertTrue(
        second.out().lines().anyMatch(l -> l.matches("topology\\s+3\\s+3\\s+0\\s+.*")),
        second.out());
    assertTrue(
        second.out().lines().anyMatch(l -> l.matches("collectives\\s+\\d+\\s+2\\s+.*")),
        second.out());
    assertEquals(record, Files.readString(table), "a finished part is not rerun");
    assertTrue(second.out().contains("# goal: resnet50 at 256 GPUs on v100-25gbe"), second.out());

    Path report = out.resolve("report/report");
    for (String t :
        List.of(
            "T1", "T2", "T3", "T3-projected", "T4", "T6", "T7", "theory-points", "theory-fits")) {
      Path csv = report.resolve(t + ".csv");
      assertTrue(Files.exists(csv), t + " missing: " + second.out());
      assertTrue(Files.readAllLines(csv).size() > 1, t + " has no rows");
    }
    if (Files.isDirectory(DATA.resolve("brown"))) {
      // the language model's runs: T5 reads their held-out cross entropy
      assertTrue(Files.readAllLines(report.resolve("T5.csv")).size() > 2, "T5 rows");
    }
    String t3 = Files.readString(report.resolve("T3.md"));
    assertTrue(t3.contains("(local)") && t3.contains("(tcp)"), t3);
    String projected = Files.readString(report.resolve("T3-projected.md"));
    assertTrue(projected.contains("v100-25gbe, resnet50") && projected.contains("measured"));
    assertTrue(Files.exists(out.resolve("report/dashboard/index.html")));

    // fresh: every log the report read was written by this run
    try (RootAllocator allocator = new RootAllocator();
        Stream<Path> files = Files.walk(out)) {
      List<Path> logs = files.filter(f -> f.toString().endsWith(".arrow")).toList();
      assertTrue(logs.size() > 20, "logs: " + logs.size());
      for (Path f : logs) {
        try (ResultFile rf = ResultFile.open(f, allocator)) {
          assertFalse(rf.provenance().startTime().isBefore(started.minusSeconds(1)), f.toString());
        }
      }
    }

    // nothing left to do: a third run skips every part
    CliRunner third = CliRunner.run(args);
    assertEquals(0, third.exitCode(), third.err());
    assertTrue(third.out().contains("# ETA 0m00s for 0 parts"), third.out());
  }

  @Test
  void unknownScaleIsOneLineAndExit2() {
    CliRunner r = CliRunner.run("reproduce", "--scale", "huge", "--plan");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("tiny, small, medium, full"), r.err());
  }

  @Test
  void smallPlanCoversEveryStageWithinItsBudget() {
    CliRunner r = CliRunner.run("reproduce", "--scale", "small", "--out", "/nonexistent", "--plan");
    assertEquals(0, r.exitCode(), r.err());
    for (String stage : List.of("topology", "collectives", "training", "theory", "projection")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(stage + " ")), stage + ": " + r.out());
    }
    assertFalse(Files.exists(Path.of("/nonexistent")), "--plan writes nothing");
  }

  @Test
  void resNet50AndBertJoinThePlanWhenTheirDataIsGiven() {
    List<org.gossipbench.cli.reproduce.Part> none =
        org.gossipbench.cli.reproduce.Plan.of(
            org.gossipbench.cli.reproduce.Scale.FULL, "/r", null, w -> true);
    assertTrue(none.stream().noneMatch(p -> p.name().startsWith("resnet50")));
    List<org.gossipbench.cli.reproduce.Part> full =
        org.gossipbench.cli.reproduce.Plan.of(
            org.gossipbench.cli.reproduce.Scale.FULL,
            "/r",
            null,
            w -> true,
            new org.gossipbench.cli.reproduce.LargeModels("/imagenet", "/text.txt", "/vocab.txt"));
    List<String> names = full.stream().map(org.gossipbench.cli.reproduce.Part::name).toList();
    assertTrue(names.contains("resnet50-n8-psgd"), names.toString());
    assertTrue(names.contains("bert-large-n8-dsgd-one-peer-exp"), names.toString());
    String bert =
        String.join(
            " ",
            full.stream()
                .filter(p -> p.name().equals("bert-large-n8-psgd"))
                .findFirst()
                .orElseThrow()
                .args());
    assertTrue(bert.contains("bert-large:corpus=/text.txt:vocab=/vocab.txt"), bert);
    CliRunner r =
        CliRunner.run(
            "reproduce",
            "--scale",
            "tiny",
            "--out",
            "/nonexistent",
            "--plan",
            "--bert-corpus",
            "brown");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("not in this plan: ResNet-50 (give --imagenet DIR)"), r.out());
    assertFalse(r.out().contains("BERT (give"), r.out());
  }

  @Test
  void theMpiAndNamespaceSweepsJoinThePlanWhereTheMachineHasThem() {
    List<org.gossipbench.cli.reproduce.Part> bare =
        org.gossipbench.cli.reproduce.Plan.of(
            org.gossipbench.cli.reproduce.Scale.SMALL, "/r", null, w -> true);
    assertTrue(bare.stream().noneMatch(org.gossipbench.cli.reproduce.Part::isExternal));
    List<org.gossipbench.cli.reproduce.Part> setUp =
        org.gossipbench.cli.reproduce.Plan.of(
            org.gossipbench.cli.reproduce.Scale.SMALL,
            "/r",
            null,
            w -> true,
            org.gossipbench.cli.reproduce.LargeModels.NONE,
            new org.gossipbench.cli.reproduce.Machine("/src", true, true, true));
    List<org.gossipbench.cli.reproduce.Part> external =
        setUp.stream().filter(org.gossipbench.cli.reproduce.Part::isExternal).toList();
    assertEquals(
        List.of("collectives/vendor-mpi", "collectives/netcluster-hier"),
        external.stream().map(org.gossipbench.cli.reproduce.Part::path).toList());
    String vendor = String.join(" ", external.get(0).argsIn("/out"));
    assertTrue(
        vendor.startsWith("! bash /src/ci/vendor-compare.sh --ranks 2,4")
            && vendor.contains("--work /out")
            && vendor.endsWith("--mpi-transport"),
        vendor);
    assertTrue(String.join(" ", external.get(1).args()).contains("ci/netcluster-hier.sh {dir}"));
  }
}
