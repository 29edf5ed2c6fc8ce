package org.gossipbench.cli.reproduce;

import java.util.List;
import java.util.Locale;

/**
 * How much of the suite a reproduction runs: {@code tiny} is the few-minute look (and the test
 * suite's run), {@code small} what {@code mvn -B verify -Pbench} runs on a 2-core machine in ≤ 40
 * minutes, {@code medium} and {@code full} the grids a cluster or a long night affords.
 */
public enum Scale {
  TINY(List.of(4, 8, 16, 32), List.of(4), "64K", "1M", 5, List.of(2), List.of(4), 1, 0.25, false),
  SMALL(
      List.of(4, 8, 16, 32, 64, 128, 256, 512, 1024),
      List.of(2, 4, 8),
      "64K",
      "64M",
      20,
      List.of(2, 4),
      List.of(4, 8, 16, 32),
      3,
      1,
      false),
  MEDIUM(
      List.of(4, 8, 16, 32, 64, 128, 256, 512, 1024),
      List.of(2, 4, 8, 16),
      "4K",
      "256M",
      20,
      List.of(2, 4, 8),
      List.of(4, 8, 16, 32),
      3,
      5,
      true),
  FULL(
      List.of(4, 8, 16, 32, 64, 128, 256, 512, 1024),
      List.of(2, 4, 8, 16, 32),
      "4K",
      "1G",
      50,
      List.of(2, 4, 8, 16),
      List.of(4, 8, 16, 32),
      5,
      20,
      true);

  /** Node counts of the topology table (T2). */
  final List<Integer> topologyNodes;

  /** Ranks of the in-process collectives sweep. */
  final List<Integer> localRanks;

  final String minBytes;
  final String maxBytes;

  /** Timed iterations per size. */
  final int iterations;

  /** Ranks of the TCP (loopback) sweep. */
  final List<Integer> tcpRanks;

  /** Simulated nodes of the training runs. */
  final List<Integer> trainNodes;

  /** Seeds per training configuration. */
  final int seeds;

  /** Epochs per training run (a cap: runs stop at their target). */
  final double epochs;

  /** Whether every algorithm runs at every n and partition (else the subsets Plan names). */
  final boolean fullGrid;

  Scale(
      List<Integer> topologyNodes,
      List<Integer> localRanks,
      String minBytes,
      String maxBytes,
      int iterations,
      List<Integer> tcpRanks,
      List<Integer> trainNodes,
      int seeds,
      double epochs,
      boolean fullGrid) {
    this.topologyNodes = topologyNodes;
    this.localRanks = localRanks;
    this.minBytes = minBytes;
    this.maxBytes = maxBytes;
    this.iterations = iterations;
    this.tcpRanks = tcpRanks;
    this.trainNodes = trainNodes;
    this.seeds = seeds;
    this.epochs = epochs;
    this.fullGrid = fullGrid;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
