package org.gossipbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where, when, from what code and with which configuration a results file was produced. Stored as
 * custom metadata of the file's Arrow schema (keys {@code gossipbench.*}), so every Arrow reader
 * sees it; the facts known only at the end of a run (end time, rows, load) go into the file
 * footer's metadata.
 *
 * @param gitCommit full commit hash of the code that ran, or {@code unknown}: the one baked into
 *     the jar at build time ({@link #BUILD_RESOURCE}), else the HEAD of the checkout at {@code
 *     gossipbench.home}, else of the checkout the classes were loaded from; never the working
 *     directory's, which may be any repository or none
 * @param gitDirty {@code true}/{@code false} whether tracked files differed from that commit, or
 *     {@code unknown}
 * @param configJson the fully resolved configuration, enough to rerun
 * @param seed the run's seed, from which every random choice flows
 * @param loadAverage /proc/loadavg at the start (other load on the machine skews timings)
 */
public record Provenance(
    int schemaVersion,
    String kind,
    String runId,
    String gitCommit,
    String gitDirty,
    String host,
    String cpuModel,
    int cpuCores,
    String os,
    String jvmVendor,
    String jvmVersion,
    String jvmArguments,
    String configJson,
    long seed,
    Instant startTime,
    String commandLine,
    String loadAverage) {

  static final String PREFIX = "gossipbench.";
  static final String KIND = PREFIX + "kind";
  static final String SCHEMA_VERSION = PREFIX + "schema_version";

  /**
   * Classpath resource with {@code git.commit} and {@code git.dirty} of the tree a jar was built
   * from, written by the CLI's build (cli/pom.xml).
   */
  public static final String BUILD_RESOURCE = "META-INF/gossipbench/git.properties";

  /** The system property bin/gossipbench sets to its checkout. */
  public static final String HOME_PROPERTY = "gossipbench.home";

  /** Facts about this process and machine, for a run of {@code kind} starting now. */
  public static Provenance capture(
      RecordSchema<?> schema, String runId, String configJson, long seed, String commandLine) {
    String[] git =
        codeState(
            Provenance.class.getClassLoader(), System.getProperty(HOME_PROPERTY), codeLocation());
    return new Provenance(
        schema.version(),
        schema.kind(),
        runId,
        git[0],
        git[1],
        hostName(),
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("java.runtime.version"),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
        configJson,
        seed,
        Instant.now(),
        commandLine,
        readLoadAverage());
  }

  /**
   * The same provenance with the configuration replaced: a run captures its provenance (start time,
   * load average) when it starts and adds what it learned while running (a training run's data
   * facts) before writing.
   */
  public Provenance withConfigJson(String json) {
    return new Provenance(
        schemaVersion,
        kind,
        runId,
        gitCommit,
        gitDirty,
        host,
        cpuModel,
        cpuCores,
        os,
        jvmVendor,
        jvmVersion,
        jvmArguments,
        json,
        seed,
        startTime,
        commandLine,
        loadAverage);
  }

  /** The schema-level metadata map written into a file. */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KIND, kind);
    m.put(SCHEMA_VERSION, Integer.toString(schemaVersion));
    m.put(PREFIX + "run_id", runId);
    m.put(PREFIX + "git_commit", gitCommit);
    m.put(PREFIX + "git_dirty", gitDirty);
    m.put(PREFIX + "host", host);
    m.put(PREFIX + "cpu_model", cpuModel);
    m.put(PREFIX + "cpu_cores", Integer.toString(cpuCores));
    m.put(PREFIX + "os", os);
    m.put(PREFIX + "jvm_vendor", jvmVendor);
    m.put(PREFIX + "jvm_version", jvmVersion);
    m.put(PREFIX + "jvm_arguments", jvmArguments);
    m.put(PREFIX + "config", configJson);
    m.put(PREFIX + "seed", Long.toString(seed));
    m.put(PREFIX + "start_time", startTime.toString());
    m.put(PREFIX + "command_line", commandLine);
    m.put(PREFIX + "load_average_start", loadAverage);
    return m;
  }

  /**
   * Rebuilds provenance from a file's schema metadata.
   *
   * @throws ResultsException when a key is missing or malformed
   */
  public static Provenance fromMetadata(Map<String, String> m, String file) {
    try {
      return new Provenance(
          Integer.parseInt(require(m, SCHEMA_VERSION, file)),
          require(m, KIND, file),
          require(m, PREFIX + "run_id", file),
          require(m, PREFIX + "git_commit", file),
          require(m, PREFIX + "git_dirty", file),
          require(m, PREFIX + "host", file),
          require(m, PREFIX + "cpu_model", file),
          Integer.parseInt(require(m, PREFIX + "cpu_cores", file)),
          require(m, PREFIX + "os", file),
          require(m, PREFIX + "jvm_vendor", file),
          require(m, PREFIX + "jvm_version", file),
          require(m, PREFIX + "jvm_arguments", file),
          require(m, PREFIX + "config", file),
          Long.parseLong(require(m, PREFIX + "seed", file)),
          Instant.parse(require(m, PREFIX + "start_time", file)),
          require(m, PREFIX + "command_line", file),
          require(m, PREFIX + "load_average_start", file));
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new ResultsException(file + ": malformed provenance metadata: " + e.getMessage(), e);
    }
  }

  private static String require(Map<String, String> m, String key, String file) {
    String v = m.get(key);
    if (v == null) {
      throw new ResultsException(file + ": provenance metadata lacks '" + key + "'");
    }
    return v;
  }

  /** The commit with the repository's own short form length (12), for directory names. */
  public String shortCommit() {
    return gitCommit.length() > 12 ? gitCommit.substring(0, 12) : gitCommit;
  }

  /**
   * {commit, dirty} of the code that ran: baked into {@code loader}'s {@link #BUILD_RESOURCE}, else
   * of the checkout at {@code home}, else (no home) of the checkout holding {@code code}.
   */
  static String[] codeState(ClassLoader loader, String home, Optional<Path> code) {
    Optional<String[]> baked = baked(loader);
    if (baked.isPresent()) {
      return baked.get();
    }
    if (home != null && !home.isBlank()) {
      return gitState(Path.of(home));
    }
    return code.map(Provenance::gitState).orElse(new String[] {"unknown", "unknown"});
  }

  private static Optional<String[]> baked(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(BUILD_RESOURCE)) {
      if (in == null) {
        return Optional.empty();
      }
      Properties p = new Properties();
      p.load(in);
      String commit = p.getProperty("git.commit", "");
      String dirty = p.getProperty("git.dirty", "");
      // A half-written or foreign file must not pass for a commit.
      if (!commit.matches("[0-9a-f]{40,64}") || !dirty.matches("true|false")) {
        return Optional.empty();
      }
      return Optional.of(new String[] {commit, dirty});
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The folder this class was loaded from (the jar's folder, or the classes folder). */
  private static Optional<Path> codeLocation() {
    try {
      CodeSource source = Provenance.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path p = Path.of(source.getLocation().toURI());
      return Optional.of(Files.isDirectory(p) ? p : p.getParent());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {commit, dirty} of the git checkout containing {@code dir}, or {unknown, unknown}. */
  static String[] gitState(Path dir) {
    Optional<String> head = run(dir, "git", "rev-parse", "HEAD");
    if (head.isEmpty() || !head.get().matches("[0-9a-f]{40,64}")) {
      return new String[] {"unknown", "unknown"};
    }
    Optional<String> status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
    return new String[] {
      head.get(), status.map(s -> Boolean.toString(!s.isEmpty())).orElse("unknown")
    };
  }

  private static Optional<String> run(Path dir, String... command) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0
          ? Optional.of(new String(out, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String readCpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall through to the architecture, which is still worth recording.
    }
    return System.getProperty("os.arch");
  }

  /** The three load averages from /proc/loadavg, or {@code unknown}. */
  public static String readLoadAverage() {
    try {
      String[] f =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
              .trim()
              .split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
