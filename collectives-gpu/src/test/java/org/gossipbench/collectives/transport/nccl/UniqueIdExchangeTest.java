package org.gossipbench.collectives.transport.nccl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.launch.LaunchEnvironment;
import org.gossipbench.collectives.transport.tcp.TcpStore;
import org.junit.jupiter.api.Test;

class UniqueIdExchangeTest {
  private static final int BYTES = 128;

  @Test
  void shouldHandRankZerosIdToEveryRankThroughTheStore() throws Exception {
    byte[] id = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      id[i] = (byte) (i * 37 - 128); // every byte value class, negatives included
    }
    int n = 4;
    try (TcpStore store = TcpStore.serve("127.0.0.1", 0, "token", n)) {
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        List<Future<byte[]>> got = new ArrayList<>();
        for (int r = n - 1; r >= 0; r--) { // the others ask before rank 0 publishes
          LaunchEnvironment env =
              new LaunchEnvironment(r, n, "127.0.0.1", store.port(), "token", "gossipbench");
          byte[] mine = r == 0 ? id : null;
          got.add(
              pool.submit(() -> UniqueIdExchange.share(env, mine, BYTES, Duration.ofSeconds(20))));
        }
        for (Future<byte[]> f : got) {
          assertArrayEquals(id, f.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void shouldFailOnOneLineWhenRankZeroNeverPublishes() throws Exception {
    try (TcpStore store = TcpStore.serve("127.0.0.1", 0, "token", 2)) {
      LaunchEnvironment env =
          new LaunchEnvironment(1, 2, "127.0.0.1", store.port(), "token", "gossipbench");
      CommunicatorException e =
          assertThrows(
              CommunicatorException.class,
              () -> UniqueIdExchange.share(env, null, BYTES, Duration.ofMillis(300)));
      assertTrue(e.getMessage().startsWith("rank 1: rank 0 published no NCCL unique id"));
    }
  }

  @Test
  void shouldRejectAnIdOfTheWrongLength() {
    assertThrows(IllegalArgumentException.class, () -> UniqueIdExchange.encode(new byte[3], BYTES));
    String shortId = UniqueIdExchange.encode(new byte[64], 64);
    CommunicatorException e =
        assertThrows(CommunicatorException.class, () -> UniqueIdExchange.decode(shortId, BYTES));
    assertTrue(e.getMessage().contains("64 bytes, not 128"), e.getMessage());
  }
}
