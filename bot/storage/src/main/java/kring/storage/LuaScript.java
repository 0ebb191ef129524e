package kring.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script from this package's resources, run atomically by Redis. It is sent by its SHA-1
 * digest and only sent in full when the server does not know it yet (after a restart or a flush).
 */
final class LuaScript {

  private static final Logger LOG = LoggerFactory.getLogger(LuaScript.class);

  private final String name;
  private final String source;
  private final String sha;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /** Loads {@code name} from the resources next to this class. */
  static LuaScript named(String name) {
    return new LuaScript(name, source(name));
  }

  /**
   * Loads {@code name} with the shared functions of each of {@code preludes} put before it, in
   * order, so that scripts that do the same on one case's keys share one definition of it.
   */
  static LuaScript named(String name, String... preludes) {
    StringBuilder source = new StringBuilder();
    for (String prelude : preludes) {
      source.append(source(prelude)).append('\n');
    }
    return new LuaScript(name, source.append(source(name)).toString());
  }

  private static String source(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing Lua script " + name + " next to LuaScript");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Lua script " + name, e);
    }
  }

  /** The digest Redis knows the script by. */
  String sha() {
    return sha;
  }

  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args);
    }
  }

  /**
   * Runs the script with keys and arguments as bytes, for a value that is no text (a compressed
   * case document); what the script returns as a string comes back as bytes.
   */
  Object runBinary(UnifiedJedis redis, List<byte[]> keys, List<byte[]> args) {
    try {
      return redis.evalsha(shaBytes(), keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(sourceBytes(), keys, args);
    }
  }

  /**
   * Runs the script with keys and arguments as bytes (as {@link #runBinary} does), after what
   * {@code first} puts in the same pipeline, then waits until {@code replicas} replicas have its
   * writes (Redis's WAIT on the same connection, right after it; none when 0), at most {@code
   * timeout}: all in one round trip. Fewer replicas in time is logged: the writes stand on the
   * primary, but a failover before they reach a replica would lose them. When Redis does not know
   * the script, the whole pipeline is sent once more with the script in full, so what {@code first}
   * writes must be harmless to write twice.
   */
  Object runConfirmedBinary(
      UnifiedJedis redis,
      Consumer<AbstractPipeline> first,
      List<byte[]> keys,
      List<byte[]> args,
      int replicas,
      Duration timeout) {
    return runConfirmedBinary(redis, first, keys, args, pipeline -> {}, replicas, timeout);
  }

  /**
   * Runs the script as {@link #runConfirmedBinary(UnifiedJedis, Consumer, List, List, int,
   * Duration)} does, with what {@code then} puts in the same pipeline after it (before the wait for
   * the replicas), whatever the script returns: so that must be harmless to write twice, and
   * harmless where the script wrote nothing.
   */
  Object runConfirmedBinary(
      UnifiedJedis redis,
      Consumer<AbstractPipeline> first,
      List<byte[]> keys,
      List<byte[]> args,
      Consumer<AbstractPipeline> then,
      int replicas,
      Duration timeout) {
    for (boolean full : new boolean[] {false, true}) {
      Response<Object> ran;
      Response<Long> confirmed = null;
      try (AbstractPipeline pipeline = redis.pipelined()) {
        first.accept(pipeline);
        ran =
            full
                ? pipeline.eval(sourceBytes(), keys, args)
                : pipeline.evalsha(shaBytes(), keys, args);
        then.accept(pipeline);
        if (replicas > 0) {
          confirmed = pipeline.waitReplicas(keys.get(0), replicas, timeout.toMillis());
        }
        pipeline.sync();
      }
      Object result;
      try {
        result = ran.get();
      } catch (JedisNoScriptException e) {
        continue;
      }
      if (confirmed != null) {
        warnIfShort(confirmed.get(), replicas, timeout);
      }
      return result;
    }
    throw new IllegalStateException("Redis did not take the script " + name);
  }

  /**
   * Puts a run of the script in {@code pipeline}, by its digest. The step returned, taken once the
   * pipeline was sent, runs it again in full when Redis did not know it (then it did not run), and
   * throws what Redis answered when it refused the run for another reason.
   */
  Runnable runIn(
      AbstractPipeline pipeline, UnifiedJedis redis, List<String> keys, List<String> args) {
    Supplier<Object> ran = resultIn(pipeline, redis, keys, args);
    return ran::get;
  }

  /**
   * Puts a run of the script in {@code pipeline} as {@link #runIn} does; what it returned is given,
   * once the pipeline was sent, by the supplier returned (which runs it again in full first when
   * Redis did not know it).
   */
  Supplier<Object> resultIn(
      AbstractPipeline pipeline, UnifiedJedis redis, List<String> keys, List<String> args) {
    Response<Object> ran = pipeline.evalsha(sha, keys, args);
    return () -> {
      try {
        return ran.get();
      } catch (JedisNoScriptException e) {
        return redis.eval(source, keys, args);
      }
    };
  }

  private void warnIfShort(long reached, int replicas, Duration timeout) {
    if (reached < replicas) {
      LOG.warn(
          "Only {} of {} replicas confirmed a write of {} within {} ms",
          reached,
          replicas,
          name,
          timeout.toMillis());
    }
  }

  private byte[] shaBytes() {
    return sha.getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] sourceBytes() {
    return source.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Runs the script once per argument list, all in one round trip; each run is atomic on its own.
   * The runs name the script by its digest; a run that Redis refused because it does not know the
   * script (after a restart or a flush, or on a cluster node that never ran it) did not run, and is
   * sent again in full.
   *
   * @return what each run returned, in order
   */
  List<Object> runEach(UnifiedJedis redis, List<List<String>> keys, List<List<String>> args) {
    return runEach(redis, pipeline -> {}, keys, args);
  }

  /**
   * Runs the script once per argument list as {@link #runEach(UnifiedJedis, List, List)} does,
   * after what {@code first} puts in the same pipeline (sent once, not again for a run sent in
   * full).
   */
  List<Object> runEach(
      UnifiedJedis redis,
      Consumer<AbstractPipeline> first,
      List<List<String>> keys,
      List<List<String>> args) {
    List<Object> results = pipelined(redis, first, keys, args);
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof JedisNoScriptException) {
        // Redis (or, on a cluster, the node of this run's slot) does not know the script yet:
        // sending it in full runs it and teaches it to that node.
        results.set(i, redis.eval(source, keys.get(i), args.get(i)));
      }
    }
    for (Object result : results) {
      if (result instanceof RuntimeException e) {
        throw e;
      }
    }
    return results;
  }

  /** Each run's result, or the exception Redis answered it with. */
  private List<Object> pipelined(
      UnifiedJedis redis,
      Consumer<AbstractPipeline> first,
      List<List<String>> keys,
      List<List<String>> args) {
    List<Response<Object>> responses = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      first.accept(pipeline);
      for (int i = 0; i < keys.size(); i++) {
        responses.add(pipeline.evalsha(sha, keys.get(i), args.get(i)));
      }
      pipeline.sync();
    }
    List<Object> results = new ArrayList<>();
    for (Response<Object> response : responses) {
      try {
        results.add(response.get());
      } catch (RuntimeException e) {
        results.add(e);
      }
    }
    return results;
  }

  @Override
  public String toString() {
    return name;
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-1", e);
    }
  }
}
