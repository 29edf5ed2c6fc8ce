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

  public long nanos(CostModel.Counts c) {
    return Math.round((c.rounds() * alphaSeconds + c.bytes() / bytesPerSecond) * 1e9);
  }

  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "alpha=%.3g us, bandwidth=%.4g Gbit/s",
        alphaSeconds * 1e6,
        bytesPerSecond * 8 / 1e9);
  }
}
