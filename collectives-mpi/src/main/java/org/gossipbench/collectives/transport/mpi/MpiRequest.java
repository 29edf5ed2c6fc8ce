package org.gossipbench.collectives.transport.mpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import mpi.MPI;
import mpi.MPIException;
import mpi.Prequest;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DirectStaging;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.Request;

/**
 * One of our persistent point-to-point operations as an MPI persistent request on a direct buffer
 * of its own, made once at plan time: a send copies its range in and starts; a receive starts, and
 * its wait copies (or combines) the arrival into place. Messages with one (peer, tag) match in
 * order, as MPI guarantees, which is the ordering our collectives rely on.
 *
 * <p>A message is {@link #HEADER_BYTES} of header (the sender's element count and type, written
 * once at plan time) and the payload, sent as {@code MPI_BYTE}: MPI itself accepts a shorter
 * message than the receive's capacity, and any element type of the same byte length, so the receive
 * checks the header to fail a mismatch as the other transports do, naming both ranks. A longer
 * message is MPI's truncation error, reported the same way (the communicator returns errors instead
 * of aborting). Header and payload are in native byte order: ranks share one architecture.
 *
 * <p>A {@link org.gossipbench.collectives.buffer.DirectBuf} is copied like a heap buffer: the
 * header travels in the same message, ahead of the payload, and a receiver cannot know whether its
 * sender's memory was direct, so sending from the caller's memory would need a second message per
 * operation (the header on a communicator of its own), which small messages would pay for in
 * latency. The vendor collectives do use direct memory in place.
 */
final class MpiRequest implements Request {
  private final MpiCommunicator comm;
  private final boolean isSend;
  private final Buf buf;
  private final int offset;
  private final int count;
  private final int peer;
  private final int tag;
  private final boolean combine;
  private final double selfWeight;
  private final double weight;

  /** Bytes before the payload: the sender's element count and element type's ordinal. */
  static final int HEADER_BYTES = 8;

  private final ByteBuffer message; // header and payload, direct
  private final Buffer direct; // the payload, typed
  private final Prequest prequest;
  private boolean active;

  MpiRequest(
      MpiCommunicator comm,
      boolean isSend,
      Buf buf,
      int offset,
      int count,
      int peer,
      int tag,
      boolean combine,
      double selfWeight,
      double weight) {
    this.comm = comm;
    this.isSend = isSend;
    this.buf = buf;
    this.offset = offset;
    this.count = count;
    this.peer = peer;
    this.tag = tag;
    this.combine = combine;
    this.selfWeight = selfWeight;
    this.weight = weight;
    long payloadBytes = (long) count * buf.dtype().bytes();
    if (HEADER_BYTES + payloadBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          count + " " + buf.dtype().label() + " is more than one mpi message carries (2 GiB)");
    }
    int bytes = HEADER_BYTES + (int) payloadBytes;
    this.message = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    this.direct =
        DirectStaging.view(
            message.slice(HEADER_BYTES, (int) payloadBytes).order(ByteOrder.nativeOrder()),
            buf.dtype());
    if (isSend) {
      message.putInt(0, count).putInt(4, buf.dtype().ordinal());
    }
    try {
      prequest =
          isSend
              ? comm.world().sendInit(message, bytes, MPI.BYTE, peer, tag)
              : comm.world().recvInit(message, bytes, MPI.BYTE, peer, tag);
    } catch (MPIException e) {
      throw comm.fail(isSend ? "MPI_Send_init" : "MPI_Recv_init", e);
    }
  }

  @Override
  public void start() {
    if (active) {
      throw new IllegalStateException("request started again before it completed");
    }
    if (isSend) {
      buf.copyToView(offset, direct, 0, count);
    }
    try {
      prequest.start();
    } catch (MPIException e) {
      throw comm.fail("MPI_Start", e);
    }
    active = true;
  }

  @Override
  public void await() {
    if (!active) {
      return;
    }
    try {
      comm.await(prequest, isSend ? "a send" : "a receive", tag, peer);
    } catch (MPIException e) {
      active = false;
      if (!isSend && e.getErrorClass() == MPI.ERR_TRUNCATE) {
        throw new CommunicatorException(
            "rank "
                + peer
                + " sent more than the "
                + count
                + " "
                + buf.dtype().label()
                + " (tag "
                + tag
                + ") rank "
                + comm.rank()
                + " expected");
      }
      throw comm.fail("MPI_Test", e);
    } catch (CommunicatorException e) {
      active = false;
      throw e;
    }
    active = false;
    long bytes = (long) count * buf.dtype().bytes();
    if (isSend) {
      comm.sent(bytes);
      return;
    }
    int sentCount = message.getInt(0);
    int sentType = message.getInt(4);
    if (sentCount != count || sentType != buf.dtype().ordinal()) {
      throw new CommunicatorException(
          "rank "
              + peer
              + " sent "
              + sentCount
              + " "
              + (sentType >= 0 && sentType < DType.values().length
                  ? DType.values()[sentType].label()
                  : "elements of an unknown type")
              + " (tag "
              + tag
              + ") but rank "
              + comm.rank()
              + " expected "
              + count
              + " "
              + buf.dtype().label());
    }
    if (combine) {
      comm.staging().combine(direct, 0, buf, offset, count, selfWeight, weight);
    } else {
      buf.copyFromView(direct, 0, offset, count);
    }
    comm.received(bytes);
  }

  @Override
  public boolean isComplete() {
    return !active;
  }
}
