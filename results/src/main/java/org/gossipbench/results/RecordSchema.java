package org.gossipbench.results;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One kind of record and its flat, versioned Arrow schema: scalar columns only (no lists or
 * structs), so that any Arrow reader and Tablesaw can use the files. Columns whose values are
 * timings carry the field metadata {@value #TIMING_KEY} = "true": they are the only columns that
 * may differ between two runs of the same configuration and seed.
 *
 * @param <R> the record type
 */
public interface RecordSchema<R> {
  /** Field metadata key marking a timing column. */
  String TIMING_KEY = "gossipbench.timing";

  /** Field metadata key giving a column's unit, e.g. "ns" or "GB/s" (10^9 bytes per second). */
  String UNIT_KEY = "gossipbench.unit";

  /** The kind's stable name, stored in every file's metadata, e.g. {@code training-step}. */
  String kind();

  /** The version this build writes. Every earlier version stays readable. */
  int version();

  /** The fields of the given version, in column order. */
  List<Field> fields(int version);

  /** Binds to the vectors of a root holding {@code fileVersion} batches. */
  RowCodec<R> bind(VectorSchemaRoot root, int fileVersion);

  /** Writes and reads rows of one bound root; implementations allocate nothing per row on write. */
  interface RowCodec<R> {
    void write(int index, R row);

    R read(int index);
  }
}
