package org.gossipbench.collectives.comm;

import java.time.Duration;
import org.gossipbench.collectives.buffer.Buf;

/**
 * One rank's endpoint in a job of {@link #size()} ranks: point-to-point messages and a barrier, on
 * which every collective of this package is built, so a new transport (in-process, TCP, MPI, NCCL)
 * gets all collectives by implementing this interface.
 *
 * <p>Semantics follow MPI's: messages between the same pair of ranks with the same tag are matched
 * in the order they were started (non-overtaking); a send completes once its buffer may be reused.
 * Blocking calls fail with a {@link CommunicatorException} after {@link #timeout()} instead of
 * hanging, and every rank fails promptly once any rank {@linkplain #abort aborts}.
 *
 * <p>A communicator is used by the one thread that runs its rank.
 */
public interface Communicator extends AutoCloseable {

  int rank();

  int size();

  /** The transport's name as logged: {@code local}, {@code tcp}, {@code mpi}, {@code nccl}. */
  String transport();

  /** How long a blocking operation waits for a peer before failing. */
  Duration timeout();

  /**
   * A persistent send of {@code buf[offset, +count)} to {@code peer}. The buffer range must not be
   * modified between {@link Request#start()} and the end of {@link Request#await()}.
   */
  Request sendInit(Buf buf, int offset, int count, int peer, int tag);

  /**
   * A persistent receive into {@code buf[offset, +count)} of a message of exactly count elements.
   */
  Request recvInit(Buf buf, int offset, int count, int peer, int tag);

  /**
   * A persistent receive that combines the message into the buffer instead of overwriting it:
   * {@code buf[i] = selfWeight · buf[i] + weight · message[i]}, rounded as {@link Buf#combine}
   * rounds (with both weights 1 it is an exact add). A transport may apply it straight from the
   * sender's memory (in-process) or from a staging buffer (network); the buffer range must not be
   * read or written between start and await.
   */
  Request recvCombineInit(
      Buf buf, int offset, int count, int peer, int tag, double selfWeight, double weight);

  /** Returns once every rank has entered the barrier. */
  void barrier();

  /** Bytes of payload this rank has sent since it was created. */
  long bytesSent();

  /** Bytes of payload this rank has received since it was created. */
  long bytesReceived();

  /**
   * Fails the whole job: every rank's pending and future operations throw a {@link
   * CommunicatorException} naming this rank and the cause.
   */
  void abort(Throwable cause);

  /** Releases the transport's resources; pending operations fail. */
  @Override
  void close();
}
