package org.gossipbench.workloads.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (plain or gzipped): a big-endian magic
 * {@code 0x00 0x00 type ndims}, then ndims big-endian int32 sizes, then the values. Only type
 * {@code 0x08} (unsigned byte), the one these datasets use, is supported.
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;

  /** An unsigned-byte IDX array: {@code data} is row-major over {@code dims}. */
  public record IdxArray(int[] dims, byte[] data) {}

  private IdxReader() {}

  public static IdxArray read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllBytes(file));
  }

  /**
   * @param source names the input in error messages
   */
  public static IdxArray parse(String source, byte[] fileBytes) {
    byte[] b = Compression.gunzipIfNeeded(source, fileBytes);
    if (b.length < 4) {
      throw new DataFormatException(source + ": truncated IDX header (" + b.length + " bytes)");
    }
    if (b[0] != 0 || b[1] != 0) {
      throw new DataFormatException(
          source
              + ": bad IDX magic "
              + String.format("0x%02x%02x%02x%02x", b[0], b[1], b[2], b[3]));
    }
    int type = b[2] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw new DataFormatException(
          source
              + String.format(": IDX type 0x%02x not supported (only 0x08, unsigned byte)", type));
    }
    int ndims = b[3] & 0xff;
    if (ndims == 0) {
      throw new DataFormatException(source + ": IDX file with no dimensions");
    }
    int header = 4 + 4 * ndims;
    if (b.length < header) {
      throw new DataFormatException(source + ": truncated IDX header (" + b.length + " bytes)");
    }
    int[] dims = new int[ndims];
    long count = 1;
    for (int d = 0; d < ndims; d++) {
      int o = 4 + 4 * d;
      dims[d] =
          (b[o] & 0xff) << 24
              | (b[o + 1] & 0xff) << 16
              | (b[o + 2] & 0xff) << 8
              | (b[o + 3] & 0xff);
      if (dims[d] <= 0) {
        throw new DataFormatException(source + ": IDX dimension " + d + " is " + dims[d]);
      }
      count *= dims[d];
    }
    long body = b.length - (long) header;
    if (body < count) {
      throw new DataFormatException(
          source
              + ": truncated: dimensions "
              + Arrays.toString(dims)
              + " need "
              + count
              + " bytes of data, found "
              + body);
    }
    if (body > count) {
      throw new DataFormatException(
          source
              + ": "
              + (body - count)
              + " bytes after the data of dimensions "
              + Arrays.toString(dims));
    }
    return new IdxArray(dims, Arrays.copyOfRange(b, header, b.length));
  }

  /** A one-dimensional label file as ints in [0, 255]. */
  public static int[] labels(String source, IdxArray a) {
    if (a.dims().length != 1) {
      throw new DataFormatException(
          source + ": a label file has 1 dimension, found " + Arrays.toString(a.dims()));
    }
    int[] labels = new int[a.data().length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = a.data()[i] & 0xff;
    }
    return labels;
  }

  /** A three-dimensional image file (count, rows, columns) as pixels scaled to [0, 1]. */
  public static float[] images(String source, IdxArray a) {
    if (a.dims().length != 3) {
      throw new DataFormatException(
          source + ": an image file has 3 dimensions, found " + Arrays.toString(a.dims()));
    }
    byte[] data = a.data();
    float[] pixels = new float[data.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (data[i] & 0xff) / 255f;
    }
    return pixels;
  }
}
