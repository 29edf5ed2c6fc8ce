package org.gossipbench.collectives.transport.tcp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gossipbench.collectives.comm.CommunicatorException;

/**
 * The rendezvous key-value store, like torch's TCPStore: rank 0 serves it, every rank connects with
 * the job token, publishes its data address and waits for the others'. Keys and values are short
 * strings with bounded lengths; a connection with a wrong token or an oversized request is closed
 * without affecting anyone else.
 */
public final class TcpStore implements AutoCloseable {
  static final int MAX_KEY_BYTES = 256;
  static final int MAX_VALUE_BYTES = 4096;
  private static final byte SET = 1;
  private static final byte GET = 2;
  private static final byte OK = 0;
  private static final byte TIMEOUT = 3;
  private static final int SET_TIMEOUT_MILLIS = 30_000;

  private final ServerSocket server;
  private final String token;
  private final int worldSize;
  private final Map<String, String> values = new HashMap<>();
  private final Map<Socket, Boolean> clients = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private TcpStore(ServerSocket server, String token, int worldSize) {
    this.server = server;
    this.token = token;
    this.worldSize = worldSize;
    Thread accept = new Thread(this::acceptLoop, "gossipbench-store-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * Starts serving on {@code address:port} (port 0 picks a free one).
   *
   * @param address a host name or address of this host; an IPv6 literal bare or in brackets
   * @throws BindException when the port is taken (its message says "Address already in use", which
   *     is how a caller that picked the port itself recognises a lost race) or the address is not
   *     this host's
   */
  public static TcpStore serve(String address, int port, String token, int worldSize)
      throws IOException {
    HostPort at = new HostPort(HostPort.unbracket(address), port);
    ServerSocket s = new ServerSocket();
    try {
      s.setReuseAddress(true);
      s.bind(at.toSocketAddress(), 128);
    } catch (BindException e) {
      s.close();
      BindException named =
          new BindException("cannot serve the rendezvous store at " + at + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return new TcpStore(s, token, worldSize);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serveClient(s), "gossipbench-store-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("gossipbench: store: accept failed: " + e.getMessage());
        }
      }
    }
  }

  private void serveClient(Socket s) {
    clients.put(s, Boolean.TRUE);
    try (s) {
      s.setSoTimeout(30_000); // a silent client cannot hold a thread forever
      DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
      Handshake.read(in, token, worldSize);
      s.setSoTimeout(0);
      while (!closed) {
        byte op = in.readByte();
        String key = readString(in, MAX_KEY_BYTES);
        if (op == SET) {
          String value = readString(in, MAX_VALUE_BYTES);
          synchronized (values) {
            values.put(key, value);
            values.notifyAll();
          }
          out.writeByte(OK);
        } else if (op == GET) {
          long waitMillis = in.readLong();
          String value = awaitValue(key, waitMillis);
          if (value == null) {
            out.writeByte(TIMEOUT);
          } else {
            out.writeByte(OK);
            writeString(out, value);
          }
        } else {
          throw new IOException("unknown store operation " + op);
        }
        out.flush();
      }
    } catch (IOException e) {
      // A client that leaves, or sends a wrong token or a malformed request, is dropped alone.
    } finally {
      clients.remove(s);
    }
  }

  private String awaitValue(String key, long waitMillis) {
    long deadline = System.currentTimeMillis() + waitMillis;
    synchronized (values) {
      while (!values.containsKey(key) && !closed) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return null;
        }
        try {
          values.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      return values.get(key);
    }
  }

  static String readString(DataInputStream in, int maxBytes) throws IOException {
    int length = in.readUnsignedShort();
    if (length > maxBytes) {
      throw new IOException("string of " + length + " bytes exceeds " + maxBytes);
    }
    byte[] b = new byte[length];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(b.length);
    out.write(b);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (values) {
      values.notifyAll();
    }
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : clients.keySet()) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** One rank's connection to the store. */
  public static final class Client implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private Client(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /**
     * Connects, retrying until {@code timeout} while rank 0 is still starting.
     *
     * @param address the store's host name or address; an IPv6 literal bare or in brackets
     * @throws CommunicatorException naming the address when no store answers in time
     */
    public static Client connect(
        String address, int port, String token, int rank, Duration timeout) {
      HostPort store = new HostPort(HostPort.unbracket(address), port);
      long deadline = System.nanoTime() + timeout.toNanos();
      IOException last = null;
      while (System.nanoTime() < deadline) {
        Socket s = new Socket();
        try {
          // Resolved on every attempt: rank 0's name may appear in DNS only once its host is up.
          s.connect(store.toSocketAddress(), 2000);
          s.setTcpNoDelay(true);
          Client c = new Client(s);
          Handshake.write(c.out, token, rank);
          return c;
        } catch (IOException e) {
          last = e;
          try {
            s.close();
            Thread.sleep(100);
          } catch (IOException | InterruptedException ignored) {
            if (ignored instanceof InterruptedException) {
              Thread.currentThread().interrupt();
              break;
            }
          }
        }
      }
      throw new CommunicatorException(
          "rank "
              + rank
              + ": no rendezvous store at "
              + store
              + " within "
              + timeout.toSeconds()
              + " s"
              + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    /**
     * The local address of this connection: the address of the interface this host uses to reach
     * the store, hence an address of this host that rank 0's host can route to.
     */
    public InetAddress localAddress() {
      return socket.getLocalAddress();
    }

    /**
     * Stores {@code value} under {@code key}.
     *
     * @throws IOException when the store refuses, or gives no answer within 30 s (something that is
     *     not a store, or a store that dropped this client, may hold the port)
     */
    public void set(String key, String value) throws IOException {
      out.writeByte(SET);
      writeString(out, key);
      writeString(out, value);
      out.flush();
      socket.setSoTimeout(SET_TIMEOUT_MILLIS);
      try {
        if (in.readByte() != OK) {
          throw new IOException("store refused set " + key);
        }
      } catch (SocketTimeoutException e) {
        throw new IOException("store did not answer set " + key + " within 30 s", e);
      } finally {
        socket.setSoTimeout(0);
      }
    }

    /**
     * The value of {@code key}, waiting up to {@code timeout} for some rank to set it; null on
     * timeout.
     */
    public String get(String key, Duration timeout) throws IOException {
      out.writeByte(GET);
      writeString(out, key);
      out.writeLong(timeout.toMillis());
      out.flush();
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis() + 10_000));
      try {
        byte status = in.readByte();
        return status == OK ? readString(in, MAX_VALUE_BYTES) : null;
      } catch (SocketTimeoutException e) {
        return null;
      } finally {
        socket.setSoTimeout(0);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
