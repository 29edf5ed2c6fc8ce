package org.gossipbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFailureTest {
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

  private Path writeSteps(String name, int rows) {
    Path file = dir.resolve(name);
    try (ResultWriter<TrainingStep> w =
        ResultWriter.create(
            file,
            TrainingStepSchema.INSTANCE,
            Rows.provenance(TrainingStepSchema.INSTANCE),
            allocator,
            100)) {
      for (int i = 0; i < rows; i++) {
        w.append(Rows.step(i));
      }
      w.commit();
    }
    return file;
  }

  private String openError(Path file) {
    ResultsException e =
        assertThrows(ResultsException.class, () -> ResultFile.open(file, allocator).close());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void anExceptionMidWriteLeavesNothingUnderEitherName() {
    Path file = dir.resolve("failed.arrow");
    Path[] temp = new Path[1];
    assertThrows(
        IllegalStateException.class,
        () -> {
          try (ResultWriter<TrainingStep> w =
              ResultWriter.create(
                  file,
                  TrainingStepSchema.INSTANCE,
                  Rows.provenance(TrainingStepSchema.INSTANCE),
                  allocator,
                  10)) {
            temp[0] = w.temporaryPath();
            for (int i = 0; i < 55; i++) {
              w.append(Rows.step(i));
            }
            assertTrue(Files.exists(temp[0]));
            throw new IllegalStateException("collective failed");
          }
        });
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(temp[0]));
  }

  @Test
  void aKilledWriterProcessLeavesOnlyATruncatedTemporaryFile() throws Exception {
    Path file = dir.resolve("killed.arrow");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            CrashingWriter.class.getName(),
            file.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("STARTED "), "writer did not start: " + line);
      Path temp = Path.of(line.substring("STARTED ".length()));
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertFalse(Files.exists(file), "a killed run must not leave a file under the final name");
      assertTrue(Files.size(temp) > 0);
      assertTrue(openError(temp).contains("truncated"));
      assertEquals(List.of(), ResultsLayout.find(dir));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aTruncatedFileGivesOneLine() throws Exception {
    Path file = writeSteps("t.arrow", 1000);
    byte[] bytes = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.arrow");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(openError(cut).contains("truncated"));
    Path tiny = dir.resolve("tiny.arrow");
    Files.write(tiny, Arrays.copyOf(bytes, 10));
    assertTrue(openError(tiny).contains("truncated"));
  }

  @Test
  void aCorruptFooterGivesOneLine() throws Exception {
    Path file = writeSteps("c.arrow", 1000);
    byte[] bytes = Files.readAllBytes(file);
    // Scribble over the footer length and the end of the footer, keeping both magic strings.
    for (int i = bytes.length - 40; i < bytes.length - 6; i++) {
      bytes[i] = (byte) 0x5A;
    }
    Files.write(file, bytes);
    assertTrue(openError(file).contains("corrupt"), openError(file));
  }

  @Test
  void aForeignFileGivesOneLine() throws Exception {
    Path text = dir.resolve("notes.arrow");
    Files.writeString(text, "this is not arrow at all, just text");
    assertTrue(openError(text).contains("not an Arrow IPC file"));

    Path foreign = dir.resolve("foreign.arrow");
    try (VectorSchemaRoot root = VectorSchemaRoot.of(new IntVector("x", allocator));
        OutputStream os = Files.newOutputStream(foreign);
        ArrowFileWriter w = new ArrowFileWriter(root, null, Channels.newChannel(os))) {
      ((IntVector) root.getVector(0)).setSafe(0, 7);
      root.setRowCount(1);
      w.start();
      w.writeBatch();
      w.end();
    }
    assertTrue(openError(foreign).contains("foreign Arrow file"));

    Path stream = dir.resolve("stream.arrow");
    try (VectorSchemaRoot root = VectorSchemaRoot.of(new IntVector("x", allocator));
        OutputStream os = Files.newOutputStream(stream);
        ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(os))) {
      root.setRowCount(0);
      w.start();
      w.end();
    }
    assertTrue(openError(stream).contains("stream format"));
    assertTrue(openError(dir.resolve("missing.arrow")).contains("no such file"));
  }

  @Test
  void aNewerSchemaVersionIsRejectedByName() {
    Path file = dir.resolve("future.arrow");
    Provenance p = Rows.provenance(RunSummarySchema.INSTANCE);
    Provenance future =
        new Provenance(
            99,
            p.kind(),
            p.runId(),
            p.gitCommit(),
            p.gitDirty(),
            p.host(),
            p.cpuModel(),
            p.cpuCores(),
            p.os(),
            p.jvmVendor(),
            p.jvmVersion(),
            p.jvmArguments(),
            p.configJson(),
            p.seed(),
            p.startTime(),
            p.commandLine(),
            p.loadAverage());
    try (RootAllocator a = new RootAllocator();
        VectorSchemaRoot root =
            VectorSchemaRoot.create(
                new org.apache.arrow.vector.types.pojo.Schema(
                    RunSummarySchema.INSTANCE.fields(1), future.toMetadata()),
                a);
        OutputStream os = Files.newOutputStream(file);
        ArrowFileWriter w = new ArrowFileWriter(root, null, Channels.newChannel(os))) {
      root.setRowCount(0);
      w.start();
      w.end();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertTrue(
        openError(file).contains("run-summary schema version 99 is not readable by this build"));
  }
}
