package kring.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * A client of one Redis server, pooled as Kring's, that counts its round trips on the socket
 * itself: whatever a thread writes to a connection until it reads the answer is one round trip. So
 * one command is one, a pipeline or a MULTI/EXEC sent at once is one, a script call is one, and a
 * script Redis did not know (NOSCRIPT) followed by the script in full is two, as on the wire.
 *
 * <p>Each round trip keeps the thread that made it and the commands it sent, so a test counts only
 * its own thread's (not a pool's idle check) and can name what each round trip did.
 */
public final class RoundTrips implements AutoCloseable {

  /** One round trip: the thread that made it, and the commands it sent, each as its arguments. */
  public record Trip(long thread, List<List<byte[]>> commands) {

    /** The commands' names, upper case, in the order sent. */
    public List<String> names() {
      return commands.stream().map(c -> text(c.get(0)).toUpperCase(java.util.Locale.ROOT)).toList();
    }

    /** The argument at {@code index} of command {@code command} as text, or "" when none. */
    public String argument(int command, int index) {
      List<byte[]> args = commands.get(command);
      return index < args.size() ? text(args.get(index)) : "";
    }

    /** The trip in a few words: each command's name and first argument, shortened. */
    @Override
    public String toString() {
      List<String> said = new ArrayList<>();
      for (int i = 0; i < commands.size(); i++) {
        String first = argument(i, 1);
        said.add(names().get(i) + (first.isEmpty() ? "" : " " + shortened(first)));
      }
      return String.join(" | ", said);
    }

    private static String shortened(String text) {
      return text.length() > 48 ? text.substring(0, 48) + "…" : text;
    }
  }

  private final UnifiedJedis client;
  private final List<Trip> trips = new ArrayList<>();

  private RoundTrips(String url) {
    RedisConnections.Target target = RedisConnections.Target.parse(url);
    if (target.topology() != RedisConnections.Topology.STANDALONE || target.tls()) {
      throw new IllegalArgumentException("Round trips are counted on one plain Redis server");
    }
    DefaultJedisClientConfig.Builder builder =
        DefaultJedisClientConfig.builder()
            .clientName("kring")
            .connectionTimeoutMillis(2_000)
            .socketTimeoutMillis(5_000)
            .database(target.database());
    if (target.user() != null) {
      builder.user(target.user());
    }
    if (target.password() != null) {
      builder.password(target.password());
    }
    JedisClientConfig config = builder.build();
    DefaultJedisSocketFactory sockets =
        new DefaultJedisSocketFactory(target.nodes().iterator().next(), config);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxIdle(16);
    client =
        RedisClient.builder()
            .clientConfig(config)
            .connectionProvider(
                new PooledConnectionProvider(
                    new ConnectionFactory(() -> new CountingSocket(sockets.createSocket()), config),
                    pool))
            .build();
  }

  /** A counting client of the plain Redis at {@code url} ({@code redis://host:port[/db]}). */
  public static RoundTrips open(String url) {
    return new RoundTrips(url);
  }

  /** The client whose round trips are counted; closed with this. */
  public UnifiedJedis client() {
    return client;
  }

  /** Forgets the round trips made so far. */
  public synchronized void reset() {
    trips.clear();
  }

  /** The round trips the calling thread made since the last {@link #reset()}, in order. */
  public synchronized List<Trip> mine() {
    long me = Thread.currentThread().getId();
    return trips.stream().filter(t -> t.thread() == me).toList();
  }

  /** How many round trips the calling thread made since the last {@link #reset()}. */
  public int count() {
    return mine().size();
  }

  private synchronized Trip started() {
    Trip trip = new Trip(Thread.currentThread().getId(), new ArrayList<>());
    trips.add(trip);
    return trip;
  }

  @Override
  public void close() {
    client.close();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * A socket that notes a new round trip at the first write after a read (or the first write of
   * all), and keeps what is written until the answer is read, to name the commands it sent.
   */
  private final class CountingSocket extends Socket {

    private final Socket socket;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private Trip trip;
    private boolean answered = true;
    private OutputStream out;
    private InputStream in;

    CountingSocket(Socket socket) {
      this.socket = socket;
    }

    private synchronized void writing(byte[] bytes, int offset, int length) {
      if (answered) {
        answered = false;
        sent.reset();
        trip = started();
      }
      sent.write(bytes, offset, length);
    }

    private synchronized void reading() {
      if (!answered) {
        answered = true;
        trip.commands().addAll(Resp.commands(sent.toByteArray()));
      }
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        OutputStream raw = socket.getOutputStream();
        out =
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                writing(b, off, len);
                raw.write(b, off, len);
              }

              @Override
              public void flush() throws IOException {
                raw.flush();
              }

              @Override
              public void close() throws IOException {
                raw.close();
              }
            };
      }
      return out;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        InputStream raw = socket.getInputStream();
        in =
            new InputStream() {
              @Override
              public int read() throws IOException {
                reading();
                return raw.read();
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                reading();
                return raw.read(b, off, len);
              }

              @Override
              public int available() throws IOException {
                return raw.available();
              }

              @Override
              public void close() throws IOException {
                raw.close();
              }
            };
      }
      return in;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
      socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
      return socket.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
      socket.setTcpNoDelay(on);
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
      socket.setKeepAlive(on);
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
      socket.setSoLinger(on, linger);
    }

    @Override
    public boolean isConnected() {
      return socket.isConnected();
    }

    @Override
    public boolean isBound() {
      return socket.isBound();
    }

    @Override
    public boolean isClosed() {
      return socket.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
      return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
      return socket.isOutputShutdown();
    }

    @Override
    public void shutdownInput() throws IOException {
      socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      socket.shutdownOutput();
    }

    @Override
    public InetAddress getInetAddress() {
      return socket.getInetAddress();
    }

    @Override
    public int getPort() {
      return socket.getPort();
    }

    @Override
    public int getLocalPort() {
      return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return socket.getLocalSocketAddress();
    }

    @Override
    public synchronized void close() throws IOException {
      socket.close();
    }

    @Override
    public String toString() {
      return socket.toString();
    }
  }

  /** Reads the commands a client sent: RESP arrays of bulk strings, one after the other. */
  static final class Resp {

    private final byte[] bytes;
    private int at;

    private Resp(byte[] bytes) {
      this.bytes = bytes;
    }

    static List<List<byte[]>> commands(byte[] bytes) {
      Resp resp = new Resp(bytes);
      List<List<byte[]>> commands = new ArrayList<>();
      while (resp.at < bytes.length) {
        commands.add(resp.command());
      }
      return commands;
    }

    private List<byte[]> command() {
      expect('*');
      int count = Integer.parseInt(line());
      List<byte[]> args = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        expect('$');
        int length = Integer.parseInt(line());
        byte[] arg = java.util.Arrays.copyOfRange(bytes, at, at + length);
        at += length + 2;
        args.add(arg);
      }
      return args;
    }

    private void expect(char c) {
      if (bytes[at] != c) {
        throw new IllegalStateException("Not a command as clients send them, at byte " + at);
      }
      at++;
    }

    private String line() {
      int start = at;
      while (bytes[at] != '\r') {
        at++;
      }
      String line = new String(bytes, start, at - start, StandardCharsets.US_ASCII);
      at += 2;
      return line;
    }
  }
}
