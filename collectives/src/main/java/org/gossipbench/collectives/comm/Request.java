package org.gossipbench.collectives.comm;

/**
 * A persistent point-to-point operation (like {@code MPI_Send_init}/{@code MPI_Recv_init}): built
 * once by {@link Communicator#sendInit}/{@link Communicator#recvInit} for a fixed buffer range and
 * peer, then started and awaited every iteration without allocating. A request must be awaited
 * before it is started again.
 */
public interface Request {
  /**
   * Starts the operation without waiting for a peer. A receive whose message has already arrived
   * (staged by a buffering transport) may complete here, after a copy at memory speed.
   */
  void start();

  /**
   * Blocks until the operation completes.
   *
   * @throws CommunicatorException if the peer does not complete it within the communicator's
   *     timeout (naming the peer), or the job was aborted because another rank failed
   */
  void await();

  /** Whether the operation completed (never blocks). */
  boolean isComplete();

  /** Starts every request of the array. */
  static void startAll(Request[] requests) {
    startAll(requests, requests.length);
  }

  /** Awaits every request of the array, in order. */
  static void awaitAll(Request[] requests) {
    awaitAll(requests, requests.length);
  }

  /** Starts the first {@code count} requests. */
  static void startAll(Request[] requests, int count) {
    for (int i = 0; i < count; i++) {
      requests[i].start();
    }
  }

  /** Awaits the first {@code count} requests, in order. */
  static void awaitAll(Request[] requests, int count) {
    for (int i = 0; i < count; i++) {
      requests[i].await();
    }
  }
}
