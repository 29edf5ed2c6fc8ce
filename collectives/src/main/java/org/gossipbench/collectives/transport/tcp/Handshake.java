package org.gossipbench.collectives.transport.tcp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The first bytes on every connection, store or data: a magic number, the job's shared token and
 * the connecting rank. Lengths are bounded before anything is allocated, so a stray or hostile
 * connection costs at most a few hundred bytes and is closed.
 */
final class Handshake {
  static final int MAGIC = 0x47425348; // "GBSH"
  static final int MAX_TOKEN_BYTES = 256;

  private Handshake() {}

  static void write(DataOutputStream out, String token, int rank) throws IOException {
    byte[] t = token.getBytes(StandardCharsets.UTF_8);
    out.writeInt(MAGIC);
    out.writeShort(t.length);
    out.write(t);
    out.writeInt(rank);
    out.flush();
  }

  /**
   * Reads and checks a handshake; returns the peer's claimed rank.
   *
   * @throws IOException with a one-line reason when the magic, token or rank is wrong
   */
  static int read(DataInputStream in, String token, int worldSize) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a gossipbench peer (bad magic)");
    }
    int length = in.readUnsignedShort();
    if (length > MAX_TOKEN_BYTES) {
      throw new IOException("token of " + length + " bytes exceeds " + MAX_TOKEN_BYTES);
    }
    byte[] presented = new byte[length];
    in.readFully(presented);
    int rank = in.readInt();
    if (!MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8))) {
      throw new IOException("wrong job token");
    }
    if (rank < 0 || rank >= worldSize) {
      throw new IOException("rank " + rank + " outside 0.." + (worldSize - 1));
    }
    return rank;
  }
}
