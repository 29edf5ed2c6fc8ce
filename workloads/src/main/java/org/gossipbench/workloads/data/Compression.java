package org.gossipbench.workloads.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Readers accept a file gzipped or not: the gzip magic, not the name, decides. */
final class Compression {
  private Compression() {}

  static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  static byte[] gunzipIfNeeded(String source, byte[] bytes) {
    if (!isGzip(bytes)) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
      return in.readAllBytes();
    } catch (EOFException e) {
      throw new DataFormatException(source + ": truncated gzip stream");
    } catch (ZipException e) {
      throw new DataFormatException(source + ": corrupt gzip stream (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new DataFormatException(source + ": unreadable gzip stream (" + e.getMessage() + ")");
    }
  }
}
