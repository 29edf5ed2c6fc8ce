package org.gossipbench.results;

import java.time.Instant;

/** Deterministic sample rows and provenance for the tests. */
final class Rows {
  private Rows() {}

  static Provenance provenance(RecordSchema<?> schema) {
    return new Provenance(
        schema.version(),
        schema.kind(),
        "20261122T101500Z-" + schema.kind() + "-1-1",
        "0123456789abcdef0123456789abcdef01234567",
        "false",
        "testhost",
        "Test CPU @ 1.00GHz",
        2,
        "Linux 6.1 amd64",
        "Test Vendor",
        "17.0.15+6",
        "-Xmx1g",
        "{\"algorithm\":\"dsgd\",\"topology\":\"ring\",\"n\":8}",
        42L,
        Instant.parse("2026-11-22T10:15:00Z"),
        "gossipbench train --topology ring -n 8",
        "0.10 0.20 0.30");
  }

  static TrainingStep step(long i) {
    TrainingStep a = stepV1(i);
    return new TrainingStep(
        a.algorithm(),
        a.topology(),
        a.n(),
        a.rank(),
        a.epoch(),
        a.iteration(),
        a.samplesSeen(),
        a.trainLoss(),
        a.evalMetric(),
        a.consensusDistance(),
        a.computeNanos(),
        a.communicationNanos(),
        a.bytesCommunicated(),
        a.learningRate(),
        a.elapsedNanos(),
        900 + i,
        i % 3 == 0 ? null : 1400 + i,
        1300 + i,
        a.evalMetric() == null ? null : 77_000 + i,
        a.evalMetric() == null ? null : 0.25 + i * 1e-3);
  }

  static TrainingStep stepV1(long i) {
    return TrainingStep.v1(
        "dsgd",
        i % 2 == 0 ? "ring" : "one-peer-exp",
        8,
        (int) (i % 8),
        (int) (i / 1000),
        i,
        32 * (i + 1),
        2.5 / (1 + i),
        i % 10 == 0 ? 0.5 + i * 1e-6 : null,
        i % 5 == 0 ? 1.0 / (1 + i) : null,
        1000 + i,
        500 + i,
        4096 * i,
        0.1,
        1_000_000L * i);
  }

  static CollectiveMeasurement collective(long i) {
    return new CollectiveMeasurement(
        i % 2 == 0 ? "allreduce" : "neighbor-average",
        i % 2 == 0 ? "ring" : "neighbor",
        "local",
        i % 2 == 0 ? "fully-connected" : "one-peer-exp",
        8,
        8,
        (int) (i % 8),
        1024L << (i % 10),
        256L << (i % 10),
        "float32",
        i,
        10_000 + i,
        1.5 + i,
        2.625 + i,
        1792L << (i % 10),
        1792L << (i % 10),
        i % 3 == 0 ? 0 : 1);
  }

  static RunSummary summary(long i) {
    RunSummary a = summaryV1(i);
    boolean reached = a.reached();
    return new RunSummary(
        a.algorithm(),
        a.topology(),
        a.n(),
        a.seed(),
        a.metric(),
        a.target(),
        a.reached(),
        a.timeToTargetNanos(),
        a.iterationsToTarget(),
        a.bestMetric(),
        a.finalLoss(),
        a.iterations(),
        a.epochs(),
        a.wallNanos(),
        "mnist-mlp",
        i % 3 == 0 ? "dirichlet:alpha=0.5" : "iid",
        "local",
        32,
        0.1,
        reached ? "target" : "max-epochs",
        reached ? 40_000_000_000L + i : null,
        reached ? 20_000_000_000L + i : null,
        3_000_000_000L + i,
        2400.5 + i,
        i % 4 == 0 ? null : 1e-3 * i);
  }

  static RunSummary summaryV1(long i) {
    boolean reached = i % 2 == 0;
    return RunSummary.v1(
        "psgd",
        "fully-connected",
        4,
        i,
        "top1_accuracy",
        0.98,
        reached,
        reached ? 60_000_000_000L + i : null,
        reached ? 1000 + i : null,
        reached ? 0.981 : 0.97,
        0.05,
        2000,
        5,
        90_000_000_000L);
  }

