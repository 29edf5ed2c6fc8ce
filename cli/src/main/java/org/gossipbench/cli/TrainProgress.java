package org.gossipbench.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gossipbench.workloads.train.TrainingProgress;

/**
 * The trainer's progress on stderr: a progress bar (epoch, loss, accuracy, consensus distance, ETA)
 * when stderr is a terminal, plain log lines at each evaluation otherwise, so logs of batch jobs
 * stay readable.
 */
final class TrainProgress implements TrainingProgress {
  private final PrintStream err;
  private final boolean terminal;
  private ProgressBar bar;
  private long stepsPerEpoch;
  private long updateEvery;
  private String lastEval = "";
  private final long started = System.nanoTime();

  TrainProgress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void start(long totalSteps, long stepsPerEpoch, String description) {
    this.stepsPerEpoch = stepsPerEpoch;
    this.updateEvery = Math.max(1, totalSteps / 500);
    if (terminal) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("train")
              .setInitialMax(totalSteps)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500)
              .setConsumer(new ConsoleProgressBarConsumer(err))
              .setEtaFunction(
                  state ->
                      state.getCurrent() == 0
                          ? java.util.Optional.empty()
                          : java.util.Optional.of(
                              Duration.ofNanos(
                                  (System.nanoTime() - started)
                                      / state.getCurrent()
                                      * (state.getMax() - state.getCurrent()))))
              .build();
    } else {
      err.printf(
          Locale.ROOT,
          "train: %s, %d steps (%d per epoch)%n",
          description,
          totalSteps,
          stepsPerEpoch);
    }
  }

  @Override
  public void step(long k, double epoch, double loss) {
    if (bar != null && (k + 1) % updateEvery == 0) {
      bar.stepTo(k + 1);
      bar.setExtraMessage(String.format(Locale.ROOT, "ep %.2f loss %.4f%s", epoch, loss, lastEval));
    }
  }

  @Override
  public void evaluated(long k, double epoch, double metric, double loss, double consensus) {
    lastEval = String.format(Locale.ROOT, " acc %.4f cons %.3g", metric, consensus);
    if (bar == null) {
      err.printf(
          Locale.ROOT,
          "train: step %d epoch %.2f test accuracy %.4f test loss %.4f consensus %.4g%n",
          k + 1,
          epoch,
          metric,
          loss,
          consensus);
    } else {
      bar.stepTo(k + 1);
    }
  }

  @Override
  public void finish(String stopReason) {
    if (bar != null) {
      bar.close();
    }
    err.println("train: stopped: " + stopReason);
  }
}
