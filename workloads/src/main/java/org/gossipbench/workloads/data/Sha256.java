package org.gossipbench.workloads.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the form sha256sum prints and the checksum table holds. */
final class Sha256 {
  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  static String of(byte[] bytes) {
    MessageDigest d = newDigest();
    d.update(bytes);
    return hex(d);
  }

  static String of(Path file) throws IOException {
    MessageDigest d = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buffer)) > 0; ) {
        d.update(buffer, 0, r);
      }
    }
    return hex(d);
  }
}
