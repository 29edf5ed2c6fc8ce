package org.gossipbench.collectives.transport.tcp;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.function.Supplier;

/**
 * A port for rank 0's rendezvous store, for tests that start ranks as separate processes or threads
 * and must tell all of them the port in advance. A port found free may be taken by another process
 * before rank 0 binds it; rank 0 then fails saying {@value #TAKEN} (from {@link TcpStore#serve}),
 * and the test is run again on another port. Only that failure is retried, at most {@value
 * #ATTEMPTS} times, so a real failure is reported at once.
 */
final class StorePort {
  static final String TAKEN = "Address already in use";
  static final int ATTEMPTS = 5;

  private StorePort() {}

  interface Attempt {
    void run(int port) throws Exception;
  }

  static int pick() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Runs {@code attempt} on a fresh port; when it fails and {@code rank0Output} then shows that
   * rank 0 lost the port, runs {@code cleanup} and tries again on another.
   */
  static void retryWhileTaken(Attempt attempt, Supplier<String> rank0Output, Runnable cleanup)
      throws Exception {
    for (int i = 1; ; i++) {
      int port = pick();
      try {
        attempt.run(port);
        return;
      } catch (Exception | AssertionError e) {
        if (i == ATTEMPTS || !rank0Output.get().contains(TAKEN)) {
          throw e;
        }
        System.err.println("port " + port + " was taken before rank 0 could serve on it: retrying");
        cleanup.run();
      }
    }
  }
}
