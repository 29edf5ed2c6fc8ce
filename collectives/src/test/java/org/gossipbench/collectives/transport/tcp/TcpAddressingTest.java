package org.gossipbench.collectives.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.launch.LaunchEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a rank publishes for its peers to dial, on real loopback sockets: ranks are threads of this
 * JVM, each a full {@link TcpCommunicator} with its own listener and store connection.
 */
@Timeout(120)
class TcpAddressingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int N = 3;
  private static final int COUNT = 8;

  /**
   * Runs an N-rank job whose ranks run a ring allreduce (for 3 ranks every pair talks) and checks
   * its sums; returns what each rank published, as rank 0 reads it from its store once all have
   * met.
   */
  private static List<HostPort> publishedByRanksThatMeet(
      String master, String bind, String advertise) throws Exception {
    List<HostPort> published = new ArrayList<>();
    AtomicReference<String> rank0Failure = new AtomicReference<>("");
    AtomicReference<ExecutorService> pool = new AtomicReference<>();
    StorePort.retryWhileTaken(
        port -> {
          String token = "addressing-" + UUID.randomUUID();
          pool.set(
              Executors.newFixedThreadPool(
                  N,
                  r -> {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                  }));
          List<Future<List<HostPort>>> ranks = new ArrayList<>();
          for (int r = 0; r < N; r++) {
            LaunchEnvironment env = new LaunchEnvironment(r, N, master, port, token, "test");
            ranks.add(pool.get().submit(() -> runRank(env, bind, advertise, rank0Failure)));
          }
          for (int r = 0; r < N; r++) {
            try {
              List<HostPort> got = ranks.get(r).get(60, TimeUnit.SECONDS);
              if (r == 0) {
                published.addAll(got);
              }
            } catch (ExecutionException e) {
              throw new AssertionError("rank " + r + ": " + e.getCause(), e.getCause());
            }
          }
          pool.get().shutdown();
        },
        rank0Failure::get,
        () -> pool.get().shutdownNow());
    assertEquals(N, published.size());
    return published;
  }

  private static List<HostPort> runRank(
      LaunchEnvironment env, String bind, String advertise, AtomicReference<String> rank0Failure)
      throws IOException {
    try (TcpCommunicator comm = TcpCommunicator.connect(env, bind, advertise, TIMEOUT)) {
      Buf data = Buf.allocate(DType.FLOAT32, COUNT);
      for (int i = 0; i < COUNT; i++) {
        data.setDouble(i, env.rank() + 1);
      }
      CollectiveRegistry.create(
              "allreduce", "ring", comm, data, COUNT, CollectiveOptions.defaults())
          .run(0);
      for (int i = 0; i < COUNT; i++) {
        assertEquals(N * (N + 1) / 2.0, data.getDouble(i), "rank " + env.rank() + " element " + i);
      }
      List<HostPort> published = new ArrayList<>();
      if (env.rank() == 0) {
        try (TcpStore.Client client =
            TcpStore.Client.connect(
                env.masterAddress(), env.masterPort(), env.token(), 0, TIMEOUT)) {
          for (int j = 0; j < N; j++) {
            published.add(HostPort.parse(client.get("addr/" + j, TIMEOUT)));
          }
        }
      }
      return published;
    } catch (RuntimeException e) {
      if (env.rank() == 0) {
        rank0Failure.set(String.valueOf(e.getMessage()));
      }
      throw e;
    }
  }

  private static boolean hasIpv6Loopback() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void assertEveryHostIs(String host, List<HostPort> published) {
    for (HostPort hp : published) {
      assertEquals(host, hp.host(), "published " + published);
      assertTrue(hp.port() > 0, "published " + published);
    }
  }

  @Test
  void shouldPublishTheAddressThatReachesRankZeroWhenBoundToTheIpv4Wildcard() throws Exception {
    assertEveryHostIs("127.0.0.1", publishedByRanksThatMeet("127.0.0.1", "0.0.0.0", null));
  }

  @Test
  void shouldPublishTheAdvertisedAddressRatherThanDeriveOne() throws Exception {
    assertEveryHostIs("localhost", publishedByRanksThatMeet("127.0.0.1", "0.0.0.0", "localhost"));
  }

  @Test
  void shouldMeetOverIpv6LoopbackWithABracketedMasterAddress() throws Exception {
    assumeTrue(hasIpv6Loopback(), "SKIP: this machine has no IPv6 loopback (cannot bind ::1)");
    List<HostPort> published = publishedByRanksThatMeet("[::1]", "::1", null);
    assertEveryHostIs("::1", published);
    assertTrue(published.get(0).toString().startsWith("[::1]:"), published.toString());
  }

  @Test
  void shouldPublishTheIpv6AddressThatReachesRankZeroWhenBoundToTheIpv6Wildcard() throws Exception {
    assumeTrue(hasIpv6Loopback(), "SKIP: this machine has no IPv6 loopback (cannot bind ::1)");
    assertEveryHostIs("0:0:0:0:0:0:0:1", publishedByRanksThatMeet("::1", "::", null));
  }

  @Test
  void shouldServeAndReachTheStoreAtAnIpv6MasterAddressBareOrBracketed() throws Exception {
    assumeTrue(hasIpv6Loopback(), "SKIP: this machine has no IPv6 loopback (cannot bind ::1)");
    try (TcpStore store = TcpStore.serve("[::1]", 0, "t", 2);
        TcpStore.Client bare = TcpStore.Client.connect("::1", store.port(), "t", 0, TIMEOUT);
        TcpStore.Client bracketed =
            TcpStore.Client.connect("[::1]", store.port(), "t", 1, TIMEOUT)) {
      bare.set("k", "v");
      assertEquals("v", bracketed.get("k", TIMEOUT));
      assertEquals("0:0:0:0:0:0:0:1", bracketed.localAddress().getHostAddress());
    }
  }

  @Test
  void shouldNameAnIpv6StoreAddressInBracketsWhenNoStoreAnswers() {
    Exception e =
        assertThrows(
            RuntimeException.class,
            () -> TcpStore.Client.connect("::1", 1, "t", 1, Duration.ofMillis(300)));
    assertTrue(
        e.getMessage().startsWith("rank 1: no rendezvous store at [::1]:1 within"), e.getMessage());
  }

  @Test
  void shouldRejectAnAdvertiseAddressThatCarriesAPort() {
    LaunchEnvironment env = new LaunchEnvironment(0, 2, "127.0.0.1", 1, "t", "test");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TcpCommunicator.connect(env, "127.0.0.1", "node1:5000", TIMEOUT));
    assertEquals(
        "advertise address 'node1:5000': host 'node1:5000' has a ':' but is no IPv6 literal",
        e.getMessage());
  }
}
