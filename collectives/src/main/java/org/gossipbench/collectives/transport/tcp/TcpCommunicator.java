package org.gossipbench.collectives.transport.tcp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DirectStaging;
import org.gossipbench.collectives.comm.AbstractCommunicator;
import org.gossipbench.collectives.comm.AbstractRequest;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.Request;
import org.gossipbench.collectives.launch.LaunchEnvironment;

/**
 * A rank in its own process, talking TCP: one persistent connection per pair of ranks that exchange
 * messages (opened on first use, lower rank dialing), each served by a writer thread (sends in the
 * order started) and a reader thread (matches each arriving message to the first posted receive
 * with its tag). Payloads stream through direct buffers in 1 MiB chunks, so send and receive
 * overlap, and nothing is allocated per message.
 *
 * <p>Rendezvous goes through rank 0's {@link TcpStore}: every rank publishes the address it listens
 * on and learns everyone's. Every connection starts with the job token; a connection without it is
 * dropped. A message header is checked against the posted receive (tag, element type, count) before
 * a byte of payload is read, so a peer cannot make a rank allocate or overrun a buffer. A peer
 * whose connection closes fails every operation on it at once, naming it; a peer that stops
 * answering makes operations time out after {@link #timeout()}.
 *
 * <p>Wire format (little-endian): header {@code int magic, int tag, int count, byte dtype, 3 bytes
 * padding}, then {@code count} elements.
 */
public final class TcpCommunicator extends AbstractCommunicator {
  static final int MESSAGE_MAGIC = 0x47424D53; // "GBMS"
  static final int HEADER_BYTES = 16;
  static final int CHUNK_BYTES = DirectStaging.CHUNK_BYTES;
  // values() clones its array on every call: the reader looks types up once per message.
  private static final DType[] DTYPES = DType.values();

  private final String token;
  private final String[] addresses;
  private final ServerSocketChannel listener;
  private final TcpStore store; // rank 0 only
  private final Connection[] connections;
  private volatile Thread waiter;
  private volatile String failure;
  private volatile boolean closed;

