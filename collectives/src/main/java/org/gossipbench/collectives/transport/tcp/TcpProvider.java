package org.gossipbench.collectives.transport.tcp;

import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.SingleRankJob;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.launch.LaunchEnvironment;

/**
 * {@code --transport tcp}: this process is one rank; rank, world size and the rendezvous come from
 * the launcher's variables ({@link LaunchEnvironment}), the job token from {@code
 * GOSSIPBENCH_TOKEN}.
 *
 * <p>The rank listens on {@code --bind}, else {@code GOSSIPBENCH_BIND_ADDR}, else 127.0.0.1 (which
 * only ranks on the same host can reach: a multi-host job binds {@code 0.0.0.0} or an address of
 * its network). It publishes {@code --advertise}, else {@code GOSSIPBENCH_ADVERTISE_ADDR}, else an
 * address derived from the bind address as {@link TcpCommunicator#connect} describes.
 */
public final class TcpProvider implements CommunicatorProvider {
  static final String BIND_VARIABLE = "GOSSIPBENCH_BIND_ADDR";
  static final String ADVERTISE_VARIABLE = "GOSSIPBENCH_ADVERTISE_ADDR";

  @Override
  public String transport() {
    return "tcp";
  }

  @Override
  public String description() {
    return "this process is one rank; rank, world size and rendezvous come from gossipbench"
        + " launch, torchrun-style, srun or mpirun variables";
  }

  @Override
  public Job join(TransportConfig config) {
    LaunchEnvironment env =
        LaunchEnvironment.detect(config.environment())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--transport tcp needs a launcher's environment: gossipbench launch,"
                            + " torchrun-style RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT, srun or"
                            + " mpirun"));
    if (env.token() == null) {
      throw new IllegalArgumentException(
          "--transport tcp needs the job token in GOSSIPBENCH_TOKEN (gossipbench launch sets it;"
              + " export one before srun, mpirun or torchrun)");
    }
    if (config.ranks() > 0 && config.ranks() != env.worldSize()) {
      throw new IllegalArgumentException(
          "-np "
              + config.ranks()
              + " does not match the launcher's world size "
              + env.worldSize()
              + " ("
              + env.launcher()
              + ")");
    }
    String bind = config.bindAddress();
    if (bind == null) {
      bind = config.environment().getOrDefault(BIND_VARIABLE, "127.0.0.1");
    }
    String advertise = config.advertiseAddress();
    if (advertise == null) {
      advertise = config.environment().get(ADVERTISE_VARIABLE);
    }
    return new SingleRankJob(TcpCommunicator.connect(env, bind, advertise, config.timeout()));
  }
}
