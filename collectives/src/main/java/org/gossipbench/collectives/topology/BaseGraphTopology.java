package org.gossipbench.collectives.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The Base-(k+1) graph of Takezawa, Sato, Niwa and Yamada ("Beyond Exponential Graph", NeurIPS
 * 2023, SPEC &sect;2.1): a finite sequence W^(0), …, W^(L−1) in which every node receives from at
 * most k others per round and whose product W^(L−1)⋯W^(0) is exactly 11ᵀ/n, for every n &ge; 1.
 * Cycling through the sequence therefore reaches the exact average every L iterations.
 *
 * <p>The construction follows the authors' reference code (yukiTakezawa/BaseGraph, {@code
 * HyperHyperCube}, {@code SimpleBaseGraph} and {@code BaseGraph}) round for round, so sequence
 * lengths match the paper's tables:
 *
 * <ul>
 *   <li><b>k-peer hyper-hypercube</b>, when every prime factor of n is at most k+1: n = n_1⋯n_L
 *       with each n_l in 2..k+1, and in round l node i forms a clique with i + (n_1⋯n_{l−1})·m, m =
 *       1..n_l−1, every weight (self included) 1/n_l.
 *   <li><b>Simple Base-(k+1) graph</b>: n = Σ_l a_l (k+1)^{p_l} in base k+1 splits the nodes into
 *       blocks (largest first); each block runs its own hyper-hypercube, then block t is merged
 *       into the blocks after it with weight n_t / Σ_{l'&ge;t} n_{l'} and its (k+1)^{p_t}-node
 *       sub-blocks are re-averaged.
 *   <li><b>Base-(k+1) graph</b>: the simple graph, unless it is not strictly shorter than the split
 *       n = n_power × n_rest (n_power the largest divisor of n with all prime factors &le; k+1):
 *       simple graphs inside n_power groups of n_rest consecutive nodes, then hyper-hypercubes
 *       across the groups.
 * </ul>
 *
 * <p>Every matrix is non-negative, doubly stochastic and symmetric; nodes untouched in a round keep
 * their value (w_ii = 1).
 */
public final class BaseGraphTopology {
  private BaseGraphTopology() {}

  /**
   * The Base-(k+1) graph for n nodes: a {@link PeriodicTopology} named {@code base:k=K} whose
   * period is the sequence length L. Any k &ge; n−1 gives the one-round complete average.
   *
   * @throws TopologyException if n &lt; 1 or k &lt; 1
   */
  public static Topology create(int n, int k) {
    return new PeriodicTopology("base:k=" + k, sequence(n, k), null);
  }

  /** The sequence W^(0), …, W^(L−1) in application order (W^(0) is applied first). */
  static List<WeightMatrix> sequence(int n, int k) {
    if (n < 1) {
      throw new TopologyException("base needs n >= 1, got n=" + n);
    }
    if (k < 1) {
      throw new TopologyException("base needs k >= 1 (max peers per round), got k=" + k);
    }
    if (n == 1) {
      return List.of(WeightMatrix.identity(1));
    }
    // A node never has more than n-1 peers, and every k >= n-1 yields the same single clique
    // round; capping keeps the factor searches below O(n) for huge k.
    int peers = Math.min(k, n - 1);
    int nPower = smoothPart(n, peers);
    int nRest = n / nPower;
    int splitLength = simpleLength(nRest, peers) + hyperHypercubeLength(nPower, peers);
    // The reference keeps the simple graph only when it is strictly shorter.
    if (simpleLength(n, peers) < splitLength) {
      return simpleBaseGraph(n, peers);
    }
    return splitGraph(n, nPower, nRest, peers);
  }

  /** Simple graphs inside consecutive groups of nRest nodes, then hyper-hypercubes across them. */
  private static List<WeightMatrix> splitGraph(int n, int nPower, int nRest, int k) {
    List<WeightMatrix> inner = simpleBaseGraph(nRest, k);
    List<WeightMatrix> across = hyperHypercube(nPower, k);
    List<WeightMatrix> out = new ArrayList<>(inner.size() + across.size());
    for (WeightMatrix local : inner) {
      Round round = new Round(n);
      for (int g = 0; g < nPower; g++) {
        round.embed(local, g * nRest, 1);
      }
      out.add(round.build());
    }
    for (WeightMatrix local : across) {
      Round round = new Round(n);
      for (int j = 0; j < nRest; j++) {
        round.embed(local, j, nRest);
      }
      out.add(round.build());
    }
    return out;
  }

  // ---------------------------------------------------------------- simple Base-(k+1) graph

