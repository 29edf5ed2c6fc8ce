package org.gossipbench.collectives.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.transport.local.LocalTransport;
import org.junit.jupiter.api.Test;

/**
 * The adaptive allreduce's rule at each side of each crossover, and that every rank builds the
 * algorithm the rule names (their results are checked by the conformance suite at the same counts).
 */
class AdaptiveAllreduceTest {

  @Test
  void eachCrossoverSeparatesTheAlgorithmsItNames() {
    long rd = AdaptiveAllreduce.RECURSIVE_DOUBLING_MAX_BYTES;
    for (int n : new int[] {2, 3, 4, 8, 16}) {
      long hd = 64L * 1024 * n;
      assertEquals("recursive-doubling", AdaptiveAllreduce.choose(n, 0));
      assertEquals("recursive-doubling", AdaptiveAllreduce.choose(n, rd));
      assertEquals("halving-doubling", AdaptiveAllreduce.choose(n, rd + 1));
      assertEquals("halving-doubling", AdaptiveAllreduce.choose(n, hd));
      assertEquals("ring", AdaptiveAllreduce.choose(n, hd + 1));
      assertEquals("ring", AdaptiveAllreduce.choose(n, 1L << 30));
    }
  }

  @Test
  void everyRankRunsTheChosenAlgorithmAndTheModelPricesIt() {
    int n = 4;
    for (DType type : DType.values()) {
      for (long bytes :
          new long[] {
            AdaptiveAllreduce.RECURSIVE_DOUBLING_MAX_BYTES,
            AdaptiveAllreduce.RECURSIVE_DOUBLING_MAX_BYTES + type.bytes(),
            AdaptiveAllreduce.halvingDoublingMaxBytes(n) + type.bytes()
          }) {
        int count = (int) (bytes / type.bytes());
        String expected = AdaptiveAllreduce.choose(n, bytes);
        Map<Integer, String> chosen = new ConcurrentHashMap<>();
        LocalTransport.create(n, Duration.ofSeconds(30))
            .run(
                comm -> {
                  Buf data = Buf.allocate(type, count);
                  Collective c =
                      CollectiveRegistry.create(
                          "allreduce", "auto", comm, data, count, CollectiveOptions.defaults());
                  c.run(0);
                  chosen.put(comm.rank(), ((AdaptiveAllreduce) c).chosen());
                });
        for (int r = 0; r < n; r++) {
          assertEquals(expected, chosen.get(r), type + " " + bytes + " B, rank " + r);
        }
        CostModel auto = CollectiveRegistry.get("allreduce", "auto").cost().orElseThrow();
        CostModel picked = CollectiveRegistry.get("allreduce", expected).cost().orElseThrow();
        assertEquals(
            picked.counts(n, bytes, 1 << 20, null), auto.counts(n, bytes, 1 << 20, null), expected);
      }
    }
  }
}
