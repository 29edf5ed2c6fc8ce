package org.gossipbench.bench.model;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.CostModel;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;

/**
 * The α–β (Hockney) cost model of SPEC &sect;5: a message of m bytes costs α + m·β, so a collective
 * costs a·α + b·β with counts that depend on the algorithm. Here a counts dependent rounds, not
 * messages: where our collectives start several messages at once (the server's n−1 receives, then
 * its n−1 sends; a rank's d neighbor messages), their start-up costs overlap while their bytes
 * still queue on the one link, so α is paid once per round and β per byte on the busiest link. SPEC
 * &sect;5 charges α per message; measured at 1 Gbit/s with n = 8, that form misses the parameter
 * server at 1 MiB by 32%, the per-round form stays within 20% everywhere.
 *
 * <ul>
 *   <li>ring allreduce: a = 2(n−1), b = 2(n−1)/n · S (every step waits for the one before);
 *   <li>parameter server (one server link): a = 2, b = (n−1) · (S + min(S, s)), s the segment size.
 *       SPEC &sect;5 writes 2(n−1)·S·β, which holds for a half-duplex link; a full-duplex link
 *       (Ethernet, and the tc shaped veths of ci/netcluster.sh, which limit each direction
 *       separately) carries the workers' gradients in and the averages out at the same time, and
 *       our server pipelines the two by segment: S/s segments through two stages (in, out) of
 *       (n−1)·s·β each take (S/s + 1)(n−1)·s·β. One segment (S ≤ s) gives SPEC's 2(n−1)·S·β; many
 *       give (n−1)·S·β. Measured at 1 Gbit/s, n = 4: 1 MiB within 6% of the pipelined form (40% off
 *       the full-duplex (n−1)·S·β), 100 MiB within 2% (59% off the half-duplex form).
 *   <li>halving-doubling allreduce (n a power of two): a = 2 log₂ n, b = 2(n−1)/n · S;
 *   <li>neighbor averaging: a = 1, b = d · S, d the largest in-degree (the d messages share a link,
 *       SPEC's upper bound, which tc-shaped links make exact).
 * </ul>
 *
 * These counts are declared where each algorithm is registered ({@link CollectiveRegistry}, as a
 * {@link CostModel}); an algorithm registered without one (vendor collectives, broadcast and
 * allgather so far) is not modelled. α and β are fitted by least squares over all observations at
 * once, so every measurement checks the same two numbers.
 */
public final class AlphaBetaModel {
  /** One measured collective: its model counts and its median time. */
  public record Observation(String label, double rounds, double bytes, double seconds) {}

  /** Fitted parameters: α in seconds per round, β in seconds per byte. */
  public record Fit(double alpha, double beta) {
    public double predict(Observation o) {
      return o.rounds() * alpha + o.bytes() * beta;
    }

    /** (predicted − measured) / measured. */
    public double relativeError(Observation o) {
      return (predict(o) - o.seconds()) / o.seconds();
    }

    /** 1/β in Gbit/s, the link rate the fit implies. */
    public double gbitPerSecond() {
      return 8 / beta / 1e9;
    }
  }

  private AlphaBetaModel() {}

  /**
   * Model counts for one collective: those its registry entry declares ({@link
   * CollectiveRegistry.Entry#cost()}), the topology rebuilt from its name and the run's seed for
   * ops that need one.
   *
   * @param topology the logged topology spec (ignored by ops without one)
   * @param seed the seed the run drew its random topologies with (its logged configuration)
   * @throws IllegalArgumentException for an op or algorithm that is unknown or not modelled
   */
  public static Observation observe(
      String op,
      String algorithm,
      String topology,
      int n,
      long bytes,
      long segmentBytes,
      double seconds,
      long seed) {
    CollectiveRegistry.Entry entry = CollectiveRegistry.get(op, algorithm);
    CostModel cost =
        entry
            .cost()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the alpha-beta model does not cover " + op + "/" + algorithm));
    Topology t = entry.needsTopology() ? TopologyRegistry.create(topology, n, seed) : null;
    CostModel.Counts counts = cost.counts(n, bytes, segmentBytes, t);
    String label =
        op
            + "/"
            + algorithm
            + (entry.needsTopology() ? " " + topology : "")
            + " n="
            + n
            + " S="
            + bytes;
    return new Observation(label, counts.rounds(), counts.bytes(), seconds);
  }

  /**
   * Least-squares α, β ≥ 0 minimizing the relative errors Σ ((a·α + b·β − t)/t)², so small and
   * large messages weigh alike.
   *
   * @throws IllegalArgumentException with fewer than two observations
   */
  public static Fit fit(List<Observation> observations) {
    if (observations.size() < 2) {
      throw new IllegalArgumentException(
          "fitting alpha and beta needs at least two measurements, got " + observations.size());
    }
    double saa = 0;
    double sab = 0;
    double sbb = 0;
    double sat = 0;
    double sbt = 0;
    for (Observation o : observations) {
      double a = o.rounds() / o.seconds();
      double b = o.bytes() / o.seconds();
      saa += a * a;
      sab += a * b;
      sbb += b * b;
      sat += a;
      sbt += b;
    }
    double det = saa * sbb - sab * sab;
    double alpha = (sat * sbb - sbt * sab) / det;
    double beta = (saa * sbt - sab * sat) / det;
    if (alpha < 0 || !Double.isFinite(alpha)) {
      alpha = 0;
      beta = sbt / sbb; // the constrained optimum on the α = 0 boundary
    }
    if (beta < 0) {
      beta = 0;
      alpha = sat / saa;
    }
    return new Fit(alpha, beta);
  }

  /** Observations whose relative error exceeds {@code limit}. */
  public static List<Observation> outliers(Fit fit, List<Observation> observations, double limit) {
    List<Observation> out = new ArrayList<>();
    for (Observation o : observations) {
      if (Math.abs(fit.relativeError(o)) > limit) {
        out.add(o);
      }
    }
    return out;
  }
}
