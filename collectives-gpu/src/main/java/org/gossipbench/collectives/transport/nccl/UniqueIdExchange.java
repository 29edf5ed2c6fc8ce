package org.gossipbench.collectives.transport.nccl;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.launch.LaunchEnvironment;
import org.gossipbench.collectives.transport.tcp.TcpStore;

/**
 * Hands NCCL's unique id (the 128 opaque bytes {@code ncclGetUniqueId} makes on rank 0 and every
 * rank passes to {@code ncclCommInitRank}) from rank 0 to the others through the job's rendezvous
 * store, the one the tcp transport joins through, as base64 text under one key. Pure Java, so it is
 * tested without a GPU.
 */
final class UniqueIdExchange {
  static final String KEY = "nccl/unique-id";

  private UniqueIdExchange() {}

  static String encode(byte[] id, int expectedLength) {
    if (id.length != expectedLength) {
      throw new IllegalArgumentException(
          "an NCCL unique id has " + expectedLength + " bytes, got " + id.length);
    }
    return Base64.getEncoder().encodeToString(id);
  }

  static byte[] decode(String text, int expectedLength) {
    byte[] id;
    try {
      id = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new CommunicatorException("the rendezvous store holds no NCCL unique id under " + KEY);
    }
    if (id.length != expectedLength) {
      throw new CommunicatorException(
          "the NCCL unique id in the rendezvous store has "
              + id.length
              + " bytes, not "
              + expectedLength
              + " (ranks built against different NCCL headers?)");
    }
    return id;
  }

  /**
   * Rank 0 publishes {@code id}; every other rank passes null and gets rank 0's.
   *
   * @throws CommunicatorException on one line when the store is unreachable or rank 0 does not
   *     publish within the timeout
   */
  static byte[] share(LaunchEnvironment env, byte[] id, int idBytes, Duration timeout) {
    try (TcpStore.Client store =
        TcpStore.Client.connect(
            env.masterAddress(), env.masterPort(), env.token(), env.rank(), timeout)) {
      if (env.rank() == 0) {
        store.set(KEY, encode(id, idBytes));
        return id;
      }
      String text = store.get(KEY, timeout);
      if (text == null) {
        throw new CommunicatorException(
            "rank "
                + env.rank()
                + ": rank 0 published no NCCL unique id within "
                + timeout.toSeconds()
                + " s");
      }
      return decode(text, idBytes);
    } catch (IOException e) {
      throw new CommunicatorException(
          "rank " + env.rank() + ": cannot share the NCCL unique id: " + e.getMessage(), e);
    }
  }
}
