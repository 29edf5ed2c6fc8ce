package org.gossipbench.collectives.collective;

import java.util.IdentityHashMap;
import java.util.Map;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Request;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Partial averaging (SPEC &sect;2): x_i &larr; w_ii x_i + &Sigma;_j w_ij x_j over the in-neighbors
 * j of W^(k), each rank sending its x to its out-neighbors. All neighbors' messages are in flight
 * at once; the buffer travels in segments, and segment g of x is overwritten only after this rank's
 * own segment g has been delivered and every neighbor's segment g has arrived, so scratch memory is
 * 2 segments per in-neighbor, not a copy of x per neighbor.
 *
 * <p>Summation order is fixed (self first, then in-neighbors by ascending rank, weights rounded to
 * the element type), so a reference computed in that order matches bit for bit.
 *
 * <p>Plans (peers, requests) are built once per distinct matrix of a periodic topology, so static
 * and periodic topologies run without allocating; a topology that draws a fresh random graph every
 * iteration needs a new plan each time.
 */
public final class NeighborAverage implements Collective {
  private static final int TAG = 0x0200_0000;

  private final Communicator comm;
  private final Buf data;
  private final int count;
  private final Topology topology;
  private final int segment;
  private final int segments;
  private final Map<WeightMatrix, Plan> plans = new IdentityHashMap<>();
  private Buf scratch;

  public NeighborAverage(
      Communicator comm, Buf data, int count, Topology topology, int segmentElements) {
    Buf.checkRange(data, 0, count);
    if (topology.size() != comm.size()) {
      throw new IllegalArgumentException(
          "topology "
              + topology.name()
              + " has n="
              + topology.size()
              + " but there are "
              + comm.size()
              + " ranks");
    }
    this.comm = comm;
    this.data = data;
    this.count = count;
    this.topology = topology;
    this.segment = Math.max(1, Math.min(segmentElements, count));
    this.segments = Segments.segmentCount(count, segment);
    if (topology.period().isPresent()) {
      // Scratch sized once for the busiest phase, before any plan points requests into it.
      int maxIn = 0;
      for (int k = 0; k < topology.period().getAsInt(); k++) {
        maxIn = Math.max(maxIn, topology.weights(k).inDegree(comm.rank()));
      }
      scratch = Buf.allocate(data.dtype(), maxIn * 2 * segment);
      for (int k = 0; k < topology.period().getAsInt(); k++) {
        plan(topology.weights(k));
      }
    }
  }

  private final class Plan {
    final double selfWeight;
    final double[] inWeights;
    final Request[][] sends; // [segment][out-neighbor]
    final Request[][] recvs; // [segment][in-neighbor]
    // The buffer this plan's receives land in: a later plan that needs more gets a new one, and
    // this plan must keep reading where its messages arrive.
    final Buf arrivals;

    Plan(WeightMatrix w) {
      int me = comm.rank();
      int in = w.inDegree(me);
      WeightMatrix t = w.transpose();
      int out = t.inDegree(me);
      selfWeight = w.selfWeight(me);
      inWeights = new double[in];
      int[] inPeers = new int[in];
      int[] outPeers = new int[out];
      int j = 0;
      for (int p = w.rowStart(me); p < w.rowEnd(me); p++) {
        if (w.column(p) != me) {
          inPeers[j] = w.column(p);
          inWeights[j++] = w.weight(p);
        }
      }
      j = 0;
      for (int p = t.rowStart(me); p < t.rowEnd(me); p++) {
        if (t.column(p) != me) {
          outPeers[j++] = t.column(p);
        }
      }
      int needed = in * 2 * segment;
      if (scratch == null || scratch.length() < needed) {
        scratch = Buf.allocate(data.dtype(), needed);
      }
      arrivals = scratch;
      sends = new Request[segments][out];
      recvs = new Request[segments][in];
      for (int g = 0; g < segments; g++) {
        int off = g * segment;
        int len = Math.min(segment, count - off);
        for (int o = 0; o < out; o++) {
          sends[g][o] = comm.sendInit(data, off, len, outPeers[o], TAG);
        }
        for (int i = 0; i < in; i++) {
          recvs[g][i] = comm.recvInit(arrivals, (2 * i + g % 2) * segment, len, inPeers[i], TAG);
        }
      }
    }
  }

  private Plan plan(WeightMatrix w) {
    Plan p = plans.get(w);
    if (p == null) {
      p = new Plan(w);
      if (topology.period().isPresent()) {
        plans.put(w, p);
      }
    }
    return p;
  }

  @Override
  public String op() {
    return "neighbor-average";
  }

  @Override
  public String algorithm() {
    return "neighbor";
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public void run(long iteration) {
    Plan p = plan(topology.weights(iteration));
    int in = p.inWeights.length;
    for (Request[] segmentSends : p.sends) {
      for (Request r : segmentSends) {
        r.start();
      }
    }
    for (int g = 0; g < Math.min(2, segments); g++) {
      for (Request r : p.recvs[g]) {
        r.start();
      }
    }
    for (int g = 0; g < segments; g++) {
      for (Request r : p.recvs[g]) {
        r.await();
      }
      for (Request r : p.sends[g]) {
        r.await();
      }
      int off = g * segment;
      int len = Math.min(segment, count - off);
      // One pass for self and the first neighbor, then one per further neighbor, in rank order.
      if (in == 0) {
        data.scale(off, len, p.selfWeight);
      } else {
        data.combine(off, p.selfWeight, p.arrivals, (g % 2) * segment, len, p.inWeights[0]);
      }
      for (int i = 1; i < in; i++) {
        data.addScaled(off, p.arrivals, (2 * i + g % 2) * segment, len, p.inWeights[i]);
      }
      if (g + 2 < segments) {
        for (Request r : p.recvs[g + 2]) {
          r.start();
        }
      }
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return NeighborAverageOp.INSTANCE.busBandwidthFactor(
        comm.size(), comm.rank(), topology, iteration);
  }
}
