package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.collective.Collective;

/**
 * A planned collective that books its wall time, thread CPU time and α–β-projected time into the
 * rank's {@link StepMeter}; algorithms see a plain {@link Collective}.
 */
final class TimedCollective implements Collective {
  private final Collective inner;
  private final StepMeter meter;
  private final long projectedNanos;

  TimedCollective(Collective inner, StepMeter meter, long projectedNanos) {
    this.inner = inner;
    this.meter = meter;
    this.projectedNanos = projectedNanos;
  }

  @Override
  public String op() {
    return inner.op();
  }

  @Override
  public String algorithm() {
    return inner.algorithm();
  }

  @Override
  public int count() {
    return inner.count();
  }

  @Override
  public void run(long iteration) {
    long cpu0 = StepMeter.threadCpuNanos();
    long t0 = System.nanoTime();
    inner.run(iteration);
    long wall = System.nanoTime() - t0;
    meter.addCommunication(wall, StepMeter.threadCpuNanos() - cpu0, projectedNanos);
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return inner.busBandwidthFactor(iteration);
  }
}
