package org.gossipbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultsRoundTripTest {
  @TempDir Path dir;
  private BufferAllocator allocator;

  @BeforeEach
  void openAllocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void closeAllocatorFailingOnLeaks() {
    allocator.close();
  }

  static Stream<Arguments> everySchema() {
    return Stream.of(
        Arguments.of(TrainingStepSchema.INSTANCE, (LongFunction<Object>) Rows::step),
        Arguments.of(CollectiveSchema.INSTANCE, (LongFunction<Object>) Rows::collective),
        Arguments.of(RunSummarySchema.INSTANCE, (LongFunction<Object>) Rows::summary),
        Arguments.of(TheoryPointSchema.INSTANCE, (LongFunction<Object>) Rows::theoryPoint),
        Arguments.of(TheoryFitSchema.INSTANCE, (LongFunction<Object>) Rows::theoryFit),
        Arguments.of(ProjectionSchema.INSTANCE, (LongFunction<Object>) Rows::projection),
        Arguments.of(TopologyRowSchema.INSTANCE, (LongFunction<Object>) Rows::topology),
        Arguments.of(ConsensusPointSchema.INSTANCE, (LongFunction<Object>) Rows::consensus));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySchema")
  @SuppressWarnings("unchecked")
  <R> void shouldRoundTripEveryRowAcrossBatches(RecordSchema<R> schema, LongFunction<Object> rows) {
    Path file = dir.resolve("run.arrow");
    List<R> written = new ArrayList<>();
    try (ResultWriter<R> w =
        ResultWriter.create(file, schema, Rows.provenance(schema), allocator, 7)) {
      for (long i = 0; i < 50; i++) {
        R row = (R) rows.apply(i);
        written.add(row);
        w.append(row);
      }
      w.commit();
    }
    try (ResultFile f = ResultFile.open(file, allocator)) {
      assertEquals(schema, f.schema());
      assertEquals(8, f.batches());
      assertEquals(written, f.readAll(schema));
      assertEquals(50, f.countRows());
      assertEquals(Rows.provenance(schema), f.provenance());
      assertEquals("50", f.footerMetadata().get("gossipbench.rows"));
      Instant end = Instant.parse(f.footerMetadata().get("gossipbench.end_time"));
      assertFalse(end.isBefore(Instant.now().minusSeconds(60)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySchema")
  <R> void shouldWriteAnEmptyButValidFile(RecordSchema<R> schema, LongFunction<Object> rows) {
    Path file = dir.resolve("empty.arrow");
    try (ResultWriter<R> w =
        ResultWriter.create(file, schema, Rows.provenance(schema), allocator)) {
      w.commit();
    }
    try (ResultFile f = ResultFile.open(file, allocator)) {
      assertEquals(0, f.countRows());
      assertEquals(List.of(), f.readAll(schema));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySchema")
  <R> void shouldKeepTheSchemaFlatAndMarkTimingColumns(
      RecordSchema<R> schema, LongFunction<Object> rows) {
    List<Field> fields = schema.fields(schema.version());
    assertTrue(fields.stream().allMatch(f -> f.getChildren().isEmpty()), "nested column");
    assertTrue(
        fields.stream().anyMatch(f -> "true".equals(f.getMetadata().get(RecordSchema.TIMING_KEY))));
    assertEquals(fields.size(), fields.stream().map(Field::getName).distinct().count());
    assertTrue(fields.stream().allMatch(f -> f.getName().matches("[a-z][a-z0-9_]*")));
  }

  @Test
  void shouldRefuseToReadRowsAsAnotherKind() {
    Path file = dir.resolve("steps.arrow");
    try (ResultWriter<TrainingStep> w =
        ResultWriter.create(
            file,
            TrainingStepSchema.INSTANCE,
            Rows.provenance(TrainingStepSchema.INSTANCE),
            allocator)) {
      w.append(Rows.step(0));
      w.commit();
    }
    try (ResultFile f = ResultFile.open(file, allocator)) {
      ResultsException e =
          assertThrows(ResultsException.class, () -> f.readAll(RunSummarySchema.INSTANCE));
      assertTrue(e.getMessage().contains("holds training-step records, not run-summary"));
    }
  }

  @Test
  void shouldNeverOverwriteAnExistingFile() throws Exception {
    Path file = dir.resolve("x.arrow");
    Files.writeString(file, "precious");
    assertThrows(
        java.io.UncheckedIOException.class,
        () ->
            ResultWriter.create(
                file,
                RunSummarySchema.INSTANCE,
                Rows.provenance(RunSummarySchema.INSTANCE),
                allocator));
    assertEquals("precious", Files.readString(file));
  }
}