  /** The base-(k+1) digits of n as node blocks, most significant first. */
  private static final class Blocks {
    final int count;
    final int[] start; // first node of block l; blocks are consecutive
    final int[] size; // n_l = a_l (k+1)^{p_l}
    final int[] digit; // a_l in 1..k: number of sub-blocks
    final int[] subSize; // (k+1)^{p_l}
    final int[] exponent; // p_l

    Blocks(int n, int k) {
      int radix = k + 1;
      long power = 1;
      int topExponent = 0;
      while (power * radix <= n) {
        power *= radix;
        topExponent++;
      }
      List<int[]> found = new ArrayList<>();
      int rest = n;
      int offset = 0;
      for (int p = topExponent; p >= 0; p--, power /= radix) {
        int a = (int) (rest / power);
        if (a > 0) {
          int blockSize = (int) (a * power);
          found.add(new int[] {offset, blockSize, a, (int) power, p});
          offset += blockSize;
          rest -= blockSize;
        }
      }
      count = found.size();
      start = new int[count];
      size = new int[count];
      digit = new int[count];
      subSize = new int[count];
      exponent = new int[count];
      for (int l = 0; l < count; l++) {
        int[] b = found.get(l);
        start[l] = b[0];
        size[l] = b[1];
        digit[l] = b[2];
        subSize[l] = b[3];
        exponent[l] = b[4];
      }
    }
  }

  private static int simpleLength(int n, int k) {
    if (n == 1) {
      return 1;
    }
    if (smoothPart(n, k) == n) {
      return hyperHypercubeLength(n, k);
    }
    Blocks blocks = new Blocks(n, k);
    // Block 0 is the longest hyper-hypercube; then one merge round and p_0 re-averaging rounds
    // of block 0's sub-blocks, during which every later block finishes too (p_t <= p_0 - t).
    return hyperHypercubeLength(blocks.size[0], k) + blocks.exponent[0] + 1;
  }

  private static List<WeightMatrix> simpleBaseGraph(int n, int k) {
    if (n == 1) {
      return List.of(WeightMatrix.identity(1));
    }
    if (smoothPart(n, k) == n) {
      return hyperHypercube(n, k);
    }
    Blocks blocks = new Blocks(n, k);
    int count = blocks.count; // >= 2: a single digit a(k+1)^p with a <= k is smooth
    List<List<WeightMatrix>> whole = new ArrayList<>(count);
    List<List<WeightMatrix>> sub = new ArrayList<>(count);
    for (int l = 0; l < count; l++) {
      whole.add(hyperHypercube(blocks.size[l], k));
      sub.add(hyperHypercube(blocks.subSize[l], k));
    }
    int warmup = whole.get(0).size();
    int length = simpleLength(n, k);
    List<WeightMatrix> out = new ArrayList<>(length);
    for (int m = 0; m < length; m++) {
      Round round = new Round(n);
      if (m < warmup) {
        // Shorter blocks repeat their cycle; on an already averaged block that changes nothing.
        for (int l = 0; l < count; l++) {
          List<WeightMatrix> cycle = whole.get(l);
          round.embed(cycle.get(m % cycle.size()), blocks.start[l], 1);
        }
        out.add(round.build());
        continue;
      }
      int t = m - warmup; // block being merged into all later blocks this round
      if (t < count - 1) {
        mergeIntoLaterBlocks(round, blocks, t, k);
      }
      for (int l = 0; l <= Math.min(t, count - 1); l++) {
        if (l == t && l != count - 1) {
          continue; // done by mergeIntoLaterBlocks
        }
        // Blocks already merged re-average: their sub-blocks all received the same mass, so
        // averaging each sub-block equalizes the whole block.
        int done = l == count - 1 ? t - l : t - l - 1;
        if (blocks.size[l] < k + 1) {
          List<WeightMatrix> cycle = whole.get(l);
          round.embed(cycle.get(done % cycle.size()), blocks.start[l], 1);
        } else {
          List<WeightMatrix> cycle = sub.get(l);
          WeightMatrix w = cycle.get(done % cycle.size());
          for (int s = 0; s < blocks.digit[l]; s++) {
            round.embed(w, blocks.start[l] + s * blocks.subSize[l], 1);
          }
        }
      }
      out.add(round.build());
    }
    return out;
  }

