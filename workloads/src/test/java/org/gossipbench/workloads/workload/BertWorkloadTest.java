package org.gossipbench.workloads.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.model.Model;
import org.gossipbench.workloads.partition.IidPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertWorkloadTest {

  /** A text corpus in create_pretraining_data.py's format: a sentence per line, blank lines. */
  static Path corpus(Path dir) throws Exception {
    SplittableRandom rng = new SplittableRandom(2);
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
    Path file = dir.resolve("corpus.txt");
    Files.write(file, lines);
    return file;
  }

  @Test
  void reducedSizeBertBaseLoadsSplitsAndTakesAStep(@TempDir Path dir) throws Exception {
    Path text = corpus(dir);
    Workload w =
        WorkloadRegistry.get(
            "bert-base:corpus=" + text + ":layers=1:hidden=32:heads=2:seq=16:vocab-size=60");
    assertEquals("test_cross_entropy", w.metric());
    assertEquals(List.of(), w.datasets());
    TrainingData data = w.load(dir, 2, new IidPartitioner(), 4);
    assertEquals(2, data.nodes());
    assertTrue(data.test().size() > 0 && data.train().size() > data.test().size());
    try (Model m = w.model().build(data.train().sampleShape(), data.train().numClasses(), 4)) {
      Batch b = new Batch(4, data.train().featureCount());
      for (int i = 0; i < 4; i++) {
        b.add(data.train(), data.shards()[0][i]);
      }
      double loss = m.gradient(b, new FloatBuf(new float[m.parameterCount()]));
      assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
      assertTrue(
          m.describe().contains("L=1 H=32 A=2 V=" + data.train().numClasses()), m.describe());
    }
  }

  @Test
  void badParametersAreOneLine(@TempDir Path dir) {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkloadRegistry.get("bert-large:corpus=" + dir.resolve("none.txt")));
    assertTrue(missing.getMessage().contains("neither 'brown' nor a file"), missing.getMessage());
    IllegalArgumentException heads =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkloadRegistry.get("bert-base:hidden=30:heads=4"));
    assertTrue(heads.getMessage().contains("not a multiple"), heads.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> WorkloadRegistry.get("bert-base:depth=2"));
    assertTrue(unknown.getMessage().contains("it takes: corpus"), unknown.getMessage());
  }
}
