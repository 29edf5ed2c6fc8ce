package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordWindowsTest {
  private static final List<List<String>> TEXT =
      List.of(List.of("The", "cat", "sat"), List.of("the", "dog", "sat", "the"));

  @Test
  void shouldKeepTheMostFrequentLowercaseWordsThenUnkAndEos() {
    WordWindows w = WordWindows.vocabulary(TEXT, 2);
    // the: 3, sat: 2; cat and dog fall out
    assertEquals(4, w.size());
    assertEquals("the", w.word(0));
    assertEquals("sat", w.word(1));
    assertEquals("<unk>", w.word(2));
    assertEquals("<eos>", w.word(3));
    assertArrayEquals(new int[] {0, 2, 1, 3, 0, 2, 1, 0, 3}, w.stream(TEXT));
  }

  @Test
  void shouldCutWindowsWhoseTargetsAreTheNextTokens() {
    WordWindows w = WordWindows.vocabulary(TEXT, 2);
    Dataset d = w.windows("t", TEXT, 3);
    // 9 tokens: windows [0..3], [3..6]; the tail (7, 8) is too short
    assertEquals(2, d.size());
    assertArrayEquals(new int[] {4}, d.sampleShape());
    assertArrayEquals(new float[] {0, 2, 1, 3, 3, 0, 2, 1}, d.features());
    assertArrayEquals(new int[] {3, 1}, d.labels());
    assertEquals(4, d.numClasses());
  }
}
