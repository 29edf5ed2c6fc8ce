package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.results.TrainingStepSchema;
import org.gossipbench.workloads.algorithm.AlgorithmRegistry;
import org.gossipbench.workloads.partition.PartitionRegistry;
import org.gossipbench.workloads.train.TrainingDevice;
import org.gossipbench.workloads.workload.WorkloadRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest {
  static final Path DATA = Path.of(System.getenv().getOrDefault("GOSSIPBENCH_DATA", "../data"));

  @TempDir Path results;

  static boolean installed(String dataset) {
    return Files.isDirectory(DATA.resolve(dataset));
  }

  private CliRunner train(String... args) {
    List<String> a = new ArrayList<>(List.of("train", "--progress", "none"));
    a.addAll(List.of(args));
    a.addAll(List.of("--results-dir", results.toString()));
    return CliRunner.run(a.toArray(String[]::new));
  }

  private long filesUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void shouldListEveryRegisteredWorkloadAlgorithmAndPartition() {
    CliRunner r = CliRunner.run("train", "--list");
    assertEquals(0, r.exitCode(), r.err());
    WorkloadRegistry.entries().forEach(e -> assertTrue(r.out().contains(e.name()), e.name()));
    AlgorithmRegistry.entries().forEach(e -> assertTrue(r.out().contains(e.name()), e.name()));
    PartitionRegistry.names().forEach(p -> assertTrue(r.out().contains(p), p));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--workload nosuch|unknown workload 'nosuch'; known: mnist-mlp",
        "--algorithm nosuch|unknown algorithm 'nosuch'; known: psgd",
        "--partition nosuch|unknown partition 'nosuch'; known: iid",
        "--partition dirichlet:alpha=0|dirichlet: alpha must be a positive number",
        "--lr 0|learning rate must be > 0",
        "--lr -0.5|learning rate must be > 0",
        "--batch 0|--batch must be at least 1",
        "--target-accuracy 1.5|--target-accuracy must lie in [0, 1]",
        "--target-accuracy -0.1|--target-accuracy must lie in [0, 1]",
        "--momentum fast|unknown momentum 'fast'",
        "--allreduce nosuch|unknown algorithm 'nosuch' for allreduce",
        "--topology nosuch|unknown topology 'nosuch'",
        "--eval-every 0ep|--eval-every must be a positive number of epochs",
        "-n 0|-n must be at least 1",
        "--algorithm gossip-pga:period=0|gossip-pga period must be at least 1",
        "--algorithm gossip-pga:period=x|gossip-pga period must be a whole number",
        "--algorithm gossip-pga:rounds=2|has no parameter 'rounds'",
        "--algorithm exact-diffusion --momentum nesterov|exact diffusion takes plain SGD steps",
        "--algorithm gradient-tracking --local-steps 2|--local-steps must be 1",
        "--algorithm detag:rounds=0|detag rounds must be at least 1",
        "--algorithm detag --topology one-peer-exp|needs a static topology",
        "--algorithm dsgd --topology directed-random|algorithm dsgd needs a doubly stochastic topology",
        "--algorithm gradient-tracking --topology one-peer-push|is column stochastic only (run it with --algorithm push-sum)",
        "--algorithm gossip-pga:period=-2|gossip-pga period must be at least 1",
        "--algorithm push-sum --topology directed-random:out=0|parameter out=0 must be at least 1",
        "--log-steps some|--log-steps must be all or evaluated, got 'some'",
        "--device tpu|unknown --device 'tpu'; this build has: cpu",
      })
  void shouldRejectBadInputInOneLineWithExitCodeTwoAndWriteNothing(String args, String expected)
      throws IOException {
    CliRunner r = train(args.split(" "));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("gossipbench: error: "), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(0, filesUnder(results));
  }

  @Test
  void shouldRefuseDeviceCudaInOneLineWithExitCodeTwoWhereItCannotRun() throws IOException {
    boolean gpuBuild = TrainingDevice.available().stream().anyMatch(d -> d.name().equals("cuda"));
    CliRunner r = train("--device", "cuda", "--transport", "nccl", "-n", "1", "--max-steps", "1");
    assumeTrue(!gpuBuild || r.exitCode() != 0, "a GPU machine trains");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err()
            .contains(
                gpuBuild
                    ? "gossipbench: error: --device cuda: "
                    : "--device cuda: this build has no GPU support (build with -Pgpu"),
        r.err());
    assertEquals(0, filesUnder(results));
  }

  @Test
  void shouldNameTheFetchCommandWhenTheDatasetIsMissing(@TempDir Path empty) throws IOException {
    CliRunner r = train("--workload", "mnist-mlp", "--data-dir", empty.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("gossipbench data fetch mnist"), r.err());
    assertEquals(0, filesUnder(results));
  }

  @Test
  void shouldRefuseACorruptDataFile(@TempDir Path data) throws IOException {
    assumeTrue(installed("sklearn"), "sklearn not fetched: run gossipbench data fetch sklearn");
    Path copy = data.resolve("sklearn");
    Files.createDirectories(copy);
    try (Stream<Path> s = Files.list(DATA.resolve("sklearn"))) {
      for (Path f : s.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Path csv = copy.resolve("breast_cancer.csv");
    byte[] b = Files.readAllBytes(csv);
    b[b.length / 2] ^= 1;
    Files.write(csv, b);
    CliRunner r = train("--workload", "breast-cancer-logreg", "--data-dir", data.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("data fetch"), r.err());
    assertEquals(0, filesUnder(results));
  }

  @Test
  void shouldRejectMoreNodesThanTrainingSamples() throws IOException {
    assumeTrue(installed("sklearn"), "sklearn not fetched: run gossipbench data fetch sklearn");
    CliRunner r =
        train(
            "--workload",
            "breast-cancer-logreg",
            "-n",
            "5000",
            "--algorithm",
            "psgd",
            "--data-dir",
            DATA.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(0, filesUnder(results));
  }

  @Test
  void shouldTrainToTheTargetAndWriteStepsAndASummaryThatReadBack() throws Exception {
    assumeTrue(installed("sklearn"), "sklearn not fetched: run gossipbench data fetch sklearn");
    Path out = results.resolve("bc.arrow");
    CliRunner r =
        train(
            "--workload",
            "breast-cancer-logreg",
            "--algorithm",
            "dsgd",
            "--topology",
            "ring",
            "-n",
            "4",
            "--batch",
            "16",
            "--lr",
            "0.1",
            "--target-accuracy",
            "0.9",
            "--max-epochs",
            "20",
            "--eval-every",
            "10",
            "--data-dir",
            DATA.toString(),
            "--out",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("target 0.9000 reached"), r.out());
    try (RootAllocator a = new RootAllocator();
        ResultFile steps = ResultFile.open(out, a);
        ResultFile summary = ResultFile.open(results.resolve("bc-summary.arrow"), a)) {
      List<TrainingStep> rows = steps.readAll(TrainingStepSchema.INSTANCE);
      RunSummary s = summary.readAll(RunSummarySchema.INSTANCE).get(0);
      assertTrue(s.reached());
      assertEquals("target", s.stopReason());
      assertEquals(s.iterations() * 4, rows.size(), "one row per step and node");
      assertTrue(s.bestMetric() >= 0.9);
      assertTrue(s.criticalPathToTargetNanos() > 0 && s.projectedToTargetNanos() > 0);
      assertTrue(rows.stream().allMatch(t -> t.bytesCommunicated() > 0));
      assertTrue(steps.provenance().configJson().contains("label_histograms"));
    }
  }

  @Test
  void shouldLogTheEvaluatedStepsOnlyWhenAskedAndKeepTheSameRows() throws Exception {
    String[] common = {
      "--workload", "synthetic-lsq", "--algorithm", "dsgd", "--topology", "ring", "-n", "4",
      "--batch", "16", "--max-epochs", "2", "--eval-every", "0.5ep", "--seed", "3"
    };
    Path all = results.resolve("all.arrow");
    Path evaluated = results.resolve("evaluated.arrow");
    assertEquals(0, train(concat(common, "--out", all.toString())).exitCode());
    CliRunner r = train(concat(common, "--log-steps", "evaluated", "--out", evaluated.toString()));
    assertEquals(0, r.exitCode(), r.err());
    try (RootAllocator a = new RootAllocator();
        ResultFile full = ResultFile.open(all, a);
        ResultFile thin = ResultFile.open(evaluated, a)) {
      List<TrainingStep> every = full.readAll(TrainingStepSchema.INSTANCE);
      List<TrainingStep> kept = thin.readAll(TrainingStepSchema.INSTANCE);
      List<Long> evaluatedIterations =
          every.stream().filter(t -> t.evalMetric() != null).map(TrainingStep::iteration).toList();
      assertEquals(4 * 4, kept.size(), "4 evaluations in 2 epochs, every node's row");
      assertEquals(evaluatedIterations, kept.stream().map(TrainingStep::iteration).toList());
      // the same numbers as the full log's rows (timing columns aside: two runs)
      List<Double> fullMetrics =
          every.stream().map(TrainingStep::evalMetric).filter(m -> m != null).toList();
      assertEquals(fullMetrics, kept.stream().map(TrainingStep::evalMetric).toList());
      assertTrue(every.size() > kept.size());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** A reduced-size BERT (1 layer of width 32) through the whole trainer: DSGD on 2 nodes. */
  @Test
  void reducedBertTrainsOnATextCorpusAndLogsTheMaskedLmLoss(@TempDir Path dir) throws Exception {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
    String[] words = {"the", "river", "ran", "past", "an", "old", "mill", "while", "birds", "sang"};
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 20; d++) {
      for (int s = 0; s < 6; s++) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 10; w++) {
          b.append(words[rng.nextInt(words.length)]).append(' ');
        }
        lines.add(b.toString().trim() + ".");
      }
      lines.add("");
    }
    Path text = dir.resolve("corpus.txt");
    Files.write(text, lines);
    Path out = results.resolve("bert.arrow");
    CliRunner r =
        train(
            "--workload",
            "bert-base:corpus=" + text + ":layers=1:hidden=32:heads=2:seq=16",
            "--algorithm",
            "dsgd",
            "--topology",
            "ring",
            "-n",
            "2",
            "--batch",
            "4",
            "--lr",
            "0.1",
            "--max-steps",
            "6",
            "--eval-every",
            "3",
            "--out",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    try (RootAllocator a = new RootAllocator();
        ResultFile summary = ResultFile.open(results.resolve("bert-summary.arrow"), a)) {
      RunSummary s = summary.readAll(RunSummarySchema.INSTANCE).get(0);
      assertEquals(6, s.iterations());
      assertTrue(s.bestMetric() > 0 && s.bestMetric() < 10, "cross entropy " + s.bestMetric());
      assertTrue(summary.provenance().configJson().contains("bert-base"));
    }
  }
}
