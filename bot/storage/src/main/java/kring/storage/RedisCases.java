package kring.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.CodeTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.json.KringJson;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Cases in Redis: each case is a hash holding its schema, revision and document (compressed JSON,
 * see {@link CaseDocuments}), under the case's own hash tag, and each bound channel a string
 * holding the case's code. Updating is one Lua script with the revision check, so a stale writer
 * never overwrites a newer revision. A channel's binding lives in another Redis Cluster slot than
 * its case, so it is written on its own and trusted only when the case it names lives in that
 * channel: a channel holds at most one case.
 */
public final class RedisCases implements Cases {

  private static final LuaScript CREATE = LuaScript.named("case-create.lua");
  private static final LuaScript UPDATE = LuaScript.named("case-update.lua");
  private static final LuaScript BIND = LuaScript.named("channel-bind.lua");
  private static final LuaScript RELEASE = LuaScript.named("channel-release.lua");

  /** The fields of a case's record: schema, revision, document. */
  private static final byte[][] FIELDS = {bytes("schema"), bytes("revision"), bytes("doc")};

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final CaseDocuments documents;

  public RedisCases(UnifiedJedis redis, RedisKeys keys) {
    this(redis, keys, new CaseDocuments(KringJson.mapper()));
  }

  RedisCases(UnifiedJedis redis, RedisKeys keys, CaseDocuments documents) {
    this.redis = redis;
    this.keys = keys;
    this.documents = documents;
  }

  @Override
  public Optional<Case> find(CaseCode code) {
    return Optional.ofNullable(read(code, redis.hmget(bytes(keys.caseDoc(code)), FIELDS)));
  }

  /** The case a record's schema, revision and document describe; null when there is none. */
  private Case read(CaseCode code, List<byte[]> stored) {
    if (stored.get(2) == null) {
      return null;
    }
    return documents.read(code, text(stored.get(0)), text(stored.get(1)), stored.get(2));
  }

  /**
   * A case's document as JSON text, as it was written (not upgraded), with the schema it was
   * written in: what the record holds, readable by an operator however it is stored.
   *
   * @throws UnreadableRecord when it was written by a newer Kring or is damaged
   */
  public Optional<String> storedJson(CaseCode code) {
    List<byte[]> stored = redis.hmget(bytes(keys.caseDoc(code)), FIELDS);
    if (stored.get(2) == null) {
      return Optional.empty();
    }
    return Optional.of(documents.text(code, text(stored.get(0)), stored.get(2)));
  }

