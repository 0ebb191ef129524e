package kring.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import kring.core.cases.CaseCode;
import kring.core.operations.Meters;
import kring.core.store.CaseSchedule;
import kring.scheduler.planning.DuePrompt;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Fate;
import kring.scheduler.planning.PromptFate;
import kring.scheduler.planning.PromptKind;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The due list in Redis. Each case keeps its own prompts under its hash tag — planned ids by due
 * time, the prompts by id (as {@link PromptRecords} stores them), the ids put off, claimed (by
 * lease expiry) and handed out — so that every change to them is one script in one Redis Cluster
 * slot. One shared index, {@link RedisKeys#wakeDue}, tells the pollers which cases have something
 * due when; it is derived from the cases' own keys, written after them, and rebuilt by {@link
 * #repair} when an entry was lost.
 */
public final class RedisDuePrompts implements DuePrompts {

  private static final LuaScript REPLACE = LuaScript.named("due-replace.lua", "due-plan.lua");
  private static final LuaScript CLAIM = LuaScript.named("due-claim.lua", "due-plan.lua");
  private static final LuaScript DONE = LuaScript.named("due-done.lua", "due-plan.lua");
  private static final LuaScript LATER = LuaScript.named("due-later.lua", "due-plan.lua");
  private static final LuaScript COUNT = LuaScript.named("due-count.lua");
  private static final LuaScript TOUCH = LuaScript.named("wake-touch.lua");
  private static final LuaScript SETTLE = LuaScript.named("wake-settle.lua");

  /** How long a handed-out prompt is remembered after its window ended. */
  static final Duration REMEMBERED = Duration.ofDays(1);

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Meters meters;

  public RedisDuePrompts(UnifiedJedis redis, RedisKeys keys) {
    this(redis, keys, Meters.NONE);
  }

  /**
   * @param meters told how many prompts each claim took over from a node whose lease ran out
   */
  public RedisDuePrompts(UnifiedJedis redis, RedisKeys keys, Meters meters) {
    this.redis = redis;
    this.keys = keys;
    this.meters = meters;
  }

  @Override
  public void replace(CaseCode code, List<DuePrompt> prompts) {
    List<String> args = new ArrayList<>();
    for (DuePrompt prompt : prompts) {
      if (!prompt.caseCode().equals(code)) {
        throw new IllegalArgumentException(prompt.id() + " does not belong to case " + code);
      }
      args.add(prompt.id());
      args.add(ms(prompt.dueAt()));
      args.add(PromptRecords.write(prompt));
      args.add(prompt.kind().personal() ? "1" : "0");
    }
    Object earliest =
        REPLACE.run(
            redis,
            List.of(
                keys.dueOfCase(code),
                keys.duePrompts(code),
                keys.dueLater(code),
                keys.dueClaimed(code),
                keys.dueSent(code)),
            args);
    if (earliest instanceof String at) {
      wake(code, at);
    }
  }

  @Override
  public List<DuePrompt> claim(Instant now, int max, Duration lease) {
    if (max < 1 || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("Claim at least one prompt, with a lease");
    }
    List<DuePrompt> claimed = new ArrayList<>();
    int takenOver = 0;
    while (claimed.size() < max) {
      List<Tuple> cases =
          redis.zrangeByScoreWithScores(
              keys.wakeDue(), Double.NEGATIVE_INFINITY, now.toEpochMilli(), 0, max);
      if (cases.isEmpty()) {
        break;
      }
      int before = claimed.size();
      int each = Math.max(1, (max - before) / cases.size());
      List<List<String>> keyLists = new ArrayList<>();
      List<List<String>> argLists = new ArrayList<>();
      for (Tuple c : cases) {
        CaseCode code = code(c.getElement());
        keyLists.add(
            code == null
                ? List.of(keys.wakeDue())
                : List.of(
                    keys.dueOfCase(code),
                    keys.duePrompts(code),
                    keys.dueLater(code),
                    keys.dueClaimed(code)));
        argLists.add(List.of(ms(now), String.valueOf(lease.toMillis()), String.valueOf(each)));
      }
      List<List<String>> settleKeys = new ArrayList<>();
      List<List<String>> settleArgs = new ArrayList<>();
      List<Object> results = runClaims(cases, keyLists, argLists);
      for (int i = 0; i < cases.size(); i++) {
        List<?> result = (List<?>) results.get(i);
        takenOver += ((Long) result.get(1)).intValue();
        for (int j = 2; j + 1 < result.size(); j += 2) {
          claimed.add(PromptRecords.read((String) result.get(j), (String) result.get(j + 1)));
        }
        settleKeys.add(List.of(keys.wakeDue()));
        settleArgs.add(
            List.of(
                cases.get(i).getElement(),
                String.format("%d", (long) cases.get(i).getScore()),
                (String) result.get(0)));
      }
      SETTLE.runEach(redis, settleKeys, settleArgs);
      if (claimed.size() == before) {
        // Every case looked at had nothing due after all (or was changed meanwhile): enough.
        break;
      }
    }
    if (takenOver > 0) {
      meters.takenOver(Meters.Work.PROMPTS, takenOver);
    }
    claimed.sort(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id));
    return claimed;
  }

  /**
   * Runs the claim of each case; an index entry that names no case (damaged by hand) claims nothing
   * and is dropped.
   */
  private List<Object> runClaims(
      List<Tuple> cases, List<List<String>> keyLists, List<List<String>> argLists) {
    List<Integer> real = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      if (code(cases.get(i).getElement()) != null) {
        real.add(i);
      }
    }
    List<Object> ran =
        real.isEmpty()
            ? List.of()
            : CLAIM.runEach(
                redis,
                real.stream().map(keyLists::get).toList(),
                real.stream().map(argLists::get).toList());
    List<Object> results = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      int at = real.indexOf(i);
      results.add(at < 0 ? List.of("", 0L) : ran.get(at));
    }
    return results;
  }

  @Override
  public void done(List<DuePrompt> finished, Instant now) {
    java.util.Map<CaseCode, List<String>> byCase = new java.util.LinkedHashMap<>();
    for (DuePrompt prompt : finished) {
      List<String> args =
          byCase.computeIfAbsent(
              prompt.caseCode(),
              c -> new ArrayList<>(List.of(ms(now), String.valueOf(REMEMBERED.toMillis()))));
      args.add(prompt.id());
      args.add(ms(prompt.validUntil()));
    }
    if (byCase.isEmpty()) {
      return;
    }
    List<List<String>> keyLists = new ArrayList<>();
    for (CaseCode code : byCase.keySet()) {
      keyLists.add(List.of(keys.duePrompts(code), keys.dueClaimed(code), keys.dueSent(code)));
    }
    DONE.runEach(redis, keyLists, new ArrayList<>(byCase.values()));
  }

  @Override
  public void later(DuePrompt moved) {
    putOff(moved).run();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The pollers' index is told afterwards, as after a commit: a node that dies before leaves it
   * to {@link #repair}.
   */
  @Override
  public Runnable putOff(DuePrompt moved) {
    CaseCode code = moved.caseCode();
    LATER.run(redis, laterKeys(code), laterArgs(moved));
    return () -> wake(code, ms(moved.dueAt()));
  }

  /**
   * The keys a put-off writes, in the order its script (put_off in due-plan.lua) takes them: all of
   * the case's slot.
   */
  List<String> laterKeys(CaseCode code) {
    return List.of(
        keys.dueOfCase(code), keys.duePrompts(code), keys.dueLater(code), keys.dueClaimed(code));
  }

  /** What a put-off's script is given of the prompt: its id, new due time and stored value. */
  static List<String> laterArgs(DuePrompt moved) {
    return List.of(moved.id(), ms(moved.dueAt()), PromptRecords.write(moved));
  }

  /**
   * Tells the pollers in {@code pipeline} that the case of a prompt put off has it due again then,
   * as the step {@link #putOff} returns does; the step returned, taken once the pipeline was sent,
   * tells them on its own where Redis did not know the script.
   */
  Runnable wakeIn(AbstractPipeline pipeline, DuePrompt moved) {
    CaseCode code = moved.caseCode();
    return TOUCH.runIn(
        pipeline, redis, List.of(keys.wakeDue()), List.of(code.value(), ms(moved.dueAt())));
  }

  @Override
  public List<DuePrompt> planned(CaseCode code) {
    List<String> ids = redis.zrange(keys.dueOfCase(code), 0, -1);
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> stored = redis.hmget(keys.duePrompts(code), ids.toArray(String[]::new));
    Map<String, String> byId = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byId.put(ids.get(i), stored.get(i));
    }
    return planned(ids, byId::get);
  }

  /** The planned prompts of these ids, earliest first, with the record each has (null: none). */
  private static List<DuePrompt> planned(List<String> ids, Function<String, String> records) {
    List<DuePrompt> planned = new ArrayList<>();
    for (String id : ids) {
      String record = records.apply(id);
      if (record != null) {
        planned.add(PromptRecords.read(id, record));
      }
    }
    planned.sort(Comparator.comparing(DuePrompt::dueAt).thenComparing(DuePrompt::id));
    return planned;
  }

  /**
   * Reads a case's schedule in a pipeline: the ids planned, every prompt record of the case (of
   * which the planned ones are kept) and the counts, so that it needs no round trip of its own.
   */
  Supplier<CaseSchedule> scheduleIn(AbstractPipeline pipeline, CaseCode code) {
    Response<List<String>> ids = pipeline.zrange(keys.dueOfCase(code), 0, -1);
    Response<Map<String, String>> records = pipeline.hgetAll(keys.duePrompts(code));
    Response<Map<String, String>> counts = pipeline.hgetAll(keys.dueCounts(code));
    return () ->
        new CaseSchedule(code, planned(ids.get(), records.get()::get), countsFrom(counts.get()));
  }

  @Override
  public void forget(CaseCode code) {
    redis.del(
        keys.dueOfCase(code),
        keys.duePrompts(code),
        keys.dueLater(code),
        keys.dueClaimed(code),
        keys.dueSent(code));
    redis.zrem(keys.wakeDue(), code.value());
  }

  @Override
  public void count(List<PromptFate> fates) {
    Map<CaseCode, Map<String, Long>> byCase = new LinkedHashMap<>();
    for (PromptFate fate : fates) {
      byCase
          .computeIfAbsent(fate.caseCode(), c -> new LinkedHashMap<>())
          .merge(field(fate.kind(), fate.fate()), 1L, Long::sum);
    }
    if (byCase.isEmpty()) {
      return;
    }
    List<List<String>> keyLists = new ArrayList<>();
    List<List<String>> argLists = new ArrayList<>();
    byCase.forEach(
        (code, counts) -> {
          keyLists.add(List.of(keys.dueCounts(code)));
          List<String> args = new ArrayList<>();
          counts.forEach(
              (field, n) -> {
                args.add(field);
                args.add(String.valueOf(n));
              });
          argLists.add(args);
        });
    COUNT.runEach(redis, keyLists, argLists);
  }

  @Override
  public Map<PromptKind, Map<Fate, Long>> counts(CaseCode code) {
    return countsFrom(redis.hgetAll(keys.dueCounts(code)));
  }

  /** The counts a case's counts hash holds; a field a person edited by hand is left out. */
  private static Map<PromptKind, Map<Fate, Long>> countsFrom(Map<String, String> stored) {
    Map<PromptKind, Map<Fate, Long>> counts = new EnumMap<>(PromptKind.class);
    stored.forEach(
        (field, n) -> {
          String[] parts = field.split(":", 2);
          Optional<PromptKind> kind = named(PromptKind.class, parts[0]);
          Optional<Fate> fate = parts.length == 2 ? named(Fate.class, parts[1]) : Optional.empty();
          if (kind.isPresent() && fate.isPresent() && n.matches("\\d{1,18}")) {
            counts
                .computeIfAbsent(kind.get(), k -> new EnumMap<>(Fate.class))
                .put(fate.get(), Long.parseLong(n));
          }
        });
    return counts;
  }

  /** A constant by its name; empty for a field a person edited by hand. */
  private static <E extends Enum<E>> Optional<E> named(Class<E> type, String name) {
    try {
      return Optional.of(Enum.valueOf(type, name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String field(PromptKind kind, Fate fate) {
    return kind.name() + ":" + fate.name();
  }

  /**
   * Forgets one person's prompts in a case: planned, put off, claimed and handed out, for a person
   * who asked to be forgotten.
   */
  void forget(CaseCode code, String personKey) {
    String suffix = "/" + personKey;
    List<String> ids = new ArrayList<>(redis.hkeys(keys.duePrompts(code)));
    ids.addAll(redis.zrange(keys.dueSent(code), 0, -1));
    for (String id : ids) {
      if (id.endsWith(suffix)) {
        redis.zrem(keys.dueOfCase(code), id);
        redis.hdel(keys.duePrompts(code), id);
        redis.srem(keys.dueLater(code), id);
        redis.zrem(keys.dueClaimed(code), id);
        redis.zrem(keys.dueSent(code), id);
      }
    }
  }

  /**
   * Rebuilds the pollers' index from the cases' own keys: a case with something planned or claimed
   * that the index lost (its node died between writing the case and the index) is found again.
   *
   * @return how many cases the index lacked
   */
  public int repair() {
    int repaired = 0;
    String anyCase = keys.caseTag(new CaseCode("K-2222")).replace("K-2222", "*");
    for (String part : List.of("due", "claimed")) {
      for (String key : RedisScan.keys(redis, anyCase + part)) {
        Optional<CaseCode> code = codeOfKey(key, "}:" + part);
        if (code.isEmpty() || redis.zscore(keys.wakeDue(), code.get().value()) != null) {
          continue;
        }
        Optional<Long> earliest = earliest(code.get());
        if (earliest.isPresent()) {
          wake(code.get(), String.valueOf(earliest.get()));
          repaired++;
        }
      }
    }
    return repaired;
  }

  private Optional<Long> earliest(CaseCode code) {
    List<Tuple> due = redis.zrangeWithScores(keys.dueOfCase(code), 0, 0);
    List<Tuple> claimed = redis.zrangeWithScores(keys.dueClaimed(code), 0, 0);
    return java.util.stream.Stream.concat(due.stream(), claimed.stream())
        .map(t -> (long) t.getScore())
        .min(Long::compare);
  }

  private Optional<CaseCode> codeOfKey(String key, String suffix) {
    int open = key.indexOf('{');
    if (open < 0 || !key.endsWith(suffix)) {
      return Optional.empty();
    }
    return Optional.ofNullable(code(key.substring(open + 1, key.length() - suffix.length())));
  }

  void wake(CaseCode code, String at) {
    TOUCH.run(redis, List.of(keys.wakeDue()), List.of(code.value(), at));
  }

  private static CaseCode code(String value) {
    return CaseCode.isValid(value) ? new CaseCode(value) : null;
  }

  private static String ms(Instant at) {
    return String.valueOf(at.toEpochMilli());
  }
}