  /**
   * Every node i after block t receives from one node of each of block t's a_t sub-blocks (taken
   * from the sub-blocks' ends), so block t's share n_t / S_t of the total flows evenly into all
   * later nodes; block t's nodes left unpaired average in cliques of up to k+1.
   */
  private static void mergeIntoLaterBlocks(Round round, Blocks blocks, int t, int k) {
    int parts = blocks.digit[t];
    int subSize = blocks.subSize[t];
    double share = (double) blocks.size[t] / (round.n - blocks.start[t]);
    double perPart = (double) blocks.size[t] / (round.n - blocks.start[t]) / parts;
    int paired = 0;
    for (int l = blocks.count - 1; l > t; l--) {
      for (int i = blocks.start[l]; i < blocks.start[l] + blocks.size[l]; i++) {
        for (int s = 0; s < parts; s++) {
          int j = blocks.start[t] + (s + 1) * subSize - 1 - paired;
          round.set(i, j, perPart);
          round.set(j, i, perPart);
          round.set(j, j, 1.0 - perPart);
        }
        round.set(i, i, 1.0 - share);
        paired++;
      }
    }
    // Later blocks hold fewer than (k+1)^{p_{t+1}+1} <= subSize nodes, so every sub-block keeps
    // its first subSize - paired nodes unpaired; they go in order, sub-block by sub-block.
    int unpairedPerPart = subSize - paired;
    int total = parts * unpairedPerPart;
    int[] unpaired = new int[total];
    for (int s = 0, q = 0; s < parts; s++) {
      for (int r = 0; r < unpairedPerPart; r++) {
        unpaired[q++] = blocks.start[t] + s * subSize + r;
      }
    }
    for (int from = 0; total - from > 1; ) {
      int clique = Math.min(k + 1, total - from);
      for (int a = from; a < from + clique; a++) {
        for (int b = from; b < from + clique; b++) {
          round.set(unpaired[a], unpaired[b], 1.0 / clique);
        }
      }
      from += clique;
    }
  }

  // ---------------------------------------------------------------- k-peer hyper-hypercube

  /**
   * Factors of size in 2..k+1, greedily taking the largest factor as often as it divides and
   * applied smallest first, as the reference does. Requires every prime factor of size &le; k+1.
   */
  private static int[] hyperHypercubeFactors(int size, int k) {
    List<Integer> descending = new ArrayList<>();
    int rest = size;
    for (int f = Math.min(k + 1, size); f >= 2 && rest > 1; f--) {
      while (rest % f == 0) {
        descending.add(f);
        rest /= f;
      }
    }
    if (rest != 1) {
      throw new IllegalStateException(size + " has a prime factor above " + (k + 1));
    }
    int[] factors = new int[descending.size()];
    for (int r = 0; r < factors.length; r++) {
      factors[r] = descending.get(factors.length - 1 - r);
    }
    return factors;
  }

  private static int hyperHypercubeLength(int size, int k) {
    return size == 1 ? 1 : hyperHypercubeFactors(size, k).length;
  }

  private static List<WeightMatrix> hyperHypercube(int size, int k) {
    if (size == 1) {
      return List.of(WeightMatrix.identity(1));
    }
    int[] factors = hyperHypercubeFactors(size, k);
    List<WeightMatrix> out = new ArrayList<>(factors.length);
    int stride = 1; // n_1⋯n_{l−1}
    for (int f : factors) {
      WeightMatrix.Builder b = WeightMatrix.builder(size);
      double weight = 1.0 / f;
      for (int i = 0; i < size; i++) {
        int first = i - ((i / stride) % f) * stride;
        for (int c = 0; c < f; c++) {
          b.add(i, first + c * stride, weight);
        }
      }
      out.add(b.build());
      stride *= f;
    }
    return out;
  }

  /** Largest divisor of n whose prime factors are all at most k+1. */
  private static int smoothPart(int n, int k) {
    int rest = n;
    for (int f = 2; f <= k + 1 && rest > 1; f++) {
      while (rest % f == 0) {
        rest /= f;
      }
    }
    return n / rest;
  }

  /**
   * One round under construction. Each (i, j) is written at most once per round, and nodes no
   * structure touches keep their value, as in the reference's "add self-loop" step.
   */
  private static final class Round {
    final int n;
    private final WeightMatrix.Builder builder;
    private final boolean[] written;

    Round(int n) {
      this.n = n;
      this.builder = WeightMatrix.builder(n);
      this.written = new boolean[n];
    }

    void set(int i, int j, double w) {
      builder.add(i, j, w);
      written[i] = true;
    }

    /** Places a local matrix on nodes offset, offset + stride, offset + 2·stride, …. */
    void embed(WeightMatrix local, int offset, int stride) {
      for (int r = 0; r < local.size(); r++) {
        int i = offset + r * stride;
        for (int p = local.rowStart(r); p < local.rowEnd(r); p++) {
          set(i, offset + local.column(p) * stride, local.weight(p));
        }
      }
    }

    WeightMatrix build() {
      for (int i = 0; i < n; i++) {
        if (!written[i]) {
          builder.add(i, i, 1.0);
        }
      }
      return builder.build();
    }
  }
}
