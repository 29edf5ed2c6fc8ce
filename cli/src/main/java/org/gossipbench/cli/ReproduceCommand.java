package org.gossipbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gossipbench.cli.reproduce.LargeModels;
import org.gossipbench.cli.reproduce.Machine;
import org.gossipbench.cli.reproduce.Part;
import org.gossipbench.cli.reproduce.Plan;
import org.gossipbench.cli.reproduce.Scale;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.results.ProjectionSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.workloads.workload.WorkloadRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gossipbench reproduce}: the whole suite into one folder, part by part, each part in its
 * own folder renamed into place when complete, so an interrupted run resumes where it stopped and
 * never leaves a half-written table.
 */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    header = "Regenerate every table: topologies, collectives, training, projection, report.",
    description =
        "Runs, in order: the topology tables (T1, T2); the collectives sweeps in-process and over"
            + " TCP on loopback (T3); the training runs (MNIST, Fashion-MNIST, the Brown-corpus"
            + " language model where built) and the theory checks (T4-T7); the alpha-beta"
            + " projection onto the preset clusters, fitted to the sweeps (T3 projected); then"
            + " gossipbench report and gossipbench dashboard over all of it. Prints the plan and"
            + " an ETA first, progress throughout and a summary at the end. A part whose folder"
            + " holds a record of the same command line is skipped, so rerunning an interrupted"
            + " reproduction finishes it. --scale tiny takes about 5 minutes on 2 cores, small"
            + " (what mvn -B verify -Pbench runs) about 40.")