  private TcpCommunicator(
      int rank,
      int size,
      Duration timeout,
      String token,
      String[] addresses,
      ServerSocketChannel listener,
      TcpStore store) {
    super(rank, size, timeout);
    this.token = token;
    this.addresses = addresses;
    this.listener = listener;
    this.store = store;
    this.connections = new Connection[size];
    Thread accept = new Thread(this::acceptLoop, "gossipbench-rank-" + rank + "-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * Joins the job: rank 0 serves the rendezvous store at the launcher's master address and port;
   * every rank listens on {@code bindAddress} (on a port the system picks), publishes the address
   * peers should dial and waits until all ranks have.
   *
   * <p>What a rank publishes, in this order:
   *
   * <ol>
   *   <li>{@code advertiseAddress}, when given: the user knows best, e.g. behind NAT or to pick one
   *       of several networks.
   *   <li>when {@code bindAddress} is a wildcard ({@code 0.0.0.0}, {@code ::}): the local address
   *       of this rank's connection to the store, i.e. of the interface this host uses to reach
   *       rank 0 (for rank 0 itself, the master address). A wildcard itself would make every peer
   *       dial its own host. The derived address is one rank 0's host can reach, which is right
   *       when the ranks share one network; where some cannot reach that interface (NAT, hosts on
   *       separate networks routed only through rank 0's), give {@code advertiseAddress}.
   *   <li>else {@code bindAddress}: it is the only address the rank listens on.
   * </ol>
   *
   * Addresses travel as {@link HostPort} text, so IPv6 literals work; the master address may be an
   * IPv6 literal bare or in brackets.
   *
   * @param env rank, world size, rendezvous and token, as the launcher set them
   * @param bindAddress where this rank listens (a wildcard such as 0.0.0.0 listens everywhere)
   * @param advertiseAddress what peers dial to reach this rank (a host name or address, without a
   *     port); null derives it as above
   * @throws CommunicatorException naming what is missing when the job cannot be assembled in time
   * @throws IllegalArgumentException when an address is malformed
   */
  public static TcpCommunicator connect(
      LaunchEnvironment env, String bindAddress, String advertiseAddress, Duration timeout) {
    int rank = env.rank();
    int size = env.worldSize();
    String masterAddress = env.masterAddress();
    int masterPort = env.masterPort();
    String token = env.token();
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("the tcp transport needs a job token (GOSSIPBENCH_TOKEN)");
    }
    // Checked before any socket opens, so a typo fails alone instead of after rank 0 serves.
    String bindHost = host("bind", bindAddress);
    String advertiseHost = advertiseAddress == null ? null : host("advertise", advertiseAddress);
    TcpStore store = null;
    ServerSocketChannel listener = null;
    try {
      if (rank == 0) {
        store = TcpStore.serve(masterAddress, masterPort, token, size);
      }
      listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(bindHost, 0), size);
      InetSocketAddress listening = (InetSocketAddress) listener.getLocalAddress();
      String[] addresses = new String[size];
      try (TcpStore.Client client =
          TcpStore.Client.connect(masterAddress, masterPort, token, rank, timeout)) {
        String published;
        if (advertiseHost != null) {
          published = advertiseHost;
        } else if (listening.getAddress().isAnyLocalAddress()) {
          published = client.localAddress().getHostAddress();
        } else {
          published = bindHost;
        }
        client.set("addr/" + rank, new HostPort(published, listening.getPort()).toString());
        for (int j = 0; j < size; j++) {
          addresses[j] = client.get("addr/" + j, timeout);
          if (addresses[j] == null) {
            throw new CommunicatorException(
                "rank "
                    + rank
                    + ": rank "
                    + j
                    + " did not join within "
                    + timeout.toSeconds()
                    + " s");
          }
          try {
            HostPort.parse(addresses[j]); // fail at the join, not at the first message
          } catch (IllegalArgumentException e) {
            throw new CommunicatorException(
                "rank " + rank + ": rank " + j + " published " + e.getMessage(), e);
          }
        }
      }
      return new TcpCommunicator(rank, size, timeout, token, addresses, listener, store);
    } catch (IOException e) {
      closeQuietly(listener);
      if (store != null) {
        store.close();
      }
      throw new CommunicatorException(
          "rank " + rank + ": cannot join the job: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(listener);
      if (store != null) {
        store.close();
      }
      throw e;
    }
  }

  /** A bind or advertise address as given (IPv6 bare or bracketed), checked, without brackets. */
  private static String host(String what, String address) {
    try {
      return new HostPort(HostPort.unbracket(address), 0).host();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " address '" + address + "': " + e.getMessage(), e);
    }
  }

  @Override
  public String transport() {
    return "tcp";
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel ch;
      try {
        ch = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket s = ch.socket();
        s.setSoTimeout(10_000);
        int peer = Handshake.read(new DataInputStream(s.getInputStream()), token, size);
        s.setSoTimeout(0);
        register(peer, ch);
      } catch (IOException e) {
        System.err.println(
            "gossipbench: rank "
                + rank
                + ": rejected a connection from "
                + remote(ch)
                + ": "
                + e.getMessage());
        closeQuietly(ch);
      }
    }
  }

  private static String remote(SocketChannel ch) {
    try {
      return String.valueOf(ch.getRemoteAddress());
    } catch (IOException e) {
      return "?";
    }
  }

  private synchronized void register(int peer, SocketChannel ch) throws IOException {
    if (connections[peer] != null || peer == rank) {
      throw new IOException("duplicate connection for rank " + peer);
    }
    connections[peer] = new Connection(peer, ch);
    notifyAll();
  }

