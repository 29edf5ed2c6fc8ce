package org.gossipbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.results.TrainingStepSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Each table's numbers on runs small enough to work out by hand. */
class TableArithmeticTest {
  @TempDir Path dir;

  int runs;

  /** The metric the next runs report. */
  String metric = "top1_accuracy";

  void run(
      String algorithm,
      String topology,
      int n,
      String partition,
      long seed,
      double finalAccuracy,
      Long timeToTargetNanos,
      double samplesPerSecond) {
    String id = "run-" + ++runs;
    RunSummary s =
        new RunSummary(
            algorithm,
            topology,
            n,
            seed,
            metric,
            0.9,
            timeToTargetNanos != null,
            timeToTargetNanos,
            timeToTargetNanos == null ? null : 10L,
            finalAccuracy,
            0.3,
            20,
            2,
            1_000_000,
            "w",
            partition,
            "local",
            32,
            0.1,
            "max-epochs",
            timeToTargetNanos,
            timeToTargetNanos,
            5L,
            samplesPerSecond,
            0.0);
    try (RootAllocator allocator = new RootAllocator()) {
      try (ResultWriter<RunSummary> w =
          ResultWriter.create(
              dir.resolve(id + "-summary.arrow"),
              RunSummarySchema.INSTANCE,
              Provenance.capture(RunSummarySchema.INSTANCE, id, "{}", seed, "test"),
              allocator)) {
        w.append(s);
        w.commit();
      }
      try (ResultWriter<TrainingStep> w =
          ResultWriter.create(
              dir.resolve(id + ".arrow"),
              TrainingStepSchema.INSTANCE,
              Provenance.capture(TrainingStepSchema.INSTANCE, id, "{}", seed, "test"),
              allocator)) {
        // an earlier evaluation that must not count as the final one
        w.append(step(algorithm, topology, n, 5, 0.5));
        w.append(step(algorithm, topology, n, 10, finalAccuracy));
        w.append(step(algorithm, topology, n, 11, null));
        w.commit();
      }
    }
  }

  static TrainingStep step(String algorithm, String topology, int n, long k, Double eval) {
    return TrainingStep.v1(
        algorithm, topology, n, 0, 1, k, 32 * k, 0.5, eval, null, 1, 1, 8, 0.1, k);
  }

  Table build(String table) {
    return AnalysisTables.get(table).build(ResultsScan.of(List.of(dir)));
  }

  @Test
  void shouldTakeTheGainOverDsgdSeedBySeedOnTheSameGraph() {
    run("dsgd", "ring", 4, "sorted", 1, 0.80, null, 1);
    run("dsgd", "ring", 4, "sorted", 2, 0.70, null, 1);
    run("dsgd", "exp", 4, "sorted", 1, 0.10, null, 1);
    run("gradient-tracking", "ring", 4, "sorted", 1, 0.85, null, 1);
    run("gradient-tracking", "ring", 4, "sorted", 2, 0.90, null, 1);
    run("gradient-tracking", "ring", 4, "sorted", 3, 0.99, null, 1);
    Table t7 = build("T7");
    assertEquals(
        List.of("dsgd", "dsgd", "gradient-tracking"), t7.stringColumn("algorithm").asList());
    assertEquals(List.of("exp", "ring", "ring"), t7.stringColumn("topology").asList());
    assertEquals(0.90, t7.doubleColumn("final_accuracy_median").getDouble(2));
    assertEquals(0.99, t7.doubleColumn("final_accuracy_max").getDouble(2));
    // seeds 1 and 2 have both: +0.05 and +0.20; seed 3 has no DSGD run to compare with
    assertEquals(2, t7.intColumn("gain_seeds").getInt(2));
    assertEquals(
        (0.85 - 0.80 + 0.90 - 0.70) / 2,
        t7.doubleColumn("gain_over_dsgd_median").getDouble(2),
        1e-15);
    assertTrue(t7.doubleColumn("gain_over_dsgd_median").isMissing(1));
  }

