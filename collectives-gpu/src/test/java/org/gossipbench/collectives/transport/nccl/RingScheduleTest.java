package org.gossipbench.collectives.transport.nccl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RingScheduleTest {

  @ParameterizedTest
  @CsvSource({"10,1", "10,2", "10,3", "7,4", "3,4", "0,4", "1000003,8"})
  void shouldPairEverySendWithTheNextRanksReceiveOfTheSameBlock(int count, int n) {
    for (int r = 0; r < n; r++) {
      RingSchedule me = new RingSchedule(count, n, r);
      RingSchedule next = new RingSchedule(count, n, me.next());
      for (int s = 0; s < me.steps(); s++) {
        assertEquals(me.reduceScatterSendBlock(s), next.reduceScatterRecvBlock(s));
        assertEquals(me.allGatherSendBlock(s), next.allGatherRecvBlock(s));
      }
    }
  }

  /** Simulates the schedule on integers: every rank must end with the full sum everywhere. */
  @ParameterizedTest
  @CsvSource({"10,1", "10,2", "10,3", "7,4", "3,4", "13,5", "64,8"})
  void shouldLeaveTheSumEverywhereWhenSimulated(int count, int n) {
    long[][] x = new long[n][count];
    long[] sum = new long[count];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < count; i++) {
        x[r][i] = (r + 1L) * (i % 7 + 1);
        sum[i] += x[r][i];
      }
    }
    RingSchedule[] s = new RingSchedule[n];
    for (int r = 0; r < n; r++) {
      s[r] = new RingSchedule(count, n, r);
    }
    for (int step = 0; step < n - 1; step++) {
      long[][] before = copy(x);
      for (int r = 0; r < n; r++) {
        int b = s[r].reduceScatterRecvBlock(step);
        int from = s[r].previous();
        assertEquals(b, s[from].reduceScatterSendBlock(step));
        for (int i = s[r].blockStart(b); i < s[r].blockStart(b) + s[r].blockLength(b); i++) {
          x[r][i] += before[from][i];
        }
      }
    }
    for (int r = 0; r < n; r++) {
      int b = s[r].ownedBlock();
      for (int i = s[r].blockStart(b); i < s[r].blockStart(b) + s[r].blockLength(b); i++) {
        assertEquals(sum[i], x[r][i], "rank " + r + " owns block " + b);
      }
    }
    for (int step = 0; step < n - 1; step++) {
      long[][] before = copy(x);
      for (int r = 0; r < n; r++) {
        int b = s[r].allGatherRecvBlock(step);
        int from = s[r].previous();
        for (int i = s[r].blockStart(b); i < s[r].blockStart(b) + s[r].blockLength(b); i++) {
          x[r][i] = before[from][i];
        }
      }
    }
    for (int r = 0; r < n; r++) {
      assertArrayEquals(sum, x[r], "rank " + r);
    }
  }

  @ParameterizedTest
  @CsvSource({"10,3,4", "9,3,3", "2,4,1", "0,4,0"})
  void shouldSizeTheScratchToTheLongestBlock(int count, int n, int longest) {
    assertEquals(longest, new RingSchedule(count, n, 0).maxBlockLength());
  }

  private static long[][] copy(long[][] x) {
    long[][] c = new long[x.length][];
    for (int r = 0; r < x.length; r++) {
      c[r] = x[r].clone();
    }
    return c;
  }
}