  @Override
  public Map<CaseCode, Case> findAll(Collection<CaseCode> codes) {
    List<CaseCode> asked = List.copyOf(codes);
    List<Response<List<byte[]>>> responses = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (CaseCode code : asked) {
        responses.add(pipeline.hmget(bytes(keys.caseDoc(code)), FIELDS));
      }
      pipeline.sync();
    }
    Map<CaseCode, Case> found = new HashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      Case read = read(asked.get(i), responses.get(i).get());
      if (read != null) {
        found.put(asked.get(i), read);
      }
    }
    return found;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A binding is trusted only when the case it names still lives in this channel: one left
   * behind by a case that moved, was erased, or was never finished being created (its node died in
   * between) binds nothing.
   */
  @Override
  public Optional<Case> findByChannel(ChannelRef channel) {
    return bound(channel).map(Bound::live);
  }

  /** What a channel's binding says, and whether the case it names still lives there. */
  private Optional<Bound> bound(ChannelRef channel) {
    return bound(channel, redis.get(keys.channelCase(channel)));
  }

  /** What a channel's binding, as read, says, and whether the case it names still lives there. */
  private Optional<Bound> bound(ChannelRef channel, String code) {
    return Optional.ofNullable(boundCode(channel, code))
        .map(c -> new Bound(code, find(c).filter(k -> k.channel().equals(channel)).orElse(null)));
  }

  /**
   * The code a channel's binding, as read, holds; null when it holds none.
   *
   * @throws UnreadableRecord when it holds something else than a code
   */
  CaseCode boundCode(ChannelRef channel, String binding) {
    if (binding == null) {
      return null;
    }
    if (!CaseCode.isValid(binding)) {
      throw new UnreadableRecord("The channel binding of " + channel.key() + " holds " + binding);
    }
    return new CaseCode(binding);
  }

  /** Reads a channel's binding in a pipeline, for {@link #boundCode}. */
  Response<String> bindingIn(AbstractPipeline pipeline, ChannelRef channel) {
    return pipeline.get(keys.channelCase(channel));
  }

  /**
   * Reads in a pipeline how long a channel's binding holds: more than 0 while it is a claim ({@link
   * #claimIn}), -1 for a binding for good, -2 for none.
   */
  Response<Long> holdsIn(AbstractPipeline pipeline, ChannelRef channel) {
    return pipeline.pttl(keys.channelCase(channel));
  }

  /** Reads a case's record in a pipeline, for {@link #caseFrom}. */
  Response<List<byte[]>> recordIn(AbstractPipeline pipeline, CaseCode code) {
    return pipeline.hmget(bytes(keys.caseDoc(code)), FIELDS);
  }

  /** The case a record read in a pipeline holds; null when there is none. */
  Case caseFrom(CaseCode code, List<byte[]> record) {
    return read(code, record);
  }

  /** A channel's binding: the code it holds, and the case if it still lives in the channel. */
  private record Bound(String code, Case live) {}

  /**
   * What a channel's binding says, whether the case it names still lives there, and whether it is a
   * claim ({@link #claimIn}) still holding, in one round trip for the binding.
   */
  private Optional<Claimed> boundOrClaimed(ChannelRef channel) {
    Response<String> binding;
    Response<Long> holds;
    try (AbstractPipeline pipeline = redis.pipelined()) {
      binding = bindingIn(pipeline, channel);
      holds = holdsIn(pipeline, channel);
      pipeline.sync();
    }
    return bound(channel, binding.get()).map(b -> new Claimed(b, holds.get() > 0));
  }

  /** A channel's binding, and whether it is a claim still holding. */
  private record Claimed(Bound bound, boolean claim) {}

  /**
   * Binds a channel to a case, unless an open case lives there, or another turn's claim holds it
   * ({@link #claimIn}); a binding left behind, or one of a closed case, is replaced.
   *
   * @throws ChannelTaken when another case lives in the channel
   */
  void bind(ChannelRef channel, CaseCode code) {
    bind(channel, code, null);
  }

  /**
   * Binds a channel to a case as {@link #bind(ChannelRef, CaseCode)} does, first trying to replace
   * the binding as the caller read it, when it read one that holds no open case: without reading it
   * again when it is still so.
   *
   * @param seen the code the caller read in the binding ('' for none), or null when it did not
   */
  void bind(ChannelRef channel, CaseCode code, String seen) {
    if (seen != null && bindIf(channel, code, seen)) {
      return;
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<Claimed> claimed = boundOrClaimed(channel);
      Optional<Bound> bound = claimed.map(Claimed::bound);
      if (bound.isPresent() && bound.get().live() != null) {
        if (bound.get().code().equals(code.value())) {
          return;
        }
        // A closed case frees its channel; it stays reachable by its code until it is erased.
        if (bound.get().live().status() != CaseStatus.CLOSED) {
          throw new ChannelTaken(channel);
        }
      } else if (claimed.filter(Claimed::claim).isPresent()
          && !bound.get().code().equals(code.value())) {
        // Another turn claimed the channel with its read, for a case it is about to commit.
        throw new ChannelTaken(channel);
      }
      if (bindIf(channel, code, bound.map(Bound::code).orElse(""))) {
        return;
      }
    }
    throw new ChannelTaken(channel);
  }

  /** Binds a channel to a case if it is still bound to {@code seen} ('' for nothing). */
  private boolean bindIf(ChannelRef channel, CaseCode code, String seen) {
    return Long.valueOf(1)
        .equals(BIND.run(redis, List.of(keys.channelCase(channel)), List.of(code.value(), seen)));
  }

  void release(ChannelRef channel, CaseCode code) {
    RELEASE.run(redis, List.of(keys.channelCase(channel)), List.of(code.value()));
  }

  /**
   * Claims a channel for a case in a pipeline, for {@code held} at most: binds it if it is still
   * bound to {@code seen} ('' for nothing), which must be a binding no case can live under again
   * (nothing, or a closed case), however long ago it was read. Another turn does not take a claim
   * that holds ({@link #bind}); the claimer's commit keeps it ({@link #keepIn}), and a claim its
   * turn did not commit is given back ({@link #giveBack}) or runs out.
   *
   * @return once the pipeline was sent, whether the channel is claimed
   */
  Supplier<Boolean> claimIn(
      AbstractPipeline pipeline, ChannelRef channel, CaseCode code, String seen, Duration held) {
    Supplier<Object> ran =
        BIND.resultIn(
            pipeline,
            redis,
            List.of(keys.channelCase(channel)),
            List.of(code.value(), seen, String.valueOf(held.toMillis())));
    return () -> Long.valueOf(1).equals(ran.get());
  }

  /**
   * Binds a channel for good in a pipeline, if it is still bound to (or claimed for) this case.
   *
   * @return once the pipeline was sent, whether it is
   */
  Supplier<Boolean> keepIn(AbstractPipeline pipeline, ChannelRef channel, CaseCode code) {
    Supplier<Object> ran =
        BIND.resultIn(
            pipeline,
            redis,
            List.of(keys.channelCase(channel)),
            List.of(code.value(), code.value()));
    return () -> Long.valueOf(1).equals(ran.get());
  }

  /**
   * Gives a channel claimed for a case back as it was, if the claim still holds it: bound to what
   * the claim replaced ({@code replaced}, '' for nothing).
   */
  void giveBack(ChannelRef channel, CaseCode code, String replaced) {
    if (replaced.isEmpty()) {
      release(channel, code);
    } else {
      BIND.run(redis, List.of(keys.channelCase(channel)), List.of(replaced, code.value()));
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The channel is bound first, then the case stored; a node that dies in between leaves a
   * binding to no case, which binds nothing and is replaced by the next case there.
   */
  @Override
  public void create(Case newCase) {
    if (redis.sismember(keys.erased(), newCase.code().value())) {
      throw new CodeTaken(newCase.code());
    }
    bind(newCase.channel(), newCase.code());
    Object outcome =
        CREATE.runBinary(
            redis,
            List.of(bytes(keys.caseDoc(newCase.code())), bytes(keys.caseErased(newCase.code()))),
            List.of(
                bytes(String.valueOf(documents.schema())),
                bytes(String.valueOf(newCase.revision())),
                documents.write(newCase)));
    if (outcome instanceof byte[] said && "code-taken".equals(text(said))) {
      release(newCase.channel(), newCase.code());
      throw new CodeTaken(newCase.code());
    }
    index(newCase);
  }

  @Override
  public List<Case> findByPerson(UserRef person) {
    return involving(person, findNaming(person));
  }

  /** The cases of {@code naming} this person takes part in or asked to join. */
  static List<Case> involving(UserRef person, List<Case> naming) {
    return naming.stream().filter(c -> c.team().involves(person)).toList();
  }

  /**
   * {@inheritDoc}
   *
   * <p>In two round trips: the person's index, then every case in it at once.
   */
  @Override
  public List<Case> findNaming(UserRef person) {
    return naming(person, redis.smembers(keys.personCases(person)));
  }

  /**
   * The cases a person's index holds, as read, that name them, in one round trip ({@link
   * #namingIn}).
   */
  List<Case> naming(UserRef person, Set<String> indexed) {
    Supplier<List<Case>> naming;
    try (AbstractPipeline pipeline = redis.pipelined()) {
      naming = namingIn(pipeline, person, indexed);
      pipeline.sync();
    }
    return naming.get();
  }

  /** Reads a person's index of cases in a pipeline, for {@link #namingIn}. */
  Response<Set<String>> indexIn(AbstractPipeline pipeline, UserRef person) {
    return pipeline.smembers(keys.personCases(person));
  }

  /**
   * Reads every case a person's index holds, as read, in a pipeline: once it is synced, the cases
   * that name the person ({@link #findNaming}); an entry whose case is gone or no longer names them
   * is dropped from the index then, in one more round trip.
   */
  Supplier<List<Case>> namingIn(AbstractPipeline pipeline, UserRef person, Set<String> indexed) {
    Map<CaseCode, Response<List<byte[]>>> records = new LinkedHashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (String code : indexed) {
      if (CaseCode.isValid(code)) {
        records.put(new CaseCode(code), recordIn(pipeline, new CaseCode(code)));
      } else {
        unreadable.add(code);
      }
    }
    return () -> naming(person, unreadable, records);
  }

  /**
   * The cases a person's index holds, as read, that name them, as {@link #namingIn} gives them:
   * those whose records were read with the index already taken from {@code read}, the others read
   * in one more round trip (none when {@code read} holds every case in the index).
   */
  List<Case> naming(
      UserRef person, Set<String> indexed, Map<CaseCode, Response<List<byte[]>>> read) {
    Map<CaseCode, Response<List<byte[]>>> records = new LinkedHashMap<>();
    List<String> unreadable = new ArrayList<>();
    List<CaseCode> missing = new ArrayList<>();
    for (String code : indexed) {
      if (!CaseCode.isValid(code)) {
        unreadable.add(code);
      } else if (read.containsKey(new CaseCode(code))) {
        records.put(new CaseCode(code), read.get(new CaseCode(code)));
      } else {
        missing.add(new CaseCode(code));
      }
    }
    if (!missing.isEmpty()) {
      try (AbstractPipeline pipeline = redis.pipelined()) {
        missing.forEach(code -> records.put(code, recordIn(pipeline, code)));
        pipeline.sync();
      }
    }
    return naming(person, unreadable, records);
  }

  /**
   * The cases of these records that name the person; an index entry whose case is gone or no longer
   * names them, or that is no case code, is dropped from the index, in one more round trip.
   */
  private List<Case> naming(
      UserRef person, List<String> unreadable, Map<CaseCode, Response<List<byte[]>>> records) {
    List<String> gone = new ArrayList<>(unreadable);
    List<Case> found = new ArrayList<>();
    records.forEach(
        (code, record) -> {
          Case c = read(code, record.get());
          if (c != null && c.team().names(person)) {
            found.add(c);
          } else {
            gone.add(code.value());
          }
        });
    if (!gone.isEmpty()) {
      // Erased, forgotten or declined since it was indexed: the index follows the documents.
      redis.srem(keys.personCases(person), gone.toArray(String[]::new));
    }
    return found;
  }

  /**
   * Adds the case to the overview index of everyone in it; derived data, so a retry is harmless.
   */
  void index(Case c) {
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (UserRef person : c.team().namedPeople()) {
        pipeline.sadd(keys.personCases(person), c.code().value());
      }
      pipeline.sync();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A case that is gone (erased since it was read) also fails with {@link ConcurrentChange}:
   * reading it again shows why.
   */
  @Override
  public Case update(Case changed) {
    Object outcome =
        UPDATE.runBinary(
            redis,
            List.of(bytes(keys.caseDoc(changed.code()))),
            List.of(
                bytes(String.valueOf(changed.revision())),
                bytes(String.valueOf(documents.schema())),
                documents.write(changed)));
    long revision = (Long) outcome;
    if (revision < 0) {
      throw new ConcurrentChange(changed.code(), changed.revision());
    }
    Case stored = changed.atRevision(revision);
    index(stored);
    return stored;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The new channel is bound first, then the case stored at the revision read, then the old
   * channel let go; a node that dies in between leaves a binding whose case does not live there,
   * which binds nothing.
   */
  @Override
  public Case move(Case moved, ChannelRef from) {
    bind(moved.channel(), moved.code());
    Case stored;
    try {
      stored = update(moved);
    } catch (ConcurrentChange e) {
      release(moved.channel(), moved.code());
      throw e;
    }
    release(from, moved.code());
    return stored;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
