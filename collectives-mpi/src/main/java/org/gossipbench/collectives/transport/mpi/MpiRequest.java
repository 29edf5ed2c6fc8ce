package org.gossipbench.collectives.transport.mpi;

import java.nio.Buffer;
import mpi.MPIException;
import mpi.Prequest;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DirectStaging;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.Request;

/**
 * One of our persistent point-to-point operations as an MPI persistent request on a direct buffer
 * of its own, made once at plan time: a send copies its range in and starts; a receive starts, and
 * its wait copies (or combines) the arrival into place. Messages with one (peer, tag) match in
 * order, as MPI guarantees, which is the ordering our collectives rely on.
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
  private final Buffer direct;
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
    this.direct = DirectStaging.allocateView(buf.dtype(), count);
    mpi.Datatype type = MpiCommunicator.datatype(buf.dtype());
    try {
      prequest =
          isSend
              ? comm.world().sendInit(direct, count, type, peer, tag)
              : comm.world().recvInit(direct, count, type, peer, tag);
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
