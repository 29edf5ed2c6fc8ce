package org.gossipbench.bench.train;

import java.nio.file.Path;
import java.util.Locale;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.workloads.data.DataDir;
import org.gossipbench.workloads.data.DatasetRegistry;
import org.gossipbench.workloads.data.DatasetSplits;
import org.gossipbench.workloads.model.Dl4jBuilder;
import org.gossipbench.workloads.model.Dl4jRuntime;
import org.gossipbench.workloads.model.PlainFitBaseline;
import org.gossipbench.workloads.train.TrainConfig;
import org.gossipbench.workloads.train.Trainer;
import org.gossipbench.workloads.train.TrainingProgress;
import org.gossipbench.workloads.workload.Workload;
import org.gossipbench.workloads.workload.WorkloadRegistry;

/**
 * The harness-overhead benchmark: the trainer with one node (PSGD, so the allreduce is a no-op)
 * against a plain DL4J {@code fit()} loop on the same network, batch, data and runtime settings,
 * alternating the two in one process so that the machine's drift hits both alike. Throughput is
 * samples ÷ seconds of the timed steps (after a warm-up), elapsed here.
 *
 * <p>Usage: {@code java -cp gossipbench.jar org.gossipbench.bench.train.HarnessOverhead
 * [workload=mnist-mlp] [steps=300] [rounds=3] [batch=32]}
 */
public final class HarnessOverhead {
  private HarnessOverhead() {}

  /**
   * The trainer runs each rank on a thread of its job, started for the run; the baseline gets a
   * fresh thread too, because ND4J's per-thread state (workspaces, the OpenMP team of the calling
   * thread) measurably differs between a long-lived thread and a new one.
   */
  private static PlainFitBaseline.Result plainInFreshThread(
      Dl4jBuilder builder, DatasetSplits splits, int batch, int warmup, int steps, double lr) {
    PlainFitBaseline.Result[] result = new PlainFitBaseline.Result[1];
    Thread t =
        new Thread(
            () ->
                result[0] =
                    PlainFitBaseline.run(builder, splits.train(), 1, batch, warmup, steps, lr),
            "plain-fit");
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return result[0];
  }

  public static void main(String[] args) {
    String workloadName = args.length > 0 ? args[0] : "mnist-mlp";
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int warmup = Math.max(10, steps / 10);
    double lr = 0.01;
    Path data = DataDir.resolve(null);
    Workload workload = WorkloadRegistry.get(workloadName);
    Dl4jBuilder builder = (Dl4jBuilder) workload.model();
    String runtime = Dl4jRuntime.configure(1);
    DatasetSplits splits = DatasetRegistry.load(workload.datasets().get(0), data);
    System.out.printf(
        Locale.ROOT,
        "# harness overhead: %s, batch %d, %d timed steps after %d warm-up, %d rounds; %s;"
            + " OMP_WAIT_POLICY=%s; load %s%n",
        workloadName,
        batch,
        steps,
        warmup,
        rounds,
        runtime,
        System.getenv("OMP_WAIT_POLICY"),
        Provenance.readLoadAverage());
    System.out.println("round | plain fit() samples/s | trainer n=1 samples/s | trainer / plain");
    double sumRatio = 0;
    for (int r = 0; r < rounds; r++) {
      // alternate which goes first, so that warming and drift do not favour one side
      PlainFitBaseline.Result plain =
          r % 2 == 0 ? plainInFreshThread(builder, splits, batch, warmup, steps, lr) : null;
      Trainer.Result t =
          new Trainer(
                  new TrainConfig()
                      .workload(workloadName)
                      .algorithm("psgd")
                      .nodes(1)
                      .batch(batch)
                      .learningRate(lr)
                      .maxSteps(warmup + steps)
                      .evalEvery(Long.toString(1L << 40))
                      .dataDir(data),
                  TrainingProgress.NONE)
              .run();
      if (plain == null) {
        plain = plainInFreshThread(builder, splits, batch, warmup, steps, lr);
      }
      long wall = 0;
      for (TrainingStep s : t.steps()) {
        if (s.iteration() >= warmup) {
          wall += s.computeNanos() + s.communicationNanos();
        }
      }
      double trainer = (double) steps * batch / (wall / 1e9);
      double ratio = trainer / plain.samplesPerSecond();
      sumRatio += ratio;
      System.out.printf(
          Locale.ROOT,
          "%d | %.0f | %.0f | %.3f%n",
          r + 1,
          plain.samplesPerSecond(),
          trainer,
          ratio);
    }
    System.out.printf(
        Locale.ROOT,
        "# mean trainer / plain: %.3f (load %s)%n",
        sumRatio / rounds,
        Provenance.readLoadAverage());
  }
}
