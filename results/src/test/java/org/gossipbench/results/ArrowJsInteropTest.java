package org.gossipbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files must be readable by other Arrow implementations: writes files with {@link ResultWriter}
 * and reads them back with the JavaScript {@code apache-arrow} package from npm (version pinned in
 * {@code src/test/js/package.json} and its lockfile), through {@code src/test/js/read-arrow.mjs},
 * which prints what it saw as JSON.
 *
 * <p>The package is installed with {@code npm ci} into {@code target/arrow-js}, never under {@code
 * src/}; a later run with the same lockfile reuses that install. The tests are skipped only when
 * npm itself is missing.
 */
class ArrowJsInteropTest {
  private static final Path JS_SOURCES = Path.of("src/test/js");
  private static final Path JS_WORK = Path.of("target/arrow-js");
  private static final List<String> JS_FILES =
      List.of("package.json", "package-lock.json", "read-arrow.mjs");
  private static final Duration NPM_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path node;

  /** Why the JavaScript reader cannot run here, or null when it can. */
  private static String skipReason;

  @TempDir Path dir;
  private BufferAllocator allocator;

  @BeforeAll
  static void installTheJavaScriptArrowReader() throws IOException, InterruptedException {
    Optional<Path> npm = onPath("npm");
    if (npm.isEmpty()) {
      // Aborting here would hide the reason: Surefire reports a class aborted in @BeforeAll as
      // "Tests run: 0" with no message. Each test aborts in @BeforeEach instead, so the report
      // lists every test as skipped with this reason.
      skipReason = "npm is not installed: cannot check the files with the JavaScript Arrow reader";
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
    // A copy of the lockfile written only after npm ci succeeded: an interrupted or failed
    // install, or a changed lockfile, installs again.
    Path installedLock = JS_WORK.resolve("installed-package-lock.json");
    boolean installed =
        Files.isDirectory(JS_WORK.resolve("node_modules/apache-arrow"))
            && Files.exists(installedLock)
            && Files.mismatch(JS_SOURCES.resolve("package-lock.json"), installedLock) == -1;
    if (!installed) {
      Files.deleteIfExists(installedLock);
      run(NPM_TIMEOUT, npm.get().toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error");
      assertTrue(
          Files.isDirectory(JS_WORK.resolve("node_modules/apache-arrow")),
          "npm ci did not install apache-arrow into " + JS_WORK.toAbsolutePath());
      Files.copy(JS_SOURCES.resolve("package-lock.json"), installedLock);
    }
  }

  @BeforeEach
  void openAllocatorUnlessSkipped() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocatorFailingOnLeaks() {
    if (allocator != null) {
      allocator.close();
    }
  }

  @Test
  void shouldLetTheJavaScriptReaderSeeEveryTrainingStepRowAcrossBatches() throws Exception {
    int rows = 20_000;
    Path file = dir.resolve("steps.arrow");
    write(file, TrainingStepSchema.INSTANCE, rows, 4096, Rows::step);

    JsonNode js = readWithJavaScript(file, 4096, 10_000, rows - 1);

    assertEquals(rows, js.get("numRows").asLong());
    assertEquals(5, js.get("numBatches").asInt(), "ceil(20000 / 4096) record batches");
    assertEquals(
        names(TrainingStepSchema.INSTANCE.fields(TrainingStepSchema.INSTANCE.version())),
        texts(js.get("columns")));

    JsonNode head = js.get("head");
    assertEquals("dsgd", head.get("algorithm").get(0).asText());
    assertEquals("ring", head.get("topology").get(0).asText());
    assertEquals("one-peer-exp", head.get("topology").get(3).asText());
    // int64 arrives in JavaScript as BigInt, which the script prints as a decimal string.
    assertEquals("0", head.get("iteration").get(0).asText());
    assertEquals("3", head.get("iteration").get(3).asText());
    assertTrue(head.get("iteration").get(3).isTextual(), "int64 is a BigInt, not a number");
    assertTrue(head.get("n").get(0).isInt(), "int32 is a plain number");
    assertEquals(2.5, head.get("train_loss").get(0).asDouble());
    assertEquals(2.5 / 4, head.get("train_loss").get(3).asDouble());
    assertEquals(0.5, head.get("eval_metric").get(0).asDouble());
    assertTrue(head.get("eval_metric").get(1).isNull(), "a null eval_metric stays null");
    assertTrue(head.get("consensus_distance").get(3).isNull());

    for (int i = 0; i < 5; i++) {
      assertRow(columns(Rows.step(i)), rowOf(head, i), "row " + i);
    }
    for (long i : new long[] {4096, 10_000, rows - 1}) {
      assertRow(columns(Rows.step(i)), js.get("rows").get(Long.toString(i)), "row " + i);
    }
  }

  @Test
  void shouldLetTheJavaScriptReaderSeeTheProvenanceMetadata() throws Exception {
    Path file = dir.resolve("steps.arrow");
    write(file, TrainingStepSchema.INSTANCE, 3, ResultWriter.DEFAULT_BATCH_ROWS, Rows::step);

    Map<String, String> metadata =
        JSON.convertValue(readWithJavaScript(file).get("metadata"), new TypeReference<>() {});

    assertEquals("training-step", metadata.get("gossipbench.kind"));
    assertEquals(
        Integer.toString(TrainingStepSchema.INSTANCE.version()),
        metadata.get("gossipbench.schema_version"));
    assertEquals("20261122T101500Z-training-step-1-1", metadata.get("gossipbench.run_id"));
    assertEquals("42", metadata.get("gossipbench.seed"));
    assertEquals(Rows.provenance(TrainingStepSchema.INSTANCE).toMetadata(), metadata);
  }

  @Test
  void shouldLetTheJavaScriptReaderSeeCollectiveMeasurementsAndTimingColumns() throws Exception {
    int rows = 100;
    Path file = dir.resolve("collective.arrow");
    write(file, CollectiveSchema.INSTANCE, rows, ResultWriter.DEFAULT_BATCH_ROWS, Rows::collective);

    JsonNode js = readWithJavaScript(file, 9, rows - 1);

    assertEquals(rows, js.get("numRows").asLong());
    List<Field> fields = CollectiveSchema.INSTANCE.fields(1);
    assertEquals(names(fields), texts(js.get("columns")));
    assertEquals("collective", js.get("metadata").get("gossipbench.kind").asText());
    for (int c = 0; c < fields.size(); c++) {
      JsonNode field = js.get("fields").get(c);
      Map<String, String> fieldMetadata =
          JSON.convertValue(field.get("metadata"), new TypeReference<>() {});
      assertEquals(
          fields.get(c).getMetadata(), fieldMetadata, "metadata of " + fields.get(c).getName());
      assertEquals(fields.get(c).isNullable(), field.get("nullable").asBoolean());
    }

    JsonNode head = js.get("head");
    assertEquals("allreduce", head.get("op").get(0).asText());
    assertEquals("neighbor-average", head.get("op").get(1).asText());
    assertEquals("8192", head.get("bytes").get(3).asText());
    for (int i = 0; i < 5; i++) {
      assertRow(columns(Rows.collective(i)), rowOf(head, i), "row " + i);
    }
    for (long i : new long[] {9, rows - 1}) {
      assertRow(columns(Rows.collective(i)), js.get("rows").get(Long.toString(i)), "row " + i);
    }
  }

  @Test
  void shouldLetTheJavaScriptReaderSeeTheColumnsOfAnEmptyFile() throws Exception {
    Path file = dir.resolve("empty.arrow");
    write(file, TrainingStepSchema.INSTANCE, 0, ResultWriter.DEFAULT_BATCH_ROWS, Rows::step);

    JsonNode js = readWithJavaScript(file);

    assertEquals(0, js.get("numRows").asLong());
    assertEquals(
        names(TrainingStepSchema.INSTANCE.fields(TrainingStepSchema.INSTANCE.version())),
        texts(js.get("columns")));
    assertEquals("training-step", js.get("metadata").get("gossipbench.kind").asText());
  }

  private <R> void write(
      Path file, RecordSchema<R> schema, int rows, int batchRows, RowSource<R> source) {
    try (ResultWriter<R> w =
        ResultWriter.create(file, schema, Rows.provenance(schema), allocator, batchRows)) {
      for (long i = 0; i < rows; i++) {
        w.append(source.row(i));
      }
      w.commit();
    }
  }

  @FunctionalInterface
  private interface RowSource<R> {
    R row(long i);
  }

  /** Runs read-arrow.mjs on {@code file}, asking for the given row indices too. */
  private static JsonNode readWithJavaScript(Path file, long... rows)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.add("read-arrow.mjs");
    command.add(file.toAbsolutePath().toString());
    Arrays.stream(rows).mapToObj(Long::toString).forEach(command::add);
    String stdout = run(NODE_TIMEOUT, command.toArray(String[]::new));
    return JSON.readTree(stdout);
  }

  /**
   * Runs a command in {@link #JS_WORK} and returns its standard output; fails with both outputs if
   * it exits non-zero or outlives {@code timeout} (then it is killed).
   */
  private static String run(Duration timeout, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(JS_WORK, "stdout-", ".txt");
    Path err = Files.createTempFile(JS_WORK, "stderr-", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(JS_WORK.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().put("npm_config_update_notifier", "false");
      Process p = pb.start();
      p.getOutputStream().close();
      boolean exited = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
      if (!exited) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      if (!exited || p.exitValue() != 0) {
        fail(
            String.join(" ", command)
                + (exited ? " exited with " + p.exitValue() : " timed out after " + timeout)
                + "\n--- stdout\n"
                + stdout
                + "\n--- stderr\n"
                + stderr);
      }
      return stdout;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Optional<Path> onPath(String program) {
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

  /** Each value as the JSON the script prints for it: int64 as a decimal string (BigInt). */
  private static void assertRow(Map<String, Object> expected, JsonNode actual, String what) {
    assertEquals(List.copyOf(expected.keySet()), fieldNames(actual), what + " columns");
    expected.forEach(
        (column, value) -> {
          JsonNode v = actual.get(column);
          String where = what + ", column " + column + ": " + v;
          if (value == null) {
            assertTrue(v.isNull(), where);
          } else if (value instanceof String s) {
            assertTrue(v.isTextual(), where);
            assertEquals(s, v.asText(), where);
          } else if (value instanceof Integer n) {
            assertTrue(v.isInt(), where);
            assertEquals(n.intValue(), v.intValue(), where);
          } else if (value instanceof Long n) {
            assertTrue(v.isTextual(), where + " (int64 should be a BigInt)");
            assertEquals(n.toString(), v.asText(), where);
          } else if (value instanceof Double d) {
            assertTrue(v.isNumber(), where);
            assertEquals(d.doubleValue(), v.doubleValue(), where);
          } else {
            fail(where + ": no comparison for " + value.getClass());
          }
        });
  }

  /** Row {@code i} of the script's column-wise {@code head}. */
  private static JsonNode rowOf(JsonNode head, int i) {
    var row = JSON.createObjectNode();
    head.properties().forEach(e -> row.set(e.getKey(), e.getValue().get(i)));
    return row;
  }

  private static Map<String, Object> columns(TrainingStep s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("algorithm", s.algorithm());
    m.put("topology", s.topology());
    m.put("n", s.n());
    m.put("rank", s.rank());
    m.put("epoch", s.epoch());
    m.put("iteration", s.iteration());
    m.put("samples_seen", s.samplesSeen());
    m.put("train_loss", s.trainLoss());
    m.put("eval_metric", s.evalMetric());
    m.put("consensus_distance", s.consensusDistance());
    m.put("compute_ns", s.computeNanos());
    m.put("communication_ns", s.communicationNanos());
    m.put("bytes_communicated", s.bytesCommunicated());
    m.put("learning_rate", s.learningRate());
    m.put("elapsed_ns", s.elapsedNanos());
    m.put("compute_cpu_ns", s.computeCpuNanos());
    m.put("critical_path_ns", s.criticalPathNanos());
    m.put("projected_ns", s.projectedNanos());
    m.put("eval_ns", s.evalNanos());
    m.put("eval_loss", s.evalLoss());
    return m;
  }

  private static Map<String, Object> columns(CollectiveMeasurement m) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("op", m.op());
    c.put("algorithm", m.algorithm());
    c.put("transport", m.transport());
    c.put("topology", m.topology());
    c.put("n", m.n());
    c.put("ranks", m.ranks());
    c.put("rank", m.rank());
    c.put("bytes", m.bytes());
    c.put("count", m.count());
    c.put("dtype", m.dtype());
    c.put("iteration", m.iteration());
    c.put("time_ns", m.timeNanos());
    c.put("algbw_gbps", m.algbwGBps());
    c.put("busbw_gbps", m.busbwGBps());
    c.put("bytes_sent", m.bytesSent());
    c.put("bytes_received", m.bytesReceived());
    c.put("wrong", m.wrong());
    return c;
  }

  private static List<String> names(List<Field> fields) {
    return fields.stream().map(Field::getName).toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
