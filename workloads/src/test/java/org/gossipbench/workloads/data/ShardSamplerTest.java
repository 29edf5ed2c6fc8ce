package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ShardSamplerTest {
  /**
   * Sample i has the single feature i and label i mod 3, so a batch shows which samples it holds.
   */
  private static Dataset numbered(int n) {
    float[] f = new float[n];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      f[i] = i;
      l[i] = i % 3;
    }
    return new Dataset("numbered", f, l, null, new int[] {1}, 3);
  }

  private static int[] draw(ShardSampler s, Batch b, int samples) {
    int[] out = new int[samples];
    for (int k = 0; k < samples; k += b.capacity()) {
      s.next(b);
      assertEquals(b.capacity(), b.size());
      for (int j = 0; j < b.capacity(); j++) {
        out[k + j] = (int) b.features()[j];
        assertEquals(out[k + j] % 3, b.labels()[j]);
      }
    }
    return out;
  }

  @Test
  void shouldVisitEveryShardSampleOncePerPassAndKeepBatchesFull() {
    Dataset d = numbered(100);
    int[] shard = {3, 14, 15, 92, 65, 35, 89, 79, 32, 38};
    ShardSampler s = new ShardSampler(d, shard, 7, 2);
    Batch b = new Batch(4, 1);
    int[] drawn = draw(s, b, 40);
    int[] sortedShard = shard.clone();
    Arrays.sort(sortedShard);
    for (int pass = 0; pass < 4; pass++) {
      int[] p = Arrays.copyOfRange(drawn, pass * 10, pass * 10 + 10);
      Arrays.sort(p);
      assertArrayEquals(sortedShard, p, "pass " + pass);
    }
    assertEquals(40, s.samplesDrawn());
    assertEquals(3, s.passesCompleted());
    assertFalse(
        Arrays.equals(Arrays.copyOfRange(drawn, 0, 10), Arrays.copyOfRange(drawn, 10, 20)),
        "each pass reshuffles");
  }

  @Test
  void shouldRepeatExactlyForTheSameSeedAndRankAndDifferOtherwise() {
    Dataset d = numbered(1000);
    int[] shard = new int[500];
    Arrays.setAll(shard, i -> 2 * i);
    int[] a = draw(new ShardSampler(d, shard, 42, 1), new Batch(32, 1), 3200);
    int[] b = draw(new ShardSampler(d, shard, 42, 1), new Batch(32, 1), 3200);
    int[] otherRank = draw(new ShardSampler(d, shard, 42, 2), new Batch(32, 1), 3200);
    int[] otherSeed = draw(new ShardSampler(d, shard, 43, 1), new Batch(32, 1), 3200);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, otherRank));
    assertFalse(Arrays.equals(a, otherSeed));
  }

  @Test
  void shouldDeriveEachPassSeedFromSeedRankAndPassOnly() {
    assertEquals(ShardSampler.passSeed(1, 2, 3), ShardSampler.passSeed(1, 2, 3));
    assertNotEquals(ShardSampler.passSeed(1, 2, 3), ShardSampler.passSeed(1, 3, 2));
    assertNotEquals(ShardSampler.passSeed(1, 0, 0), ShardSampler.passSeed(0, 1, 0));
  }

  @Test
  void shouldNotAllocateWhileDrawingBatches() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(
        bean.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
    Dataset d = numbered(2000);
    int[] shard = new int[257];
    Arrays.setAll(shard, i -> 7 * i);
    ShardSampler s = new ShardSampler(d, shard, 9, 0);
    Batch b = new Batch(32, 1);
    for (int i = 0; i < 2000; i++) {
      s.next(b);
    }
    long before = bean.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 10_000; i++) {
      s.next(b);
    }
    long bytes = bean.getCurrentThreadAllocatedBytes() - before;
    assertTrue(s.passesCompleted() > 1000);
    assertTrue(bytes < 1024, bytes + " bytes allocated over 10,000 batches and 1,000 passes");
  }

  @Test
  void shouldRejectAnEmptyShardAndIndicesOutsideTheDataset() {
    Dataset d = numbered(10);
    assertThrows(IllegalArgumentException.class, () -> new ShardSampler(d, new int[0], 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ShardSampler(d, new int[] {10}, 1, 0));
  }
}