  @Test
  void shouldScoreTimeToTargetByTheOlympicMeanOfTheRunsThatReachedIt() {
    long[] times = {5, 1, 2, 3, 100};
    for (int s = 0; s < times.length; s++) {
      run("psgd", "allreduce:ring", 8, "iid", s, 0.91, times[s], 1);
    }
    run("psgd", "allreduce:ring", 8, "iid", 9, 0.5, null, 1);
    Table t4 = build("T4");
    assertEquals(1, t4.rowCount());
    assertEquals(6, t4.intColumn("runs").getInt(0));
    assertEquals(5, t4.intColumn("reached").getInt(0));
    assertEquals((2 + 3 + 5) / 3.0, t4.doubleColumn("time_to_target_ns_olympic").getDouble(0));
    assertEquals(0.91, t4.doubleColumn("final_accuracy_median").getDouble(0));
  }

  @Test
  void shouldPutLossScoredRunsInT5WithThePerplexityOfACrossEntropy() {
    run("psgd", "allreduce:ring", 4, "iid", 1, 0.9, 7L, 1);
    metric = "test_cross_entropy";
    run("dsgd", "ring", 4, "iid", 1, Math.log(200), null, 1);
    run("dsgd", "ring", 4, "iid", 2, Math.log(50), 4L, 1);
    run("dsgd", "ring", 4, "iid", 3, Math.log(100), 6L, 1);
    metric = "test_loss";
    run("dsgd", "ring", 8, "iid", 1, 0.25, null, 1);
    Table t5 = build("T5");
    assertEquals(List.of(4, 8), t5.intColumn("n").asList());
    assertEquals(List.of("test_cross_entropy", "test_loss"), t5.stringColumn("metric").asList());
    assertEquals(Math.log(100), t5.doubleColumn("final_loss_median").getDouble(0), 1e-15);
    assertEquals(Math.log(50), t5.doubleColumn("final_loss_min").getDouble(0), 1e-15);
    assertEquals(100, t5.doubleColumn("perplexity_median").getDouble(0), 1e-12);
    // a loss that is not a cross-entropy has no perplexity
    assertTrue(t5.doubleColumn("perplexity_median").isMissing(1));
    assertEquals(2, t5.intColumn("reached").getInt(0));
    assertEquals(5.0, t5.doubleColumn("time_to_target_ns_olympic").getDouble(0));
    // and the accuracy run is T4's alone
    Table t4 = build("T4");
    assertEquals(List.of("psgd"), t4.stringColumn("algorithm").asList());
  }

  @Test
  void shouldGiveTheShareOfLinearSpeedupFromTheSmallestN() {
    run("dsgd", "ring", 4, "iid", 1, 0.9, null, 100);
    run("dsgd", "ring", 8, "iid", 1, 0.9, null, 150);
    run("dsgd", "ring", 8, "iid", 2, 0.9, null, 170);
    Table t6 = build("T6");
    assertEquals(List.of(4, 8), t6.intColumn("n").asList());
    assertEquals(100.0, t6.doubleColumn("linear_speedup_percent").getDouble(0));
    assertEquals(80.0, t6.doubleColumn("linear_speedup_percent").getDouble(1));
  }

