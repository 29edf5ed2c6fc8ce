package org.gossipbench.cli;

import picocli.CommandLine;

/**
 * {@code --bind} and {@code --advertise}: where a tcp rank listens and what address it publishes,
 * shared by every command that joins a job.
 */
final class TransportAddressOptions {
  @CommandLine.Option(
      names = "--bind",
      description =
          "tcp: address this rank listens on (default: GOSSIPBENCH_BIND_ADDR, else loopback)")
  String bind;

  @CommandLine.Option(
      names = "--advertise",
      description =
          "tcp: address peers dial to reach this rank (default: GOSSIPBENCH_ADVERTISE_ADDR, else the"
              + " bind address, or with a wildcard bind the address this host reaches rank 0 from)")
  String advertise;
}
