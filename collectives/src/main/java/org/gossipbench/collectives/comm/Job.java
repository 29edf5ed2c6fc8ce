package org.gossipbench.collectives.comm;

import java.util.function.Consumer;

/**
 * The ranks of a job that this process hosts, as joined through {@link TransportConfig#join()}:
 * every rank of an in-process job, or the one rank of this process when ranks are processes (tcp,
 * mpi). Code that runs ranks is written once against this, whatever the transport.
 */
public interface Job extends AutoCloseable {

  /** Ranks in the whole job (the world size). */
  int size();

  /** The transport's name as logged. */
  String transport();

  /** Ranks this process hosts: all of them in-process, one when ranks are processes. */
  int localRanks();

  /** Whether rank 0 (the rank that reports and logs) lives in this process. */
  boolean hostsRankZero();

  /**
   * Runs {@code body} once for every rank this process hosts (in-process: each on its own thread;
   * otherwise on the caller's thread) and returns when all have. If a rank throws, the job is
   * aborted, so the other ranks fail promptly instead of waiting for a timeout.
   *
   * @throws CommunicatorException naming the rank that failed first
   */
  void run(Consumer<Communicator> body);

  /** Releases the ranks' transports (waiting for the peers first, where the transport does). */
  @Override
  void close();
}