  /** The connection to {@code peer}, dialing it (lower rank) or waiting for it (higher rank). */
  private Connection connection(int peer) {
    synchronized (this) {
      if (connections[peer] != null) {
        return connections[peer];
      }
    }
    if (rank < peer) {
      HostPort address = HostPort.parse(addresses[peer]);
      long deadline = System.nanoTime() + timeout.toNanos();
      IOException last = null;
      while (System.nanoTime() < deadline && failure == null) {
        try {
          SocketChannel ch = SocketChannel.open(address.toSocketAddress());
          Handshake.write(new DataOutputStream(ch.socket().getOutputStream()), token, rank);
          register(peer, ch);
          return connections[peer];
        } catch (IOException e) {
          last = e;
          LockSupport.parkNanos(50_000_000L);
        }
      }
      throw new CommunicatorException(
          "rank "
              + rank
              + ": cannot connect to rank "
              + peer
              + " at "
              + addresses[peer]
              + (last == null ? "" : ": " + last.getMessage()));
    }
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    synchronized (this) {
      while (connections[peer] == null) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0 || failure != null) {
          throw new CommunicatorException(
              "rank "
                  + rank
                  + ": rank "
                  + peer
                  + " did not connect within "
                  + timeout.toSeconds()
                  + " s");
        }
        try {
          wait(Math.min(left, 100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CommunicatorException(
              "rank " + rank + ": interrupted while connecting to rank " + peer, e);
        }
      }
      return connections[peer];
    }
  }

  @Override
  public Request sendInit(Buf buf, int offset, int count, int peer, int tag) {
    checkPeerNotSelf(peer);
    Buf.checkRange(buf, offset, count);
    return new TcpRequest(true, buf, offset, count, peer, tag, false, 0, 0);
  }

  @Override
  public Request recvInit(Buf buf, int offset, int count, int peer, int tag) {
    checkPeerNotSelf(peer);
    Buf.checkRange(buf, offset, count);
    return new TcpRequest(false, buf, offset, count, peer, tag, false, 0, 0);
  }

  @Override
  public Request recvCombineInit(
      Buf buf, int offset, int count, int peer, int tag, double selfWeight, double weight) {
    checkPeerNotSelf(peer);
    Buf.checkRange(buf, offset, count);
    return new TcpRequest(false, buf, offset, count, peer, tag, true, selfWeight, weight);
  }

  private void checkPeerNotSelf(int peer) {
    checkPeer(peer);
    if (peer == rank) {
      throw new IllegalArgumentException("rank " + rank + " cannot message itself over tcp");
    }
  }

  @Override
  public void abort(Throwable cause) {
    if (failure == null) {
      failure = "rank " + rank + " aborted: " + cause;
    }
    shutdown();
  }

  /** Waits for every rank (so no peer sees this one leave early), then closes everything. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (failure == null) {
      try {
        barrier();
      } catch (CommunicatorException e) {
        // Leaving anyway: the peers will see the connections close.
      }
    }
    shutdown();
  }

  private void shutdown() {
    closed = true;
    closeQuietly(listener);
    synchronized (this) {
      for (Connection c : connections) {
        if (c != null) {
          c.close();
        }
      }
    }
    if (store != null) {
      store.close();
    }
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** One peer: a socket, its writer and reader threads, and the pending operations on it. */
  private final class Connection {
    final int peer;
    final SocketChannel channel;
    private TcpRequest sendHead;
    private TcpRequest sendTail;
    private TcpRequest recvHead;
    private volatile String error;
    private final Thread writer;
    private final Thread reader;

    Connection(int peer, SocketChannel channel) throws IOException {
      this.peer = peer;
      this.channel = channel;
      channel.configureBlocking(true);
      channel.socket().setTcpNoDelay(true);
      // No SO_SNDBUF/SO_RCVBUF: setting them turns off the kernel's buffer autotuning, which
      // measured 5% faster on loopback and grows the window as far as a long link needs.
      writer = new Thread(this::writeLoop, "gossipbench-rank-" + rank + "-to-" + peer);
      reader = new Thread(this::readLoop, "gossipbench-rank-" + rank + "-from-" + peer);
      writer.setDaemon(true);
      reader.setDaemon(true);
      writer.start();
      reader.start();
    }

    synchronized void enqueueSend(TcpRequest r) {
      failIfBroken(r);
      r.next = null;
      if (sendTail == null) {
        sendHead = r;
      } else {
        sendTail.next = r;
      }
      sendTail = r;
      notifyAll();
    }

