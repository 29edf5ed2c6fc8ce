package org.gossipbench.workloads.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gossipbench.results.TrainingStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same command and seed give bit-identical loss and accuracy columns, run after run and on
 * every transport: here local (threads) against tcp (real sockets, one rank per thread, each with
 * its own launch environment, as separate processes would have).
 */
class TrainerDeterminismTest {
  static final Path DATA = Path.of(System.getenv().getOrDefault("GOSSIPBENCH_DATA", "../data"));

  static TrainConfig config(String workload, String algorithm, int n, long steps) {
    return new TrainConfig()
        .workload(workload)
        .algorithm(algorithm)
        // DeTAG's accelerated gossip needs a static graph
        .topology(
            switch (algorithm) {
              case "detag" -> "ring";
              case "push-sum", "push-diging" -> "directed-random"; // column stochastic only
              default -> "one-peer-exp";
            })
        .nodes(n)
        .batch(16)
        .learningRate(0.05)
        .maxSteps(steps)
        .evalEvery("10")
        .seed(7)
        .dataDir(DATA);
  }

  /** The columns that must not change: everything but the timings. */
  static List<String> values(Trainer.Result r) {
    List<String> rows = new ArrayList<>();
    for (TrainingStep s : r.steps()) {
      rows.add(
          s.rank()
              + " "
              + s.iteration()
              + " "
              + Double.doubleToLongBits(s.trainLoss())
              + " "
              + s.evalMetric()
              + " "
              + s.evalLoss()
              + " "
              + s.consensusDistance()
              + " "
              + s.bytesCommunicated());
    }
    return rows;
  }

  static Trainer.Result overTcp(TrainConfig template, int n) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Trainer.Result>> ranks = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        Map<String, String> env =
            Map.of(
                "GOSSIPBENCH_RANK", Integer.toString(r),
                "GOSSIPBENCH_WORLD_SIZE", Integer.toString(n),
                "GOSSIPBENCH_MASTER_ADDR", "127.0.0.1",
                "GOSSIPBENCH_MASTER_PORT", Integer.toString(port),
                "GOSSIPBENCH_TOKEN", "determinism-test-token-0123456789");
        TrainConfig c = template.transport("tcp").environment(env);
        // every rank needs its own configuration object: copy by rebuilding from the template
        TrainConfig own =
            config(c.workload(), c.algorithm(), n, c.maxSteps()).transport("tcp").environment(env);
        ranks.add(pool.submit(() -> new Trainer(own, TrainingProgress.NONE).run()));
      }
      Trainer.Result zero = null;
      for (Future<Trainer.Result> f : ranks) {
        Trainer.Result r = f.get();
        if (r.hostsRankZero()) {
          zero = r;
        }
      }
      return zero;
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "psgd",
        "dsgd",
        "dsgd-cta",
        "gradient-tracking",
        "exact-diffusion",
        "gossip-pga",
        "detag",
        "push-sum",
        "push-diging"
      })
  void shouldGiveBitIdenticalColumnsRunAfterRunAndOverTcp(String algorithm) throws Exception {
    Trainer.Result a =
        new Trainer(config("synthetic-lsq", algorithm, 4, 40), TrainingProgress.NONE).run();
    Trainer.Result b =
        new Trainer(config("synthetic-lsq", algorithm, 4, 40), TrainingProgress.NONE).run();
    assertEquals(values(a), values(b));
    Trainer.Result tcp = overTcp(config("synthetic-lsq", algorithm, 4, 40), 4);
    assertEquals(values(a), values(tcp));
    assertEquals("tcp", tcp.summary().transport());
    assertEquals(4 * 40, a.steps().size());
  }

  @Test
  void shouldGiveBitIdenticalDl4jColumnsLocallyAndOverTcp() throws Exception {
    assumeTrue(
        Files.isDirectory(DATA.resolve("mnist")),
        "mnist not fetched: run gossipbench data fetch mnist");
    Trainer.Result local =
        new Trainer(config("mnist-mlp", "dsgd", 2, 12), TrainingProgress.NONE).run();
    Trainer.Result again =
        new Trainer(config("mnist-mlp", "dsgd", 2, 12), TrainingProgress.NONE).run();
    assertEquals(values(local), values(again));
    Trainer.Result tcp = overTcp(config("mnist-mlp", "dsgd", 2, 12), 2);
    assertEquals(values(local), values(tcp));
    assertTrue(local.summary().bestMetric() > 0.1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "psgd",
        "dsgd",
        "dsgd-cta",
        "gradient-tracking",
        "exact-diffusion",
        "gossip-pga",
        "detag",
        "push-sum",
        "push-diging"
      })
  void shouldAllocateNothingPerStepWithAPureJavaModel(String algorithm) {
    Trainer.Result r =
        new Trainer(
                config("synthetic-lsq", algorithm, 4, 2000).evalEvery("5000"),
                TrainingProgress.NONE)
            .run();
    @SuppressWarnings("unchecked")
    List<Double> perRank = (List<Double>) r.facts().get("allocated_bytes_per_step");
    assertEquals(4, perRank.size());
    for (double bytes : perRank) {
      // an allocation per step would be at least 16 bytes every step; below 1 byte per step over
      // the 1,000 measured steps leaves room only for a one-off (a method changing JIT tier)
      assertTrue(bytes < 1.0, "bytes allocated per step, second half: " + perRank);
    }
  }

  @Test
  void shouldChangeWithTheSeed() {
    Trainer.Result a =
        new Trainer(config("synthetic-lsq", "dsgd", 4, 20), TrainingProgress.NONE).run();
    Trainer.Result b =
        new Trainer(config("synthetic-lsq", "dsgd", 4, 20).seed(8), TrainingProgress.NONE).run();
    assertTrue(!values(a).equals(values(b)), "a different seed must give different numbers");
  }

  @Test
  void shouldStopAtTheTargetAndReportTimesToIt() throws IOException {
    TrainConfig c =
        config("synthetic-lsq:zeta=0.1:noise=0.1", "psgd", 4, 2000).target(0.05).evalEvery("5");
    Trainer.Result r = new Trainer(c, TrainingProgress.NONE).run();
    assertTrue(r.summary().reached(), "best " + r.summary().bestMetric());
    assertEquals("target", r.summary().stopReason());
    assertTrue(r.summary().iterations() < 2000);
    assertEquals(r.summary().iterations(), (long) r.summary().iterationsToTarget());
    assertTrue(r.summary().timeToTargetNanos() > 0);
    assertTrue(r.summary().criticalPathToTargetNanos() > 0);
    assertTrue(r.summary().projectedToTargetNanos() > 0);
    assertTrue(r.facts().containsKey("b2"));
  }
}
