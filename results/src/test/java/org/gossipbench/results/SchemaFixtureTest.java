package org.gossipbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Old logs stay readable: one committed fixture per record kind and schema version, written by the
 * build that introduced the version, must still read back to the same rows. A new version adds
 * fixtures; it never rewrites old ones ({@code -Dfixtures.update=true} writes only missing ones).
 */
class SchemaFixtureTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final int ROWS = 25;
  private BufferAllocator allocator;

  @BeforeEach
  void openAllocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  static Stream<Arguments> everyKindAndVersion() {
    List<Arguments> cases = new ArrayList<>();
    for (RecordSchema<?> s : Schemas.all()) {
      for (int v = 1; v <= s.version(); v++) {
        cases.add(Arguments.of(s, v));
      }
    }
    return cases.stream();
  }

  /** The rows each fixture holds, as the current record type reads them. */
  static LongFunction<Object> expectedRows(RecordSchema<?> s, int version) {
    return switch (s.kind()) {
      case "training-step" -> version == 1 ? Rows::stepV1 : Rows::step;
      case "collective" -> Rows::collective;
      case "run-summary" -> version == 1 ? Rows::summaryV1 : Rows::summary;
      case "theory-point" -> Rows::theoryPoint;
      case "theory-fit" -> Rows::theoryFit;
      case "topology" -> Rows::topology;
      case "consensus" -> Rows::consensus;
      case "projection" -> Rows::projection;
      default -> throw new IllegalArgumentException(s.kind());
    };
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("everyKindAndVersion")
  @SuppressWarnings("unchecked")
  <R> void everyVersionsFixtureStillReads(RecordSchema<R> schema, int version) {
    Path fixture = FIXTURES.resolve("v" + version).resolve(schema.kind() + ".arrow");
    List<R> expected = new ArrayList<>();
    for (long i = 0; i < ROWS; i++) {
      expected.add((R) expectedRows(schema, version).apply(i));
    }
    if (!Files.exists(fixture)
        && Boolean.getBoolean("fixtures.update")
        && version == schema.version()) {
      try (ResultWriter<R> w =
          ResultWriter.create(fixture, schema, Rows.provenance(schema), allocator, 10)) {
        expected.forEach(w::append);
        w.commit();
      }
    }
    assertTrue(
        Files.exists(fixture), "missing fixture " + fixture + " (run with -Dfixtures.update=true)");
    try (ResultFile f = ResultFile.open(fixture, allocator)) {
      assertEquals(version, f.fileVersion());
      assertEquals(expected, f.readAll(schema));
      assertEquals(Rows.provenance(schema).runId(), f.provenance().runId());
    }
  }
}
