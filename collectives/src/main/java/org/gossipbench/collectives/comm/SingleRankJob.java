package org.gossipbench.collectives.comm;

import java.util.function.Consumer;

/** The job as seen by a process that is one rank of it (tcp, mpi, and later nccl). */
public final class SingleRankJob implements Job {
  private final Communicator comm;

  public SingleRankJob(Communicator comm) {
    this.comm = comm;
  }

  @Override
  public int size() {
    return comm.size();
  }

  @Override
  public String transport() {
    return comm.transport();
  }

  @Override
  public int localRanks() {
    return 1;
  }

  @Override
  public boolean hostsRankZero() {
    return comm.rank() == 0;
  }

  @Override
  public void run(Consumer<Communicator> body) {
    try {
      body.accept(comm);
    } catch (RuntimeException | Error e) {
      comm.abort(e);
      throw e;
    }
  }

  @Override
  public void close() {
    comm.close();
  }
}
