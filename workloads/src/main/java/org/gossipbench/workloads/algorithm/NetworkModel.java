package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.collective.CostModel;

/**
 * The α–β (Hockney) link that projected times assume (SPEC &sect;5): a collective with a rounds and
 * b bytes on its busiest link takes a·α + b/bandwidth. The default is a 25 Gbit/s Ethernet cluster
 * with a 5 µs start-up per message round; fit your own with {@code gossipbench model fit} and pass
 * it with {@code --alpha-us}/{@code --bandwidth-gbps}.
 *
 * @param alphaSeconds latency per round
 * @param bytesPerSecond link bandwidth
 */
public record NetworkModel(double alphaSeconds, double bytesPerSecond) {
  public static final NetworkModel ETHERNET_25G = new NetworkModel(5e-6, 25e9 / 8);

  public NetworkModel {
    if (!(alphaSeconds >= 0) || !(bytesPerSecond > 0)) {
      throw new IllegalArgumentException(
          "network model needs alpha >= 0 and bandwidth > 0, got alpha="
              + alphaSeconds
              + " s, bandwidth="
              + bytesPerSecond
              + " B/s");
    }
  }

  /** a·α + b/bandwidth: every round and byte of {@code c} on this one link. */
  public long nanos(CostModel.Counts c) {
    return Math.round(seconds(c.rounds(), c.bytes()) * 1e9);
  }

  /**
   * Two link classes: {@code c}'s intra-group rounds and bytes on this link, its inter-group ones
   * on {@code inter}.
   */
  public long nanos(CostModel.Counts c, NetworkModel inter) {
    return Math.round(
        (seconds(c.intraRounds(), c.intraBytes()) + inter.seconds(c.interRounds(), c.interBytes()))
            * 1e9);
  }

  private double seconds(double rounds, double bytes) {
    return rounds * alphaSeconds + bytes / bytesPerSecond;
  }

  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "alpha=%.3g us, bandwidth=%.4g Gbit/s",
        alphaSeconds * 1e6,
        bytesPerSecond * 8 / 1e9);
  }
}
