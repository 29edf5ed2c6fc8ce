package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.topology.Topology;

/**
 * What a collective needs besides the communicator and the buffer.
 *
 * @param reduceOp sum or average, for allreduce
 * @param segmentElements largest message, in elements, that a large block is cut into
 * @param topology the graph for neighbor averaging (null for the others); its size must equal the
 *     communicator's
 * @param root the source rank of a broadcast
 */
public record CollectiveOptions(
    ReduceOp reduceOp, int segmentElements, Topology topology, int root) {

  public CollectiveOptions {
    if (segmentElements < 1) {
      throw new IllegalArgumentException(
          "segment size must be at least 1 element, got " + segmentElements);
    }
  }

  public static CollectiveOptions defaults() {
    return new CollectiveOptions(ReduceOp.SUM, Segments.DEFAULT_SEGMENT_ELEMENTS, null, 0);
  }

  public CollectiveOptions withReduceOp(ReduceOp op) {
    return new CollectiveOptions(op, segmentElements, topology, root);
  }

  public CollectiveOptions withSegmentElements(int elements) {
    return new CollectiveOptions(reduceOp, elements, topology, root);
  }

  public CollectiveOptions withTopology(Topology t) {
    return new CollectiveOptions(reduceOp, segmentElements, t, root);
  }

  public CollectiveOptions withRoot(int r) {
    return new CollectiveOptions(reduceOp, segmentElements, topology, r);
  }
}
