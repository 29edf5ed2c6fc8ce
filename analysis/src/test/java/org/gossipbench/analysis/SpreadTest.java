package org.gossipbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpreadTest {
  @Test
  void shouldTakeTheMeanOfTheMiddleTwoAsTheMedianOfAnEvenCount() {
    assertEquals(new Spread(4, 2.5, 1, 10), Spread.of(new double[] {10, 1, 3, 2}));
  }

  @Test
  void shouldDropTheFastestAndSlowestForTheOlympicMean() {
    assertEquals(3.0, Spread.olympicMean(new double[] {100, 2, 3, 4, 1}));
  }

  @Test
  void shouldAverageAllWhenTooFewToDrop() {
    assertEquals(1.5, Spread.olympicMean(new double[] {1, 2}));
  }

  @Test
  void shouldRefuseNoValues() {
    assertThrows(IllegalArgumentException.class, () -> Spread.of(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Spread.olympicMean(new double[0]));
  }
}