final class ReproduceCommand implements Callable<Integer> {
  static final String RECORD = "part.json";
  static final String PARTIAL = ".partial";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--scale",
      defaultValue = "small",
      description = "tiny, small, medium or full (default: ${DEFAULT-VALUE})")
  String scaleName;

  @CommandLine.Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "folder for everything (default: <results-dir>/runs/<commit>/reproduce-<scale>)")
  Path out;

  @CommandLine.Option(
      names = "--results-dir",
      defaultValue = ResultsRoot.DEFAULT,
      description = "results root for the default --out (default: ${DEFAULT-VALUE})")
  Path resultsDir;

  @CommandLine.Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "where the datasets are (default: gossipbench's, see data --help)")
  Path dataDir;

  @CommandLine.Option(
      names = "--imagenet",
      paramLabel = "DIR",
      description =
          "an ImageNet-style folder (train/ and val/ class folders of JPEGs): adds ResNet-50,"
              + " PSGD vs DSGD")
  Path imagenet;

  @CommandLine.Option(
      names = "--bert-corpus",
      paramLabel = "brown|FILE",
      description =
          "text for BERT (brown, or a file: a sentence per line, blank lines between documents):"
              + " adds BERT masked-LM, PSGD vs DSGD (a reduced copy at tiny and small)")
  String bertCorpus;

  @CommandLine.Option(
      names = "--bert-vocab",
      paramLabel = "FILE",
      description = "a WordPiece vocab.txt for BERT (default: derived from the corpus)")
  Path bertVocab;

  @CommandLine.Option(names = "--plan", description = "print the plan and stop")
  boolean planOnly;

  @CommandLine.Option(
      names = "--stop-after",
      paramLabel = "PARTS",
      hidden = true,
      description = "stop after running this many parts (how the tests interrupt a run)")
  Integer stopAfter;

  @Override
  public Integer call() throws IOException {
    Scale scale = scale(scaleName);
    Path dir = out != null ? out : defaultOut(scale);
    Machine machine =
        Machine.detect(
            System.getProperty("gossipbench.home"), CommunicatorProvider.find("mpi").isPresent());
    List<Part> parts =
        Plan.of(
            scale,
            dir.toString(),
            dataDir == null ? null : dataDir.toString(),
            name -> WorkloadRegistry.entries().stream().anyMatch(e -> e.name().equals(name)),
            new LargeModels(
                imagenet == null ? null : imagenet.toAbsolutePath().toString(),
                bertCorpus == null || bertCorpus.equals("brown")
                    ? bertCorpus
                    : Path.of(bertCorpus).toAbsolutePath().toString(),
                bertVocab == null ? null : bertVocab.toAbsolutePath().toString()),
            machine);
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Part> todo = new ArrayList<>();
    Map<String, int[]> byStage = new LinkedHashMap<>();
    Map<String, Double> stageEstimate = new LinkedHashMap<>();
    for (Part p : parts) {
      boolean done = isDone(dir, p);
      if (!done) {
        todo.add(p);
      }
      int[] counts = byStage.computeIfAbsent(p.stage(), s -> new int[2]);
      counts[0]++;
      counts[1] += done ? 1 : 0;
      if (!done) {
        stageEstimate.merge(p.stage(), p.estimateSeconds(), Double::sum);
      }
    }
    double eta = todo.stream().mapToDouble(Part::estimateSeconds).sum();
    o.printf(Locale.ROOT, "reproduce --scale %s into %s%n", scale.label(), dir);
    TextTable plan =
        new TextTable(
            List.of("stage", "parts", "done_already", "to_run", "estimate"),
            new boolean[] {false, true, true, true, true});
    for (Map.Entry<String, int[]> e : byStage.entrySet()) {
      int[] c = e.getValue();
      plan.addRow(
          List.of(
              e.getKey(),
              Integer.toString(c[0]),
              Integer.toString(c[1]),
              Integer.toString(c[0] - c[1]),
              duration(stageEstimate.getOrDefault(e.getKey(), 0.0))));
    }
    plan.print(o, OutputFormat.text);
    o.printf(
        Locale.ROOT,
        "# ETA %s for %d parts (estimates for a 2-core machine; elapsed here, load %s)%n",
        duration(eta),
        todo.size(),
        load());
    if (!machine.vendorMpi() || !machine.namespaces()) {
      o.println(
          "# not in this plan: "
              + (machine.vendorMpi()
                  ? ""
                  : "the Open MPI comparison (needs mpirun and mpicc: bash ci/mpi-setup.sh)")
              + (!machine.vendorMpi() && !machine.namespaces() ? " and " : "")
              + (machine.namespaces() ? "" : "the namespace cluster (needs root, ip and tc)")
              + (machine.home() == null ? " (and the source tree: -Dgossipbench.home)" : ""));
    }
    if (imagenet == null || bertCorpus == null) {
      o.println(
          "# not in this plan: "
              + (imagenet == null ? "ResNet-50 (give --imagenet DIR)" : "")
              + (imagenet == null && bertCorpus == null ? " and " : "")
              + (bertCorpus == null ? "BERT (give --bert-corpus brown|FILE)" : ""));
    }
    if (WorkloadRegistry.entries().stream().noneMatch(e -> e.name().equals("brown-lstm"))) {
      o.println("# not in this build: the Brown-corpus language model (T5 stays empty)");
    }
    o.println(
        "# the JMH suite runs under mvn -B verify -Pbench (module bench-jmh, results in"
            + " results/runs/<commit>)");
    o.flush();
    if (planOnly) {
      return Main.EXIT_OK;
    }
    Files.createDirectories(dir);
    deleteTree(dir.resolve(PARTIAL)); // what an interrupted run left half-written
    Instant started = Instant.now();
    double estimatedDone = 0;
    double elapsedDone = 0;
    int ran = 0;
    try (ProgressBar bar = bar(err, todo.size())) {
      for (Part p : todo) {
        if (stopAfter != null && ran >= stopAfter) {
          o.printf(Locale.ROOT, "stopped after %d parts (--stop-after)%n", ran);
          return Main.EXIT_FAILURE;
        }
        long t0 = System.nanoTime();
        String failure = run(dir, p);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ran++;
        if (failure != null) {
          err.println(
              "gossipbench: error: part "
                  + p.path()
                  + " failed: "
                  + failure
                  + " (its output: "
                  + dir.resolve(PARTIAL).resolve(partialName(p))
                  + ")");
          return Main.EXIT_FAILURE;
        }
        estimatedDone += p.estimateSeconds();
        elapsedDone += seconds;
        double left = eta - estimatedDone;
        // scale the remaining estimate by how this machine has run so far
        double remaining = left * (elapsedDone / Math.max(1e-9, estimatedDone));
        String line =
            String.format(
                Locale.ROOT,
                "[%d/%d] %s done in %.1f s; ETA %s (load %s)",
                ran,
                todo.size(),
                p.path(),
                seconds,
                duration(remaining),
                load());
        if (bar != null) {
          bar.step();
          bar.setExtraMessage(p.path());
        } else {
          err.println(line);
        }
      }
    }
    summary(o, dir, parts, Duration.between(started, Instant.now()));
    return Main.EXIT_OK;
  }

  static Scale scale(String name) {
    for (Scale s : Scale.values()) {
      if (s.label().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scale '" + name + "'; known: tiny, small, medium, full");
  }

  private Path defaultOut(Scale scale) {
    Provenance p = Provenance.capture(ProjectionSchema.INSTANCE, "reproduce", "{}", 0, "");
    String commit = p.shortCommit() + ("true".equals(p.gitDirty()) ? "-dirty" : "");
    return resultsDir
        .resolve(ResultsLayout.RUNS)
        .resolve(commit)
        .resolve("reproduce-" + scale.label());
  }

  /** Whether {@code p}'s folder holds the record of a run with the same configuration. */
  static boolean isDone(Path dir, Part p) {
    Path record = dir.resolve(p.path()).resolve(RECORD);
    if (!Files.isRegularFile(record)) {
      return false;
    }
    try {
      JsonNode json = new ObjectMapper().readTree(record.toFile());
      return p.configDigest().equals(json.path("config_sha256").asText());
    } catch (IOException e) {
      return false; // unreadable: run it again
    }
  }

  private static String partialName(Part p) {
    return p.stage() + "-" + p.name();
  }

  /** Runs one part into its temporary folder, then renames it into place; null on success. */
  private static String run(Path dir, Part p) throws IOException {
    Path partial = dir.resolve(PARTIAL).resolve(partialName(p));
    deleteTree(partial);
    Files.createDirectories(partial);
    int code;
    Instant start = Instant.now();
    try (PrintStream stdout =
            new PrintStream(
                Files.newOutputStream(partial.resolve("output.txt")),
                true,
                StandardCharsets.UTF_8);
        PrintStream stderr =
            new PrintStream(
                Files.newOutputStream(partial.resolve("log.txt")), true, StandardCharsets.UTF_8)) {
      code =
          p.isExternal()
              ? external(p, partial)
              : Main.run(p.argsIn(partial.toString()).toArray(String[]::new), stdout, stderr);
    }
    if (code != 0) {
      List<String> log = Files.readAllLines(partial.resolve("log.txt"));
      return "exit " + code + (log.isEmpty() ? "" : ": " + log.get(log.size() - 1));
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("config_sha256", p.configDigest());
    record.put("args", p.args());
    record.put("started", start.toString());
    record.put("elapsed_s", Duration.between(start, Instant.now()).toMillis() / 1e3);
    record.put("load_average", load());
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(partial.resolve(RECORD).toFile(), record);
    Path target = dir.resolve(p.path());
    Files.createDirectories(target.getParent());
    deleteTree(target); // a finished part of another configuration
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }

  /**
   * Runs a script part, its output and log beside the subcommands' ones; bounded by four times its
   * estimate (at least 10 minutes), after which it and its children are killed.
   */
  private static int external(Part p, Path partial) throws IOException {
    List<String> cmd = p.argsIn(partial.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd.subList(1, cmd.size()))
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(partial.resolve("output.txt").toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(partial.resolve("log.txt").toFile()));
    String home = System.getProperty("gossipbench.home");
    if (home != null) {
      pb.directory(Path.of(home).toFile());
    }
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      // bin/gossipbench would otherwise rebuild a jar it finds stale (e.g. without the mpi
      // transport Open MPI's setup asks for) in place, under this JVM, which then breaks.
      pb.environment().put("GOSSIPBENCH_JAR", Path.of(classPath).toAbsolutePath().toString());
    }
    Process process = pb.start();
    long limit = (long) Math.max(600, 4 * p.estimateSeconds());
    try {
      if (!process.waitFor(limit, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Files.writeString(
            partial.resolve("log.txt"),
            "killed after " + limit + " s\n",
            java.nio.file.StandardOpenOption.APPEND);
        return 124;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return 130;
    }
  }

  private void summary(PrintWriter o, Path dir, List<Part> parts, Duration took)
      throws IOException {
    o.println();
    o.printf(
        Locale.ROOT,
        "reproduced in %s (elapsed here), into %s:%n",
        duration(took.toMillis() / 1e3),
        dir);
    Map<String, Integer> arrows = new LinkedHashMap<>();
    for (Part p : parts) {
      try (Stream<Path> files = Files.walk(dir.resolve(p.path()))) {
        arrows.merge(
            p.stage(),
            (int) files.filter(f -> f.toString().endsWith(".arrow")).count(),
            Integer::sum);
      }
    }
    arrows.remove("report");
    arrows.forEach(
        (stage, n) ->
            o.printf(
                Locale.ROOT, "  %-12s %s/ (%d results files)%n", stage, dir.resolve(stage), n));
    o.println("  report       " + dir.resolve("report/report/report.md") + " and report.html");
    o.println("  dashboard    " + dir.resolve("report/dashboard/index.html"));
    Path projection = dir.resolve("projection/clusters/output.txt");
    if (Files.exists(projection)) {
      for (String line : Files.readAllLines(projection)) {
        if (line.startsWith("# goal") || line.startsWith("# iteration factor")) {
          o.println(line);
        }
      }
    }
  }

  private static ProgressBar bar(PrintWriter err, int parts) {
    if (System.console() == null) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("reproduce")
        .setInitialMax(parts)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
