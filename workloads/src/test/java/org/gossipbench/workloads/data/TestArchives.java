package org.gossipbench.workloads.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Tiny npm and Debian archives, laid out as the registries lay out theirs. */
final class TestArchives {
  private TestArchives() {}

  static byte[] tar(Map<String, byte[]> members) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(m.getKey());
        e.setSize(m.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(m.getValue());
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  /** An npm package: members named {@code package/...}. */
  static Path tgz(Path file, Map<String, byte[]> members) throws IOException {
    try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file))) {
      out.write(tar(members));
    }
    return file;
  }

  /**
   * A Debian package: debian-binary, control.tar.xz, data.tar.xz with members named {@code ./...}.
   */
  static Path deb(Path file, Map<String, byte[]> members) throws IOException {
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (OutputStream out = new XZCompressorOutputStream(xz)) {
      out.write(tar(members));
    }
    ByteArrayOutputStream control = new ByteArrayOutputStream();
    try (OutputStream out = new XZCompressorOutputStream(control)) {
      out.write(tar(Map.of("./control", "Package: test\n".getBytes())));
    }
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(file))) {
      add(ar, "debian-binary", "2.0\n".getBytes());
      add(ar, "control.tar.xz", control.toByteArray());
      add(ar, "data.tar.xz", xz.toByteArray());
    }
    return file;
  }

  private static void add(ArArchiveOutputStream ar, String name, byte[] content)
      throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, content.length));
    ar.write(content);
    ar.closeArchiveEntry();
  }
}
