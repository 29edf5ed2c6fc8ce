package org.gossipbench.collectives.comm;

import java.time.Duration;
import org.gossipbench.collectives.buffer.Buf;

/**
 * One rank's endpoint in a job of {@link #size()} ranks: point-to-point messages and a barrier, on
 * which every collective of this package is built, so a new transport (in-process, TCP, MPI, NCCL)
 * gets all collectives by implementing this interface.
 *
 * <p>The point-to-point contract every transport keeps (MPI's, which the tests in {@code
 * PointToPointContract} check on every transport, and which collectives may rely on, no more):
 *
 * <ul>
 *   <li><b>Non-overtaking.</b> Messages from one rank to another with the same tag are received in
 *       the order their sends were started.
 *   <li><b>Matching by (peer, tag), in any order of posting.</b> A receive takes the oldest
 *       unmatched message from its peer with its tag, whatever was sent or posted before or after
 *       with other tags; it may be posted before or after the message arrives.
 *   <li><b>Completion.</b> A send completes once its buffer may be reused: on a buffered transport
 *       ({@code tcp}, MPI's eager sends) that may be before the matching receive is posted; on a
 *       rendezvous one ({@code local}, MPI's large sends) only once it is. Code must rely on
 *       neither: it starts the sends a peer may be waiting behind before awaiting anything. A
 *       buffering transport bounds what it holds for receives not yet posted ({@code tcp}: 64 MiB
 *       per peer); beyond it the sender is held back until receives are posted, so a rank that
 *       awaits one message before posting the receive of an earlier, large one may time out. Post
 *       (start) the receives first, then await.
 *   <li><b>Mismatch.</b> A message whose element count or type differs from its receive's fails
 *       that receive with a one-line {@link CommunicatorException} naming both ranks (the sender's
 *       send may complete: it was buffered); the job is then broken.
 *   <li><b>Failure.</b> When a rank {@linkplain #abort aborts} or dies, its peers' pending and
 *       later operations fail promptly, well before the timeout, naming it (on MPI the whole job is
 *       ended, as {@code MPI_Abort} does).
 *   <li><b>Timeout.</b> A wait that no peer completes fails after about {@link #timeout()} with a
 *       message naming the peer and the tag, instead of hanging.
 * </ul>
 *
 * <p>After any failure the communicator may be unusable: the only thing left to do with it is
 * {@link #close()}. A rank does not message itself ({@code tcp} and {@code mpi} refuse).
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
   * A persistent receive into {@code buf[offset, +count)} of a message of exactly count elements of
   * the buffer's type. Starting it may complete it at once, copying a message that had already
   * arrived.
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
