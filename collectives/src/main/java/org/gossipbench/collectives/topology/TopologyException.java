package org.gossipbench.collectives.topology;

/**
 * Bad topology input (unknown name, malformed or out-of-range parameter, no such graph for this n,
 * a matrix that fails validation). The message is one line meant for the user.
 */
public final class TopologyException extends IllegalArgumentException {
  public TopologyException(String message) {
    super(message);
  }
}
