package org.gossipbench.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An open, validated results file. {@link #open} checks the Arrow file magic at both ends, the
 * {@code gossipbench.*} metadata, that the schema version is one this build reads, and that the
 * columns are exactly that version's; any failure is a {@link ResultsException} whose one-line
 * message names the file and what is wrong with it (truncated, corrupt, foreign, too new).
 */
public final class ResultFile implements AutoCloseable {
  private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final BufferAllocator allocator;
  private final ArrowFileReader reader;
  private final RecordSchema<?> schema;
  private final int fileVersion;
  private final Provenance provenance;
  private final Map<String, String> footer;
  private final int batches;

  private ResultFile(Path path, BufferAllocator parent) {
    this.path = path;
    String name = path.toString();
    checkMagic(path);
    this.allocator =
        parent.newChildAllocator("result-file:" + path.getFileName(), 0, Long.MAX_VALUE);
    ArrowFileReader r = null;
    try {
      r = new ArrowFileReader(FileChannel.open(path, StandardOpenOption.READ), allocator);
      Schema arrowSchema = r.getVectorSchemaRoot().getSchema();
      Map<String, String> meta = arrowSchema.getCustomMetadata();
      if (meta == null || !meta.containsKey(Provenance.KIND)) {
        throw new ResultsException(
            name
                + ": foreign Arrow file (no "
                + Provenance.KIND
                + " metadata); not written by gossipbench");
      }
      RecordSchema<?> s = Schemas.forKind(meta.get(Provenance.KIND));
      int version;
      try {
        version = Integer.parseInt(meta.getOrDefault(Provenance.SCHEMA_VERSION, ""));
      } catch (NumberFormatException e) {
        throw new ResultsException(name + ": malformed " + Provenance.SCHEMA_VERSION + " metadata");
      }
      try {
        Schemas.requireKnownVersion(s, version);
      } catch (ResultsException e) {
        throw new ResultsException(name + ": " + e.getMessage());
      }
      checkColumns(name, s, version, arrowSchema.getFields());
      this.provenance = Provenance.fromMetadata(meta, name);
      this.footer = r.getMetaData() == null ? Map.of() : Map.copyOf(r.getMetaData());
      this.batches = r.getRecordBlocks().size();
      this.schema = s;
      this.fileVersion = version;
      this.reader = r;
    } catch (ResultsException e) {
      closeQuietly(r);
      allocator.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(r);
      allocator.close();
      throw new ResultsException(name + ": corrupt Arrow file: " + oneLine(e), e);
    }
  }

  /**
   * Opens and validates a results file.
   *
   * @throws ResultsException if it is missing, truncated, corrupt, foreign or of an unknown version
   */
  public static ResultFile open(Path path, BufferAllocator parent) {
    return new ResultFile(path, parent);
  }

  public Path path() {
    return path;
  }

  public RecordSchema<?> schema() {
    return schema;
  }

  public int fileVersion() {
    return fileVersion;
  }

  public Provenance provenance() {
    return provenance;
  }

  /** Facts written when the file was completed: {@code gossipbench.end_time}, {@code .rows}, … */
  public Map<String, String> footerMetadata() {
    return footer;
  }

  /** Number of record batches. */
  public int batches() {
    return batches;
  }

  /** The reader's root: valid after {@link #loadBatch(int)}, holding that batch. */
  public VectorSchemaRoot root() {
    try {
      return reader.getVectorSchemaRoot();
    } catch (IOException e) {
      throw new ResultsException(path + ": corrupt Arrow file: " + oneLine(e), e);
    }
  }

  /** Loads batch {@code index} into {@link #root()}. */
  public void loadBatch(int index) {
    try {
      if (!reader.loadRecordBatch(reader.getRecordBlocks().get(index))) {
        throw new ResultsException(path + ": record batch " + index + " is missing");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ResultsException re) {
        throw re;
      }
      throw new ResultsException(path + ": corrupt record batch " + index + ": " + oneLine(e), e);
    }
  }

  /** Streams every row as a record, one batch in memory at a time. */
  public <R> void forEach(RecordSchema<R> expected, Consumer<? super R> action) {
    if (expected != schema) {
      throw new ResultsException(
          path + ": holds " + schema.kind() + " records, not " + expected.kind());
    }
    RecordSchema.RowCodec<R> codec = null;
    for (int b = 0; b < batches; b++) {
      loadBatch(b);
      if (codec == null) {
        codec = expected.bind(root(), fileVersion);
      }
      int rows = root().getRowCount();
      for (int i = 0; i < rows; i++) {
        action.accept(codec.read(i));
      }
    }
  }

  /** Every row as a record (for files that fit in memory). */
  public <R> List<R> readAll(RecordSchema<R> expected) {
    List<R> rows = new ArrayList<>();
    forEach(expected, rows::add);
    return rows;
  }

  /** Counts rows by loading every batch (the footer's {@code rows} is not trusted for this). */
  public long countRows() {
    long rows = 0;
    for (int b = 0; b < batches; b++) {
      loadBatch(b);
      rows += root().getRowCount();
    }
    return rows;
  }

  @Override
  public void close() {
    try {
      closeQuietly(reader);
    } finally {
      allocator.close();
    }
  }

  private static void checkMagic(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
      int read = ch.read(head, 0);
      if (read < MAGIC.length || !java.util.Arrays.equals(head.array(), MAGIC)) {
        // The IPC stream format starts with a 0xFFFFFFFF continuation marker.
        boolean stream = read >= 4 && head.getInt(0) == -1;
        throw new ResultsException(
            path
                + (stream
                    ? ": Arrow IPC stream format, not the file format gossipbench writes"
                    : ": not an Arrow IPC file (no ARROW1 magic at the start)"));
      }
      ByteBuffer tail = ByteBuffer.allocate(MAGIC.length);
      if (size < 2L * MAGIC.length + 8) {
        throw new ResultsException(
            path + ": truncated Arrow file (" + size + " bytes; was the run interrupted?)");
      }
      ch.read(tail, size - MAGIC.length);
      if (!java.util.Arrays.equals(tail.array(), MAGIC)) {
        throw new ResultsException(
            path + ": truncated Arrow file (no footer; was the run interrupted?)");
      }
    } catch (NoSuchFileException e) {
      throw new ResultsException(path + ": no such file");
    } catch (IOException e) {
      throw new ResultsException(path + ": cannot read: " + oneLine(e), e);
    }
  }

  private static void checkColumns(
      String name, RecordSchema<?> s, int version, List<Field> actual) {
    List<Field> expected = s.fields(version);
    if (actual.size() != expected.size()) {
      throw new ResultsException(
          name
              + ": "
              + s.kind()
              + " v"
              + version
              + " has "
              + expected.size()
              + " columns, the file "
              + actual.size());
    }
    for (int i = 0; i < expected.size(); i++) {
      Field e = expected.get(i);
      Field a = actual.get(i);
      if (!e.getName().equals(a.getName())
          || !e.getType().equals(a.getType())
          || e.isNullable() != a.isNullable()) {
        throw new ResultsException(
            name
                + ": column "
                + i
                + " is "
                + a.getName()
                + " "
                + a.getFieldType().getType()
                + ", expected "
                + e.getName()
                + " "
                + e.getType());
      }
    }
  }

  private static void closeQuietly(ArrowFileReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (IOException | RuntimeException e) {
        // Closing a reader of a broken file can fail again; the first error is the one to report.
      }
    }
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
