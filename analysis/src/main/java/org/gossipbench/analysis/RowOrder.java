package org.gossipbench.analysis;

import java.util.Comparator;
import java.util.List;

/**
 * The order rows and columns appear in: centralized PSGD first, then per graph DSGD first and the
 * methods that correct it after; partitions from iid to the most heterogeneous. Names not listed
 * follow in alphabetical order, so a new algorithm appears without a change here.
 */
final class RowOrder {
  private static final List<String> ALGORITHMS =
      List.of(
          "psgd",
          "dsgd",
          "dsgd-cta",
          "gradient-tracking",
          "exact-diffusion",
          "detag",
          "gossip-pga",
          "push-sum",
          "push-diging");

  private RowOrder() {}

  static final Comparator<String> ALGORITHM = listed(ALGORITHMS);

  /** iid, then dirichlet:alpha=… by name, then sorted, then anything else. */
  static final Comparator<String> PARTITION =
      Comparator.<String>comparingInt(
              p -> p.equals("iid") ? 0 : p.startsWith("dirichlet") ? 1 : p.equals("sorted") ? 2 : 3)
          .thenComparing(Comparator.naturalOrder());

  /** The base name of an algorithm spec: {@code gossip-pga:period=8} → {@code gossip-pga}. */
  static String base(String algorithm) {
    int colon = algorithm.indexOf(':');
    return colon < 0 ? algorithm : algorithm.substring(0, colon);
  }

  private static Comparator<String> listed(List<String> names) {
    return Comparator.<String>comparingInt(
            a -> {
              int i = names.indexOf(base(a));
              return i < 0 ? names.size() : i;
            })
        .thenComparing(Comparator.naturalOrder());
  }
}
