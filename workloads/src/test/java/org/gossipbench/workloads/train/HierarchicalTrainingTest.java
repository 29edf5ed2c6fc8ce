package org.gossipbench.workloads.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
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
 * Over a hier: topology training gossips by neighbor-average/hierarchical, which computes the same
 * W = T ⊗ 11ᵀ/G as the generic exchange, rounded differently (a group sum, a scale, a mix).
 */
class HierarchicalTrainingTest {
  static final String HIER = "hier:group=4:inter=one-peer-exp";

  static TrainConfig config(String algorithm, String topology) {
    return TrainerDeterminismTest.config("synthetic-lsq", algorithm, 8, 40).topology(topology);
  }

  static void assertClose(double expected, double actual, String what) {
    double scale = Math.max(Math.abs(expected), 1e-12);
    assertTrue(
        Math.abs(expected - actual) <= 1e-6 * scale, what + ": " + expected + " vs " + actual);
  }

  @Test
  void shouldPickTheHierarchicalCollectiveForAHierTopologyUnlessAskedOtherwise() {
    assertEquals("hierarchical", config("dsgd", HIER).conclude().neighborAverage());
    assertEquals("hierarchical", config("dsgd", HIER).conclude().toMap().get("neighbor_average"));
    assertEquals("neighbor", config("dsgd", "one-peer-exp").conclude().neighborAverage());
    assertEquals(
        "neighbor", config("dsgd", HIER).neighborAverage("neighbor").conclude().neighborAverage());
    assertEquals(null, config("psgd", HIER).conclude().toMap().get("neighbor_average"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dsgd", "gradient-tracking", "exact-diffusion"})
  void shouldTrainLikeTheGenericExchangeOverTheSameMatrix(String algorithm) {
    Trainer.Result hier = new Trainer(config(algorithm, HIER), TrainingProgress.NONE).run();
    Trainer.Result generic =
        new Trainer(config(algorithm, HIER).neighborAverage("neighbor"), TrainingProgress.NONE)
            .run();
    List<TrainingStep> a = hier.steps();
    List<TrainingStep> b = generic.steps();
    assertEquals(8 * 40, a.size());
    assertEquals(b.size(), a.size());
    for (int i = 0; i < a.size(); i++) {
      TrainingStep x = a.get(i);
      TrainingStep y = b.get(i);
      String at = "rank " + x.rank() + " iteration " + x.iteration();
      assertEquals(y.rank(), x.rank());
      assertEquals(y.iteration(), x.iteration());
      assertClose(y.trainLoss(), x.trainLoss(), at + " train loss");
      assertEquals(y.evalLoss() == null, x.evalLoss() == null, at);
      if (y.evalLoss() != null) {
        assertClose(y.evalLoss(), x.evalLoss(), at + " eval loss");
        assertClose(y.consensusDistance(), x.consensusDistance(), at + " consensus distance");
      }
    }
    // W is dense here (T over two groups is 11ᵀ/2): the generic exchange sends to all 7 others,
    // the hierarchical collective a ring, a leaders' exchange and a broadcast; the sign it ran
    long hierBytes = a.stream().mapToLong(TrainingStep::bytesCommunicated).sum();
    long genericBytes = b.stream().mapToLong(TrainingStep::bytesCommunicated).sum();
    assertTrue(2 * hierBytes < genericBytes, hierBytes + " vs " + genericBytes);
  }

  @Test
  void shouldGiveBitIdenticalColumnsLocallyAndOverTcp() throws Exception {
    Trainer.Result local = new Trainer(config("dsgd", HIER), TrainingProgress.NONE).run();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Trainer.Result>> ranks = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        TrainConfig own =
            config("dsgd", HIER)
                .transport("tcp")
                .environment(
                    Map.of(
                        "GOSSIPBENCH_RANK", Integer.toString(r),
                        "GOSSIPBENCH_WORLD_SIZE", "8",
                        "GOSSIPBENCH_MASTER_ADDR", "127.0.0.1",
                        "GOSSIPBENCH_MASTER_PORT", Integer.toString(port),
                        "GOSSIPBENCH_TOKEN", "hierarchical-test-token-0123456789"));
        ranks.add(pool.submit(() -> new Trainer(own, TrainingProgress.NONE).run()));
      }
      Trainer.Result zero = null;
      for (Future<Trainer.Result> f : ranks) {
        Trainer.Result r = f.get();
        zero = r.hostsRankZero() ? r : zero;
      }
      assertEquals(TrainerDeterminismTest.values(local), TrainerDeterminismTest.values(zero));
    } finally {
      pool.shutdownNow();
    }
  }
}
