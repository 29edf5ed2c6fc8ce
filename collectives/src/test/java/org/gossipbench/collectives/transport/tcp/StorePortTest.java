package org.gossipbench.collectives.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StorePortTest {

  /** Plays the racing process: takes the port first, then lets rank 0's store try to bind it. */
  private static void serveAfterAnotherProcessTookThePort(int port) throws IOException {
    try (ServerSocket thief = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      TcpStore.serve("127.0.0.1", port, "t", 2).close();
    }
  }

  @Test
  void shouldRetryOnAnotherPortWhenRankZeroFindsItsPortTaken() throws Exception {
    List<Integer> ports = new ArrayList<>();
    AtomicReference<String> rank0 = new AtomicReference<>("");
    StorePort.retryWhileTaken(
        port -> {
          ports.add(port);
          try {
            if (ports.size() == 1) {
              serveAfterAnotherProcessTookThePort(port);
            } else {
              TcpStore.serve("127.0.0.1", port, "t", 2).close();
            }
          } catch (IOException e) {
            rank0.set(e.getMessage());
            throw e;
          }
        },
        rank0::get,
        () -> {});
    assertEquals(2, ports.size(), rank0.get());
    assertNotEquals(ports.get(0), ports.get(1));
    assertTrue(
        rank0.get().startsWith("cannot serve the rendezvous store at 127.0.0.1:" + ports.get(0)),
        rank0.get());
  }

  @Test
  void shouldGiveUpAfterTheLastAttempt() {
    List<Integer> ports = new ArrayList<>();
    AtomicReference<String> rank0 = new AtomicReference<>("");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                StorePort.retryWhileTaken(
                    port -> {
                      ports.add(port);
                      try {
                        serveAfterAnotherProcessTookThePort(port);
                      } catch (IOException taken) {
                        rank0.set(taken.getMessage());
                        throw taken;
                      }
                    },
                    rank0::get,
                    () -> {}));
    assertEquals(StorePort.ATTEMPTS, ports.size());
    assertTrue(e.getMessage().contains(StorePort.TAKEN), e.getMessage());
  }

  @Test
  void shouldNotRetryAFailureThatIsNotATakenPort() {
    List<Integer> ports = new ArrayList<>();
    assertThrows(
        AssertionError.class,
        () ->
            StorePort.retryWhileTaken(
                port -> {
                  ports.add(port);
                  throw new AssertionError("rank 1 did not join");
                },
                () -> "rank 1 did not join",
                () -> {}));
    assertEquals(1, ports.size());
  }
}