  /** One collective file: every (rank, iteration) time in milliseconds. */
  void collective(String id, long[][] millisByRankAndIteration, long wrong) {
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<CollectiveMeasurement> w =
            ResultWriter.create(
                dir.resolve(id + ".arrow"),
                CollectiveSchema.INSTANCE,
                Provenance.capture(CollectiveSchema.INSTANCE, id, "{}", 1, "test"),
                allocator)) {
      int ranks = millisByRankAndIteration.length;
      for (int rank = 0; rank < ranks; rank++) {
        long[] ms = millisByRankAndIteration[rank];
        for (int k = 0; k < ms.length; k++) {
          w.append(
              new CollectiveMeasurement(
                  "allreduce",
                  "ring",
                  "local",
                  "fully-connected",
                  ranks,
                  ranks,
                  rank,
                  1 << 20,
                  1 << 18,
                  "float32",
                  k,
                  ms[k] * 1_000_000,
                  0,
                  0,
                  0,
                  0,
                  rank == 0 ? wrong : 0));
        }
      }
      w.commit();
    }
  }

  @Test
  void communicationTakesEachIterationsSlowestRankThenTheMedianOverIterationsAndRuns() {
    // iteration times (max over ranks): run a 5, 2, 9; run b 4, 7: median of 2 4 5 7 9 = 5
    collective("a", new long[][] {{5, 1, 9}, {3, 2, 8}}, 0);
    collective("b", new long[][] {{4, 7}, {1, 6}}, 3);
    Table t = new CommunicationTable().build(ResultsScan.of(List.of(dir)));
    assertEquals(1, t.rowCount());
    assertEquals(5.0, t.doubleColumn("time_median_ms").get(0), 1e-12);
    assertEquals(2.0, t.doubleColumn("time_min_ms").get(0), 1e-12);
    assertEquals(9.0, t.doubleColumn("time_max_ms").get(0), 1e-12);
    assertEquals(5, t.intColumn("iterations").get(0));
    assertEquals(2, t.intColumn("runs").get(0));
    assertEquals(3L, t.longColumn("wrong").get(0));
    assertEquals((1 << 20) / 5e6, t.doubleColumn("algbw_median_gbps").get(0), 1e-12);
  }

  @Test
  void consensusKeepsTheMeanAndItsDistanceFallsFromTheStartsVariance() {
    // x = (0, 1, 2, 3, 4): mean 2, (1/n) sum (x_i - 2)^2 = (4 + 1 + 0 + 1 + 4) / 5 = 2
    Table t =
        new ConsensusTable()
            .build(ResultsScan.of(List.of(Path.of("..", "results", "reference", "topology"))));
    for (String topology : List.of("ring", "exp")) {
      Table rows = t.where(t.stringColumn("topology").isEqualTo(topology));
      assertEquals(6, rows.rowCount(), topology);
      assertEquals(0, rows.longColumn("iteration").get(0));
      assertEquals(2.0, rows.doubleColumn("consensus_distance").get(0), 0.0);
      for (int r = 0; r < rows.rowCount(); r++) {
        assertEquals(2.0, rows.doubleColumn("mean").get(r), 1e-12, topology + " mean moved");
        if (r > 0) {
          assertTrue(
              rows.doubleColumn("consensus_distance").get(r)
                  < rows.doubleColumn("consensus_distance").get(r - 1),
              topology + " distance did not fall at row " + r);
        }
      }
      // one step of the ring from (0..4): node 0 averages 4, 0, 1
      if (topology.equals("ring")) {
        assertEquals(5.0 / 3, rows.doubleColumn("node_0").get(1), 1e-12);
      }
    }
  }

  @Test
  void topologyJoinsTheMeasuredNeighborAveragingAndTransientOfItsOwnRow() {
    ResultsScan scan = ResultsScan.of(List.of(Path.of("..", "results", "reference")));
    Table t = new TopologyTable().build(scan);
    Table comm = new CommunicationTable().build(scan);
    Table transients = new TransientTable().build(scan);
    int joined = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      String topology = t.stringColumn("topology").get(r);
      int n = t.intColumn("n").get(r);
      Table c =
          comm.where(
              comm.stringColumn("op")
                  .isEqualTo("neighbor-average")
                  .and(comm.stringColumn("topology").isEqualTo(topology))
                  .and(comm.intColumn("n").isEqualTo(n)));
      if (c.rowCount() == 0) {
        assertTrue(t.doubleColumn("neighbor_average_median_ms").isMissing(r), topology + n);
      } else {
        int largest = c.longColumn("bytes").asList().indexOf((long) c.longColumn("bytes").max());
        assertEquals(
            c.longColumn("bytes").get(largest), t.longColumn("neighbor_average_bytes").get(r));
        assertEquals(
            c.doubleColumn("time_median_ms").get(largest),
            t.doubleColumn("neighbor_average_median_ms").get(r),
            0.0);
        joined++;
      }
      Table tr =
          transients.where(
              transients
                  .stringColumn("algorithm")
                  .isEqualTo("dsgd")
                  .and(transients.stringColumn("topology").isEqualTo(topology))
                  .and(transients.intColumn("n").isEqualTo(n)));
      if (tr.rowCount() == 0) {
        assertTrue(t.longColumn("transient_iterations").isMissing(r), topology + n);
      } else {
        assertEquals(
            tr.longColumn("transient_iterations").get(0),
            t.longColumn("transient_iterations").get(r));
        joined++;
      }
    }
    assertTrue(joined >= 4, "the reference runs join communication and transients: " + joined);
  }
}
