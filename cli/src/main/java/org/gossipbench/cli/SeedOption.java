package org.gossipbench.cli;

import picocli.CommandLine;

/** {@code --seed}: the run's seed, used by randomized topologies whose spec gives no seed. */
final class SeedOption {
  @CommandLine.Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed for randomized topologies without seed= (default: ${DEFAULT-VALUE})")
  long seed;
}