  static TheoryPoint theoryPoint(long i) {
    boolean transientRow = i % 4 == 3;
    return new TheoryPoint(
        transientRow ? "transient" : "dsgd-b2",
        i % 5 == 0 ? "psgd" : "dsgd",
        i % 5 == 0 ? null : "ring",
        8 << (i % 4),
        100,
        0.25 * i,
        i % 5 == 0 ? null : 0.9 + i * 1e-3,
        transientRow ? 1.0 : 0.05,
        transientRow ? "harmonic" : "constant",
        1.0,
        7 + i,
        1 + (int) (i % 3),
        2300 + i,
        transientRow ? null : 2000,
        0.4 + i * 1e-4,
        i % 6 == 0 ? null : 0.41 + i * 1e-4,
        transientRow && i % 8 != 7 ? 40 + i : null,
        transientRow ? 42.5 + i : null,
        transientRow ? 1.5 : null,
        1_000_000L * (i + 1));
  }

  static TheoryFit theoryFit(long i) {
    return new TheoryFit(
        i % 2 == 0 ? "dsgd-b2" : "dsgd-rho",
        i % 2 == 0 ? "log(error - error at b2=0) vs log(b2)" : "log(error) vs log(rho^2/(1-rho)^2)",
        i % 3 == 0 ? "gradient-tracking" : "dsgd",
        i % 2 == 0 ? "ring" : null,
        1.0 - i * 1e-3,
        i % 3 == 0 ? 0.0 : 1.0,
        i % 2 == 0 ? "=" : "<=",
        0.99 - i * 1e-4,
        -3.25 + i,
        3 + (int) (i % 5),
        2_000_000_000L + i);
  }

  static TopologyRow topology(long i) {
    boolean timeVarying = i % 3 == 1;
    return new TopologyRow(
        i % 2 == 0 ? "ring" : "one-peer-exp",
        4 << (i % 4),
        i % 5 == 4 ? "column" : "doubly",
        1 + (int) (i % 6),
        0.5 + i * 1e-3,
        0.25 - i * 1e-4,
        timeVarying,
        i % 4 == 3 ? null : 1 + (int) (i % 7),
        timeVarying ? 3 + (int) (i % 2) : null,
        timeVarying ? 0.0 : 0.5 + i * 1e-3,
        i % 6 == 0 ? "exact only for n a power of two" : null,
        3_000_000L + i);
  }

  static ConsensusPoint consensus(long i) {
    return new ConsensusPoint(
        i % 2 == 0 ? "ring" : "exp", 5, i / 5, (int) (i % 5), 2.0 + 0.5 / (i + 1), 40_000L + i);
  }

  static ProjectionRow projection(long i) {
    boolean fit = i % 4 == 3;
    return new ProjectionRow(
        fit ? "this machine (tcp)" : i % 2 == 0 ? "v100-25gbe" : "a100-200gbib",
        fit ? "message" : i % 3 == 0 ? "bert-large" : "resnet50",
        fit ? 0 : 25_557_032L + i,
        102_228_128L + 4 * i,
        8 << (i % 6),
        8,
        i % 2 == 0
            ? "allreduce/ring"
            : "neighbor-average/hierarchical hier:group=8:inter=one-peer-exp",
        0.1 + i * 1e-3,
        fit ? 0 : 0.02 + i * 1e-4,
        fit ? 0 : 14_076 + i,
        fit ? 0 : 1_500.5 + i,
        fit ? 0 : 300.25 + i,
        5e-6,
        1.3e11,
        2.5e-5 + i * 1e-7,
        3.125e9,
        "ring: 2(n-1) rounds, 2(n-1)/n S bytes, on the inter-node link",
        "preset " + i,
        fit ? Double.valueOf(0.11 + i * 1e-3) : null);
  }
}
