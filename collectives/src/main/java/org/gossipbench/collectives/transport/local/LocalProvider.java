package org.gossipbench.collectives.transport.local;

import java.util.function.Consumer;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;

/** {@code --transport local}: every rank a thread of this process ({@link LocalTransport}). */
public final class LocalProvider implements CommunicatorProvider {

  @Override
  public String transport() {
    return "local";
  }

  @Override
  public String description() {
    return "every rank a thread of this process (-np ranks, default "
        + TransportConfig.DEFAULT_LOCAL_RANKS
        + ")";
  }

  @Override
  public Job join(TransportConfig config) {
    int ranks = config.ranks() > 0 ? config.ranks() : TransportConfig.DEFAULT_LOCAL_RANKS;
    LocalTransport transport = LocalTransport.create(ranks, config.timeout());
    return new Job() {
      @Override
      public int size() {
        return ranks;
      }

      @Override
      public String transport() {
        return "local";
      }

      @Override
      public int localRanks() {
        return ranks;
      }

      @Override
      public boolean hostsRankZero() {
        return true;
      }

      @Override
      public void run(Consumer<Communicator> body) {
        transport.run(body);
      }

      @Override
      public void close() {
        // threads end with run(); nothing is held between runs
      }
    };
  }
}
