package org.gossipbench.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gossipbench.workloads.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlainFitBaselineTest {

  @BeforeAll
  static void configure() {
    Dl4jRuntime.configure(1);
  }

  @Test
  void shouldCountOnlyTimedSamplesAndLowerTheLossOnARepeatedBatch() {
    Dataset data = Dl4jModelTest.randomImages(16, 1);
    PlainFitBaseline.Result first = PlainFitBaseline.run(new MlpBuilder(), data, 1, 16, 0, 1, 0.1);
    PlainFitBaseline.Result later = PlainFitBaseline.run(new MlpBuilder(), data, 1, 16, 2, 20, 0.1);
    assertEquals(320, later.samples());
    assertTrue(later.fitNanos() > 0 && later.samplesPerSecond() > 0);
    assertTrue(later.finalScore() < first.finalScore(), later + " vs " + first);
  }

  @Test
  void shouldRejectAnEmptyRun() {
    Dataset data = Dl4jModelTest.randomImages(4, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> PlainFitBaseline.run(new MlpBuilder(), data, 1, 4, 0, 0, 0.1));
  }
}
