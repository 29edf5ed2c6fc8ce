package org.gossipbench.cli.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The parts of a reproduction at one scale, in order (issue 15's five stages): the topology tables,
 * the collectives sweeps, the training runs and theory checks, the projection, then the report and
 * the dashboard over everything before. Estimates are seconds on the 2-core development machine.
 */
public final class Plan {
  /** The stages whose folders hold logs (what the report and the projection read). */
  public static final List<String> LOG_STAGES =
      List.of("topology", "collectives", "training", "theory", "projection");

  private static final List<String[]> LOCAL_COLLECTIVES =
      List.of(
          new String[] {"allreduce", "--algorithm", "ring"},
          new String[] {"allreduce", "--algorithm", "parameter-server"},
          new String[] {"neighbor-average", "--topology", "ring"},
          new String[] {"neighbor-average", "--topology", "exp"},
          new String[] {"neighbor-average", "--topology", "one-peer-exp"},
          new String[] {"neighbor-average", "--topology", "base"},
          new String[] {"neighbor-average", "--topology", "ou-equidyn"});

  private static final List<String> ALGORITHMS_ON_RING =
      List.of("dsgd", "gradient-tracking", "detag", "gossip-pga");

  private Plan() {}

  /**
   * @param scale how much to run
   * @param outDir the reproduction's folder (the report and dashboard read its stages)
   * @param dataDir where the datasets are installed; null for gossipbench's default
   * @param hasWorkload whether a workload is registered (the language model arrives by name)
   */
  public static List<Part> of(
      Scale scale, String outDir, String dataDir, Predicate<String> hasWorkload) {
    return of(scale, outDir, dataDir, hasWorkload, LargeModels.NONE);
  }

  /**
   * @param large the data for ResNet-50 and BERT, where the user has it
   */
  public static List<Part> of(
      Scale scale,
      String outDir,
      String dataDir,
      Predicate<String> hasWorkload,
      LargeModels large) {
    return of(scale, outDir, dataDir, hasWorkload, large, Machine.NONE);
  }

  /**
   * @param machine Open MPI, the mpi transport and network namespaces, where this machine has them
   */
  public static List<Part> of(
      Scale scale,
      String outDir,
      String dataDir,
      Predicate<String> hasWorkload,
      LargeModels large,
      Machine machine) {
    List<Part> parts = new ArrayList<>();
    topology(scale, parts);
    collectives(scale, parts);
    setupCollectives(scale, parts, machine);
    List<Part> training = new ArrayList<>();
    training(scale, training, hasWorkload);
    largeModels(scale, training, large);
    for (Part p : training) {
      boolean readsData = p.args().get(0).equals("train") || p.args().get(0).equals("data");
      if (dataDir != null && readsData) {
        List<String> args = new ArrayList<>(p.args());
        args.addAll(List.of("--data-dir", dataDir));
        p = new Part(p.stage(), p.name(), args, p.estimateSeconds());
      }
      parts.add(p);
    }
    parts.add(
        new Part(
            "projection",
            "clusters",
            List.of(
                "project",
                "--fit",
                outDir + "/collectives",
                "--training",
                outDir + "/training",
                "--out",
                Part.DIR + "/projection.arrow"),
            15));
    List<String> logs = LOG_STAGES.stream().map(s -> outDir + "/" + s).toList();
    List<String> report = new ArrayList<>(List.of("report"));
    report.addAll(logs);
    report.addAll(List.of("--out", Part.DIR));
    parts.add(new Part("report", "report", report, 40));
    List<String> dashboard = new ArrayList<>(List.of("dashboard"));
    dashboard.addAll(logs);
    dashboard.addAll(List.of("--git", "none", "--out", Part.DIR));
    parts.add(new Part("report", "dashboard", dashboard, 10));
    return parts;
  }

  private static void topology(Scale scale, List<Part> parts) {
    String ns = scale.topologyNodes.stream().map(String::valueOf).collect(Collectors.joining(","));
    int largest = scale.topologyNodes.get(scale.topologyNodes.size() - 1);
    parts.add(
        new Part(
            "topology",
            "table",
            List.of("topology", "table", "-n", ns, "--out", Part.DIR + "/topology.arrow"),
            largest > 256 ? 120 : 5));
    for (String t : List.of("ring", "exp")) {
      parts.add(
          new Part(
              "topology",
              "consensus-" + t,
              List.of(
                  "topology",
                  "consensus",
                  t,
                  "-n",
                  "5",
                  "--iterations",
                  "0,1,5,10,20,50",
                  "--out",
                  Part.DIR + "/consensus.arrow"),
              2));
    }
  }

  private static void collectives(Scale scale, List<Part> parts) {
    List<String> sizes =
        List.of(
            "-b",
            scale.minBytes,
            "-e",
            scale.maxBytes,
            "-f",
            "4",
            "-n",
            Integer.toString(scale.iterations),
            "-w",
            "5");
    double perSweep = scale == Scale.TINY ? 2 : scale == Scale.SMALL ? 6 : 30;
    for (int np : scale.localRanks) {
      for (String[] c : LOCAL_COLLECTIVES) {
        List<String> args =
            new ArrayList<>(
                List.of("collectives", "--op", c[0], c[1], c[2], "-np", Integer.toString(np)));
        args.addAll(sizes);
        args.addAll(List.of("--out", Part.DIR + "/sweep.arrow"));
        parts.add(
            new Part("collectives", "local-" + c[0] + "-" + c[2] + "-np" + np, args, perSweep));
      }
    }
    for (int np : scale.tcpRanks) {
      for (String[] c :
          List.of(
              new String[] {"allreduce", "--algorithm", "ring"},
              new String[] {"neighbor-average", "--topology", "one-peer-exp"})) {
        List<String> args =
            new ArrayList<>(
                List.of(
                    "launch",
                    "-np",
                    Integer.toString(np),
                    "--",
                    "collectives",
                    "--transport",
                    "tcp",
                    "--op",
                    c[0],
                    c[1],
                    c[2]));
        args.addAll(sizes);
        args.addAll(List.of("--out", Part.DIR + "/sweep.arrow"));
        parts.add(
            new Part(
                "collectives", "tcp-" + c[0] + "-" + c[2] + "-np" + np, args, 6 + 2 * perSweep));
      }
    }
  }

  private static void training(Scale scale, List<Part> parts, Predicate<String> hasWorkload) {
    for (String dataset : List.of("mnist", "fashion-mnist", "brown")) {
      parts.add(new Part("training", "data-" + dataset, List.of("data", "fetch", dataset), 3));
    }
    String epochs = String.format(Locale.ROOT, "%s", trim(scale.epochs));
    // seconds per epoch of an MLP on 60,000 images here, all nodes together
    double epochSeconds = 9;
    for (String dataset : List.of("mnist", "fashion-mnist")) {
      for (int n : scale.trainNodes) {
        for (String partition : List.of("iid", "sorted")) {
          boolean grid = scale.fullGrid;
          // below the full grid: MNIST iid over every n (T4, T6); Fashion-MNIST at the largest n
          // of the smaller scales, iid and sorted, every algorithm (T7)
          boolean mnistCell = dataset.equals("mnist") && partition.equals("iid");
          int heterogeneityN = scale == Scale.TINY ? 4 : 16;
          boolean fashionCell = dataset.equals("fashion-mnist") && n == heterogeneityN;
          if (!grid && !mnistCell && !fashionCell) {
            continue;
          }
          List<String[]> methods = new ArrayList<>();
          methods.add(new String[] {"psgd", null});
          methods.add(new String[] {"dsgd", "ring"});
          methods.add(new String[] {"dsgd", "one-peer-exp"});
          if (grid || fashionCell) {
            for (String a : ALGORITHMS_ON_RING.subList(1, ALGORITHMS_ON_RING.size())) {
              methods.add(new String[] {a, "ring"});
            }
          }
          if (scale == Scale.TINY && fashionCell) {
            methods =
                List.of(new String[] {"psgd", null}, new String[] {"gradient-tracking", "ring"});
          }
          for (String[] m : methods) {
            for (int seed = 1; seed <= scale.seeds; seed++) {
              List<String> args =
                  new ArrayList<>(
                      List.of(
                          "train",
                          "--workload",
                          dataset + "-mlp",
                          "--algorithm",
                          m[0],
                          "-n",
                          Integer.toString(n),
                          "--partition",
                          partition,
                          "--batch",
                          "32",
                          "--lr",
                          "0.1",
                          "--momentum",
                          "nesterov",
                          "--beta",
                          "0.9",
                          "--target-accuracy",
                          dataset.equals("mnist") ? "0.97" : "0.85",
                          "--max-epochs",
                          epochs,
                          "--eval-every",
                          scale == Scale.TINY ? "0.125ep" : "0.25ep",
                          "--log-steps",
                          "evaluated",
                          "--progress",
                          "none",
                          "--seed",
                          Integer.toString(seed),
                          "--out",
                          Part.DIR + "/run.arrow"));
              if (m[1] != null) {
                args.add(5, "--topology");
                args.add(6, m[1]);
              }
              String name =
                  dataset
                      + "-mlp-n"
                      + n
                      + "-"
                      + partition
                      + "-"
                      + m[0]
                      + (m[1] != null ? "-" + m[1] : "")
                      + "-s"
                      + seed;
              parts.add(new Part("training", name, args, 3 + scale.epochs * epochSeconds));
            }
          }
        }
      }
    }
    String lm = "brown-lstm";
    if (hasWorkload.test(lm)) {
      // the LSTM takes about 1.2 s per step of 4 nodes here: small affords one seed of 160 steps
      int lmSeeds = scale == Scale.TINY || scale == Scale.SMALL ? 1 : scale.seeds;
      String steps = scale == Scale.TINY ? "40" : scale == Scale.SMALL ? "160" : "4000";
      for (String[] m :
          List.of(new String[] {"psgd", null}, new String[] {"dsgd", "one-peer-exp"})) {
        for (int seed = 1; seed <= lmSeeds; seed++) {
          List<String> args =
              new ArrayList<>(
                  List.of(
                      "train",
                      "--workload",
                      lm,
                      "--algorithm",
                      m[0],
                      "-n",
                      "4",
                      "--max-steps",
                      steps,
                      "--eval-every",
                      Integer.toString(Integer.parseInt(steps) / 4),
                      "--log-steps",
                      "evaluated",
                      "--progress",
                      "none",
                      "--seed",
                      Integer.toString(seed),
                      "--out",
                      Part.DIR + "/run.arrow"));
          if (m[1] != null) {
            args.add(5, "--topology");
            args.add(6, m[1]);
          }
          parts.add(
              new Part(
                  "training",
                  lm + "-n4-" + m[0] + (m[1] != null ? "-" + m[1] : "") + "-s" + seed,
                  args,
                  5 + Integer.parseInt(steps) * 1.2));
        }
      }
    }
    parts.add(
        new Part(
            "theory",
            "checks",
            scale == Scale.TINY
                ? List.of("theory", "--quick", "--out", Part.DIR)
                : List.of("theory", "--out", Part.DIR),
            scale == Scale.TINY ? 15 : 400));
  }

  /**
   * ResNet-50 and BERT, PSGD against DSGD over one-peer exponential averaging, when their data is
   * given. At tiny and small scale BERT is a reduced copy (2 layers of width 128, named so in the
   * part); medium runs BERT-base and full BERT-large with ResNet-50 to MLPerf's 75.9 % top-1. The
   * estimates are for this 2-core CPU machine, where only the tiny and small steps are affordable;
   * on GPUs the same plan is the full-scale one.
   */
  private static void largeModels(Scale scale, List<Part> parts, LargeModels large) {
    int nodes = scale == Scale.TINY || scale == Scale.SMALL ? 2 : 8;
    int steps =
        switch (scale) {
          case TINY -> 2;
          case SMALL -> 20;
          case MEDIUM -> 1000;
          case FULL -> 100_000;
        };
    List<String[]> methods =
        List.of(new String[] {"psgd", null}, new String[] {"dsgd", "one-peer-exp"});
    if (large.imagenet() != null) {
      for (String[] m : methods) {
        List<String> args =
            largeRun("resnet50:root=" + large.imagenet(), m, nodes, "32", steps, scale);
        if (scale == Scale.FULL) {
          args.addAll(List.of("--target-accuracy", "0.759", "--max-epochs", "90"));
        }
        // about 10 s per ResNet-50 step of batch 32 on one of this machine's cores
        parts.add(
            new Part(
                "training",
                "resnet50-n" + nodes + "-" + label(m),
                args,
                30 + 10.0 * nodes * steps));
      }
    }
    if (large.bertCorpus() != null) {
      String model =
          switch (scale) {
            case TINY, SMALL -> "bert-base:layers=2:hidden=128:heads=2:seq=64";
            case MEDIUM -> "bert-base";
            case FULL -> "bert-large";
          };
      String spec =
          model
              + ":corpus="
              + large.bertCorpus()
              + (large.bertVocab() == null ? "" : ":vocab=" + large.bertVocab());
      String name = scale == Scale.TINY || scale == Scale.SMALL ? "bert-reduced" : model;
      double perStep = scale == Scale.TINY || scale == Scale.SMALL ? 0.5 : 60;
      for (String[] m : methods) {
        List<String> args = largeRun(spec, m, nodes, "8", steps, scale);
        parts.add(
            new Part(
                "training",
                name + "-n" + nodes + "-" + label(m),
                args,
                30 + perStep * nodes * steps));
      }
    }
  }

  /**
   * The sweeps that need their setup (README): our collectives against Open MPI's in separate
   * processes (and our ring over the mpi transport, in a -Pmpi build), and the two-rate namespace
   * cluster (flat ring, flat one-peer, hierarchical; needs root). Both run their ci/ script,
   * bounded by its own timeouts.
   */
  private static void setupCollectives(Scale scale, List<Part> parts, Machine machine) {
    boolean quick = scale == Scale.TINY;
    if (machine.vendorMpi()) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "bash",
                  machine.home() + "/ci/vendor-compare.sh",
                  "--ranks",
                  quick ? "2" : "2,4",
                  "--min",
                  "64K",
                  "--max",
                  quick ? "1M" : scale == Scale.SMALL ? "4M" : "16M",
                  "--iters",
                  quick ? "5" : "10",
                  "--warmup",
                  "3",
                  "--work",
                  Part.DIR));
      if (machine.mpiTransport()) {
        cmd.add("--mpi-transport");
      }
      // measured here: 49 s for the tiny selection (n = 2, 64 KiB - 1 MiB) under load 15
      // and 180 s for n = 2, 4 to 16 MiB, which small's 40 minutes cannot spare: it stops at 4 MiB
      parts.add(Part.external("collectives", "vendor-mpi", cmd, quick ? 60 : 120));
    }
    if (machine.namespaces()) {
      parts.add(
          Part.external(
              "collectives",
              "netcluster-hier",
              List.of(
                  "env",
                  "MIN=1M",
                  quick ? "MAX=4M" : scale == Scale.SMALL ? "MAX=16M" : "MAX=64M",
                  quick ? "ITERS=2" : "ITERS=5",
                  "bash",
                  machine.home() + "/ci/netcluster-hier.sh",
                  Part.DIR),
              // measured here: 54 s for the tiny selection (1-4 MiB, 2 iterations) under load 17
              quick ? 60 : scale == Scale.SMALL ? 150 : 400));
    }
  }

  private static String label(String[] method) {
    return method[0] + (method[1] != null ? "-" + method[1] : "");
  }

  private static List<String> largeRun(
      String workload, String[] method, int nodes, String batch, int steps, Scale scale) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--workload",
                workload,
                "--algorithm",
                method[0],
                "-n",
                Integer.toString(nodes),
                "--batch",
                batch,
                "--max-steps",
                Integer.toString(steps),
                "--eval-every",
                Integer.toString(Math.max(1, steps / 4)),
                "--log-steps",
                "evaluated",
                "--progress",
                "none",
                "--seed",
                "1",
                "--out",
                Part.DIR + "/run.arrow"));
    if (method[1] != null) {
      args.add(5, "--topology");
      args.add(6, method[1]);
    }
    return args;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
