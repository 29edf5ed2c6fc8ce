package org.gossipbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams records of one kind into an Arrow IPC file, one reused {@link VectorSchemaRoot} flushed
 * every {@code batchRows} rows, so memory stays bounded for runs of any length.
 *
 * <p>Nothing appears under the target name until {@link #commit()}: rows go to a hidden temporary
 * file in the same directory, which {@code commit} completes (footer, fsync) and renames atomically
 * into place. {@link #close()} without a commit discards the temporary file, so an exception inside
 * try-with-resources never leaves a file that looks complete; a killed process leaves only the
 * temporary name, which readers report as truncated. Existing files are never overwritten.
 *
 * <p>Not thread-safe: one writer per thread (ranks each write their own file).
 */
public final class ResultWriter<R> implements AutoCloseable {
  /**
   * Rows per record batch: large enough to amortize the per-batch cost, small enough to bound
   * memory.
   */
  public static final int DEFAULT_BATCH_ROWS = 16_384;

  private static final AtomicLong TEMP_COUNTER = new AtomicLong();

  private final Path target;
  private final Path temp;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final FileChannel channel;
  private final ArrowFileWriter writer;
  private final RecordSchema.RowCodec<R> codec;
  private final Map<String, String> footer = new HashMap<>();
  private final int batchRows;
  private int rowInBatch;
  private long rows;
  private boolean finished;

  private ResultWriter(
      Path target,
      RecordSchema<R> schema,
      Provenance provenance,
      BufferAllocator parent,
      int batchRows)
      throws IOException {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
    }
    if (!provenance.kind().equals(schema.kind())
        || provenance.schemaVersion() != schema.version()) {
      throw new IllegalArgumentException(
          "provenance is for "
              + provenance.kind()
              + " v"
              + provenance.schemaVersion()
              + ", schema is "
              + schema.kind()
              + " v"
              + schema.version());
    }
    this.target = target.toAbsolutePath();
    this.batchRows = batchRows;
    if (Files.exists(this.target)) {
      throw new FileAlreadyExistsException(
          this.target + " exists; results files are never overwritten");
    }
    Files.createDirectories(this.target.getParent());
    this.temp =
        this.target.resolveSibling(
            "."
                + this.target.getFileName()
                + ".tmp-"
                + ProcessHandle.current().pid()
                + "-"
                + TEMP_COUNTER.incrementAndGet());
    this.allocator =
        parent.newChildAllocator("result-writer:" + this.target.getFileName(), 0, Long.MAX_VALUE);
    VectorSchemaRoot createdRoot = null;
    FileChannel openedChannel = null;
    try {
      createdRoot =
          VectorSchemaRoot.create(
              new Schema(schema.fields(schema.version()), provenance.toMetadata()), allocator);
      createdRoot.allocateNew();
      openedChannel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      // The footer map is read when the footer is written, so end-of-run facts added in commit()
      // land in the file.
      this.writer = new ArrowFileWriter(createdRoot, null, openedChannel, footer);
      this.writer.start();
    } catch (IOException | RuntimeException e) {
      if (openedChannel != null) {
        openedChannel.close();
        Files.deleteIfExists(temp);
      }
      if (createdRoot != null) {
        createdRoot.close();
      }
      allocator.close();
      throw e;
    }
    this.root = createdRoot;
    this.channel = openedChannel;
    this.codec = schema.bind(root, schema.version());
  }

  /**
   * Opens a writer for {@code target}.
   *
   * @param parent the allocator to draw from; the writer's child allocator is closed with it
   * @throws UncheckedIOException if the directory cannot be created, the target exists, or the
   *     temporary file cannot be opened
   */
  public static <R> ResultWriter<R> create(
      Path target, RecordSchema<R> schema, Provenance provenance, BufferAllocator parent) {
    return create(target, schema, provenance, parent, DEFAULT_BATCH_ROWS);
  }

  public static <R> ResultWriter<R> create(
      Path target,
      RecordSchema<R> schema,
      Provenance provenance,
      BufferAllocator parent,
      int batchRows) {
    try {
      return new ResultWriter<>(target, schema, provenance, parent, batchRows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Appends one row; writes a record batch every {@code batchRows} rows. */
  public void append(R row) {
    if (finished) {
      throw new IllegalStateException("writer for " + target + " is already committed or closed");
    }
    codec.write(rowInBatch, row);
    rows++;
    if (++rowInBatch == batchRows) {
      flushBatch();
    }
  }

  /** Rows appended so far. */
  public long rows() {
    return rows;
  }

  /** The final path, where the file appears on {@link #commit()}. */
  public Path target() {
    return target;
  }

  /** The hidden temporary path that holds the rows until the commit. */
  public Path temporaryPath() {
    return temp;
  }

  private void flushBatch() {
    if (rowInBatch == 0) {
      return;
    }
    root.setRowCount(rowInBatch);
    try {
      writer.writeBatch();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
    }
    // reset() keeps the buffers (no reallocation per batch) and clears validity and offsets.
    for (FieldVector v : root.getFieldVectors()) {
      v.reset();
    }
    rowInBatch = 0;
  }

  /**
   * Completes the file (last batch, footer with end time, row count and load average, fsync) and
   * renames it into place atomically.
   */
  public void commit() {
    if (finished) {
      throw new IllegalStateException("writer for " + target + " is already committed or closed");
    }
    try {
      flushBatch();
      footer.put(Provenance.PREFIX + "end_time", Instant.now().toString());
      footer.put(Provenance.PREFIX + "rows", Long.toString(rows));
      footer.put(Provenance.PREFIX + "load_average_end", Provenance.readLoadAverage());
      writer.end();
      channel.force(true);
      release();
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      discard();
      throw new UncheckedIOException("cannot complete " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      discard();
      throw e;
    }
  }

  /** Discards the rows unless {@link #commit()} succeeded. Idempotent. */
  @Override
  public void close() {
    if (!finished) {
      discard();
    }
  }

  private void discard() {
    try {
      release();
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // The temporary name marks it as incomplete; readers and listings skip it.
      }
    }
  }

  private void release() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      writer.close();
    } finally {
      try {
        channel.close();
      } catch (IOException e) {
        // Already closed by the Arrow writer; nothing left to release.
      } finally {
        root.close();
        allocator.close();
      }
    }
  }
}
