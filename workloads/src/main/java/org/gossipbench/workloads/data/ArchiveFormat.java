package org.gossipbench.workloads.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** How a registry packs files: what {@code npm pack} and {@code apt-get download} produce. */
public enum ArchiveFormat {
  /** An npm package: a gzipped tar whose members sit under {@code package/}. */
  NPM_TGZ {
    @Override
    void forEachFile(Path archive, MemberVisitor visitor) throws IOException {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
          TarArchiveInputStream tar =
              new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
        visitTar(tar, visitor);
      }
    }
  },
  /** A Debian package: an ar archive whose {@code data.tar.xz} holds the files under {@code ./}. */
  DEB {
    @Override
    void forEachFile(Path archive, MemberVisitor visitor) throws IOException {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
          ArArchiveInputStream ar = new ArArchiveInputStream(in)) {
        for (ArArchiveEntry e; (e = ar.getNextEntry()) != null; ) {
          if (e.getName().equals("data.tar.xz")) {
            // Not closed here: closing the tar would close the ar stream under it.
            visitTar(new TarArchiveInputStream(new XZCompressorInputStream(ar)), visitor);
            return;
          }
        }
      }
      throw new DataFormatException(archive + ": not a Debian package with a data.tar.xz member");
    }
  };

  /** Receives each regular file of an archive; the stream ends with the member. */
  @FunctionalInterface
  interface MemberVisitor {
    void visit(String name, InputStream content) throws IOException;
  }

  abstract void forEachFile(Path archive, MemberVisitor visitor) throws IOException;

  private static void visitTar(TarArchiveInputStream tar, MemberVisitor visitor)
      throws IOException {
    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
      if (e.isFile()) {
        visitor.visit(e.getName(), tar);
      }
    }
  }
}
