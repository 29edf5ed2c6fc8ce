package org.gossipbench.collectives.topology;

/** Builds one kind of topology for n nodes from its parameters. */
@FunctionalInterface
public interface TopologyFactory {
  Topology create(int n, TopologyParameters parameters);
}
