package kring.storage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.CodeTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.outbox.OutboundMessage;
import kring.core.store.CaseCommit;
import kring.core.store.CaseStore;
import kring.core.store.DeliveredBefore;
import kring.json.KringJson;
import kring.scheduler.planning.DuePrompt;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * One turn, one commit, in Redis: a single script in the case's own Redis Cluster slot writes the
 * case at the revision the turn read, the messages it sends (kept with the case), its planned
 * prompts and the due prompts it finished. What lives elsewhere follows, each step harmless to lose
 * and repaired from the case's own keys: the channel binding (written before, trusted only when the
 * case lives there), the messages handed to the outbox ({@link RedisHandIn}), the pollers' index of
 * due cases, the people's overview index and the retention clock's indexes (rebuilt at start from
 * what the commit stored in the case hash, {@link RedisCaseStartup}).
 */
public final class RedisCaseStore implements CaseStore {

  static final LuaScript COMMIT = LuaScript.named("case-commit.lua", "due-plan.lua");

  /**
   * How long a case remembers the platform deliveries it committed: longer than any platform
   * retries (Slack within minutes, Teams within its timeouts).
   */
  static final Duration DELIVERIES_REMEMBERED = Duration.ofHours(1);

  /** How long a commit waits for its replicas before it goes on with a warning. */
  static final Duration REPLICA_WAIT = Duration.ofSeconds(2);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final RedisCases cases;
  private final RedisOutbox outbox;
  private final RedisDuePrompts due;
  private final RedisHandIn handIn;
  private final CaseDocuments documents = new CaseDocuments(KringJson.mapper());
  private final JsonMapper json = KringJson.mapper();
  private final Clock clock;
  private final int replicasToConfirm;

  public RedisCaseStore(UnifiedJedis redis, RedisKeys keys, Clock clock) {
    this(redis, keys, clock, 0);
  }

  /**
   * @param replicasToConfirm how many replicas must hold a commit before it counts as done (a
   *     failover then loses nothing acknowledged); 0 for a Redis without replicas
   */
  public RedisCaseStore(UnifiedJedis redis, RedisKeys keys, Clock clock, int replicasToConfirm) {
    this.replicasToConfirm = replicasToConfirm;
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.cases = new RedisCases(redis, keys);
    this.outbox = new RedisOutbox(redis, keys);
    this.due = new RedisDuePrompts(redis, keys);
    this.handIn = new RedisHandIn(redis, keys);
  }

  @Override
  public Case commit(CaseCommit commit) {
    Case changed = commit.changed();
    Case read = commit.read();
    boolean moved = read != null && !read.channel().equals(changed.channel());
    boolean binds = read == null || moved;
    if (binds) {
      cases.bind(changed.channel(), changed.code());
    }
    if (!commit.messages().isEmpty()) {
      handIn.announce(changed.code(), clock.instant());
    }
    List<?> result;
    long revision;
    boolean committed = false;
    try {
      result =
          (List<?>)
              COMMIT.runConfirmedBinary(
                  redis, caseKeys(commit), args(commit), replicasToConfirm, REPLICA_WAIT);
      revision = (Long) result.get(0);
      if (revision == -3) {
        throw new DeliveredBefore(changed.code());
      }
      if (revision == -2) {
        throw new CodeTaken(changed.code());
      }
      if (revision < 0) {
        throw new ConcurrentChange(changed.code(), read == null ? 0 : read.revision());
      }
      committed = true;
    } finally {
      if (binds && !committed) {
        // The channel this case was to take stays as it was.
        cases.release(changed.channel(), changed.code());
      }
    }
    if (moved) {
      cases.release(read.channel(), changed.code());
    }
    Case stored = changed.atRevision(revision);
    if (!commit.messages().isEmpty()) {
      handIn.handIn(changed.code(), clock.instant());
    }
    String earliest = new String((byte[]) result.get(1), StandardCharsets.UTF_8);
    if (!earliest.isEmpty()) {
      due.wake(changed.code(), earliest);
    }
    cases.index(stored);
    return stored;
  }

  @Override
  public boolean delivered(CaseCode code, String delivery) {
    return redis.zscore(keys.caseDeliveries(code), delivery) != null;
  }

  private List<byte[]> caseKeys(CaseCommit commit) {
    var code = commit.changed().code();
    return Stream.of(
            keys.caseDoc(code),
            keys.caseErased(code),
            keys.caseOutbox(code),
            keys.dueOfCase(code),
            keys.duePrompts(code),
            keys.dueLater(code),
            keys.dueClaimed(code),
            keys.dueSent(code),
            keys.caseDeliveries(code))
        .map(RedisCases::bytes)
        .toList();
  }

  private List<byte[]> args(CaseCommit commit) {
    Args args = new Args();
    Case read = commit.read();
    args.add(read == null ? "=" + commit.changed().revision() : String.valueOf(read.revision()));
    args.add(String.valueOf(documents.schema()));
    args.add(documents.write(commit.changed()));
    args.add(String.valueOf(clock.millis()));
    args.add(String.valueOf(RedisDuePrompts.REMEMBERED.toMillis()));
    args.add(epochMillis(commit.lifetime().actedAt()));
    args.add(epochMillis(commit.lifetime().eraseAt()));
    args.add(commit.changed().status() == CaseStatus.CLOSED ? "1" : "0");
    args.add(commit.delivery() == null ? "" : commit.delivery());
    args.add(String.valueOf(DELIVERIES_REMEMBERED.toMillis()));
    args.add(String.valueOf(commit.messages().size()));
    for (OutboundMessage message : commit.messages()) {
      args.add(json.writeValueAsString(outbox.enqueueArgs(message)));
    }
    args.add(commit.plan().kind().name().toLowerCase(java.util.Locale.ROOT));
    args.add(String.valueOf(commit.plan().prompts().size()));
    for (DuePrompt prompt : commit.plan().prompts()) {
      args.add(prompt.id());
      args.add(String.valueOf(prompt.dueAt().toEpochMilli()));
      args.add(PromptRecords.write(prompt));
      args.add(prompt.kind().personal() ? "1" : "0");
    }
    args.add(String.valueOf(commit.finished().size()));
    for (DuePrompt prompt : commit.finished()) {
      args.add(prompt.id());
      args.add(String.valueOf(prompt.validUntil().toEpochMilli()));
    }
    return args.all;
  }

  private static String epochMillis(Instant at) {
    return at == null ? "" : String.valueOf(at.toEpochMilli());
  }

  /** A script's arguments: text as UTF-8, the stored case document as it is. */
  private static final class Args {
    final List<byte[]> all = new ArrayList<>();

    void add(String text) {
      all.add(RedisCases.bytes(text));
    }

    void add(byte[] bytes) {
      all.add(bytes);
    }
  }
}