    synchronized void postRecv(TcpRequest r) {
      failIfBroken(r);
      r.next = null;
      if (recvHead == null) {
        recvHead = r;
      } else {
        TcpRequest t = recvHead;
        while (t.next != null) {
          t = t.next;
        }
        t.next = r;
      }
      notifyAll();
    }

    private void failIfBroken(TcpRequest r) {
      if (error != null) {
        r.finish(null);
        throw new CommunicatorException(error);
      }
    }

    private synchronized TcpRequest nextSend() throws InterruptedException {
      while (sendHead == null && error == null && !closed) {
        wait(100);
      }
      if (sendHead == null) {
        return null;
      }
      TcpRequest r = sendHead;
      sendHead = r.next;
      if (sendHead == null) {
        sendTail = null;
      }
      r.next = null;
      return r;
    }

    private synchronized TcpRequest takeRecv(int tag) throws InterruptedException {
      while (error == null && !closed) {
        TcpRequest prev = null;
        for (TcpRequest r = recvHead; r != null; prev = r, r = r.next) {
          if (r.tag == tag) {
            if (prev == null) {
              recvHead = r.next;
            } else {
              prev.next = r.next;
            }
            r.next = null;
            return r;
          }
        }
        wait(100);
      }
      return null;
    }

    private void writeLoop() {
      ByteBuffer header = ByteBuffer.allocateDirect(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer payload = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      // Views made once: filling them moves no bytes through Java objects per message.
      Buffer floats = DirectStaging.view(payload, DType.FLOAT32);
      Buffer doubles = DirectStaging.view(payload, DType.FLOAT64);
      TcpRequest r = null;
      try {
        while (true) {
          r = nextSend();
          if (r == null) {
            return;
          }
          DType dtype = r.buf.dtype();
          header.clear();
          header.putInt(MESSAGE_MAGIC).putInt(r.tag).putInt(r.count).put((byte) dtype.ordinal());
          header.put((byte) 0).put((byte) 0).put((byte) 0);
          header.flip();
          writeFully(header);
          int perChunk = CHUNK_BYTES / dtype.bytes();
          for (int done = 0; done < r.count; done += perChunk) {
            int n = Math.min(perChunk, r.count - done);
            r.buf.copyToView(r.offset + done, dtype == DType.FLOAT32 ? floats : doubles, 0, n);
            payload.clear().limit(n * dtype.bytes());
            writeFully(payload);
          }
          countSent((long) r.count * dtype.bytes());
          r.finish(null);
          r = null;
        }
      } catch (IOException | InterruptedException e) {
        fail(
            "rank "
                + rank
                + ": lost the connection to rank "
                + peer
                + " while sending ("
                + e.getMessage()
                + ")");
        if (r != null) {
          r.finish(error); // already off the queue, so fail() did not reach it
        }
      }
    }

    private void writeFully(ByteBuffer b) throws IOException {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    private void readLoop() {
      ByteBuffer header = ByteBuffer.allocateDirect(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer payload = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      Buffer floats = DirectStaging.view(payload, DType.FLOAT32);
      Buffer doubles = DirectStaging.view(payload, DType.FLOAT64);
      DirectStaging staging = new DirectStaging();
      TcpRequest r = null;
      try {
        while (true) {
          header.clear();
          if (!readFully(header)) {
            fail(
                "rank " + rank + ": rank " + peer + " closed its connection (it exited or failed)");
            return;
          }
          header.flip();
          int magic = header.getInt();
          int tag = header.getInt();
          int count = header.getInt();
          int type = header.get();
          if (magic != MESSAGE_MAGIC || count < 0 || type < 0 || type >= DTYPES.length) {
            fail("rank " + rank + ": malformed message header from rank " + peer);
            return;
          }
          DType dtype = DTYPES[type];
          r = takeRecv(tag);
          if (r == null) {
            return;
          }
          if (r.count != count || r.buf.dtype() != dtype) {
            String msg =
                "rank "
                    + peer
                    + " sent "
                    + count
                    + " "
                    + dtype.label()
                    + " (tag "
                    + tag
                    + ") but rank "
                    + rank
                    + " expected "
                    + r.count
                    + " "
                    + r.buf.dtype().label();
            r.finish(msg);
            fail(msg);
            return;
          }
          int perChunk = CHUNK_BYTES / dtype.bytes();
          for (int done = 0; done < count; done += perChunk) {
            int n = Math.min(perChunk, count - done);
            payload.clear().limit(n * dtype.bytes());
            if (!readFully(payload)) {
              r.finish("rank " + peer + " closed its connection mid-message");
              fail(
                  "rank "
                      + rank
                      + ": rank "
                      + peer
                      + " closed its connection mid-message (it exited or failed)");
              return;
            }
            Buffer view = dtype == DType.FLOAT32 ? floats : doubles;
            if (r.combine) {
              staging.combine(view, 0, r.buf, r.offset + done, n, r.selfWeight, r.weight);
            } else {
              r.buf.copyFromView(view, 0, r.offset + done, n); // straight into place: one copy
            }
          }
          countReceived((long) count * dtype.bytes());
          r.finish(null);
          r = null;
        }
      } catch (IOException | InterruptedException e) {
        fail(
            "rank " + rank + ": lost the connection to rank " + peer + " (" + e.getMessage() + ")");
        if (r != null) {
          r.finish(error); // already off the queue, so fail() did not reach it
        }
      }
    }

    private boolean readFully(ByteBuffer b) throws IOException {
      while (b.hasRemaining()) {
        if (channel.read(b) < 0) {
          return false;
        }
      }
      return true;
    }

    /**
     * Breaks the connection: every pending and future operation on it fails with {@code message}.
     */
    void fail(String message) {
      TcpRequest pending;
      synchronized (this) {
        if (error != null) {
          return;
        }
        error = closed ? "rank " + rank + ": communicator closed" : message;
        if (!closed && failure == null) {
          // A broken connection breaks the job: close() must not wait in a barrier for it.
          failure = message;
        }
        pending = null;
        for (TcpRequest r = sendHead; r != null; ) {
          TcpRequest next = r.next;
          r.next = pending;
          pending = r;
          r = next;
        }
        for (TcpRequest r = recvHead; r != null; ) {
          TcpRequest next = r.next;
          r.next = pending;
          pending = r;
          r = next;
        }
        sendHead = null;
        sendTail = null;
        recvHead = null;
        notifyAll();
      }
      for (TcpRequest r = pending; r != null; ) {
        TcpRequest next = r.next;
        r.finish(error);
        r = next;
      }
      closeQuietly(channel);
    }

    void close() {
      fail("rank " + rank + ": communicator closed");
    }
  }

  private final class TcpRequest extends AbstractRequest {
    TcpRequest next;

    TcpRequest(
        boolean isSend,
        Buf buf,
        int offset,
        int count,
        int peer,
        int tag,
        boolean combine,
        double selfWeight,
        double weight) {
      super(isSend, buf, offset, count, peer, tag, combine, selfWeight, weight);
    }

    @Override
    public void start() {
      String f = failure;
      if (f != null || closed) {
        throw new CommunicatorException(f != null ? f : "rank " + rank + ": communicator closed");
      }
      Connection c = connection(peer);
      beginStart();
      if (isSend) {
        c.enqueueSend(this);
      } else {
        c.postRecv(this);
      }
    }

    /** Completes the operation, failed when {@code err} is not null. */
    void finish(String err) {
      error = err;
      markComplete();
    }

    @Override
    protected int ownerRank() {
      return rank;
    }

    @Override
    protected Duration timeout() {
      return timeout;
    }

    @Override
    protected void setWaiter(Thread thread) {
      waiter = thread;
    }

    @Override
    protected void wakeWaiter() {
      Thread w = waiter;
      if (w != null) {
        LockSupport.unpark(w);
      }
    }

    @Override
    protected RuntimeException failureWhileWaiting() {
      return null; // a broken connection completes its requests with the error itself
    }

    @Override
    protected String abandonAfterTimeout(String message) {
      // The operation stays queued on the connection: break it, so nothing touches the buffer
      // later; a timeout ends the job anyway.
      connection(peer).fail(message);
      return message;
    }
  }
}
