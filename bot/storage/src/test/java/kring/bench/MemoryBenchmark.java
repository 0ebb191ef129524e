package kring.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.conversation.KringConversation;
import kring.core.conversation.ScheduledPrompts;
import kring.core.conversation.Speaker;
import kring.core.conversation.family.MemoryFamilyLinks;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.OutboxRelay;
import kring.core.outbox.Posted;
import kring.core.reply.Buttons;
import kring.core.reply.Chart;
import kring.core.reply.Form;
import kring.json.KringJson;
import kring.scheduler.planning.Planner;
import kring.storage.RedisCaseStore;
import kring.storage.RedisCases;
import kring.storage.RedisConnections;
import kring.storage.RedisDuePrompts;
import kring.storage.RedisErasure;
import kring.storage.RedisKeys;
import kring.storage.RedisOutbox;
import kring.storage.RedisPeople;
import kring.storage.RedisPromptBudget;
import kring.storage.RedisRetentionIndex;
import kring.storage.RedisRetractions;
import kring.testing.LocalRedisServer;
import kring.testing.MovableClock;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.SafeEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How much Redis an agreed case takes, freshly agreed and after a school year of prompts. A Redis
 * of its own (no snapshots, no append-only file) gets 1,000 agreed cases of four partners on Slack
 * (four people each, nobody in two cases); then a clock walks the school year in half hours, the
 * prompt sender runs at every step as each node's would, an outbox relay delivers every message to
 * a stand-in of Slack that gives out ids as Slack does (so that what Kring posted is kept as in
 * production), and the partners answer: about 60% of check-in invitations with the form, about 60%
 * of "any news?" prompts (half with an update, half with "nothing new"). Prints Redis's memory per
 * case and, per kind of key, what {@code MEMORY USAGE} says the keys take; asserts nothing about
 * size. Run: {@code ./mvnw -B -pl bot/storage -am test -Dtest=MemoryBenchmark
 * -Dkring.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false} ({@code
 * -Dkring.benchmark.cases=1000}).
 */
@EnabledIfSystemProperty(named = "kring.benchmark", matches = "true")
class MemoryBenchmark {

  static final int CASES = Integer.getInteger("kring.benchmark.cases", 1_000);
  static final double ANSWERING = 0.6;
  static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 1);
  static final LocalDate LAST_DAY = LocalDate.of(2027, 6, 30);
  static final String TEAM = "T04KR1NG7QZ";
  static final Duration STEP = Duration.ofMinutes(30);

  final RedisKeys keys = RedisKeys.standard();

  @Test
  void aSchoolYearOfPromptsInAThousandAgreedCases() {
    try (LocalRedisServer server = LocalRedisServer.start("save \"\"", "appendonly no");
        UnifiedJedis redis = RedisConnections.open(server.url())) {
      long start = System.nanoTime();
      School school = new School(redis);
      long empty = usedMemory(redis);
      school.agree();
      Measure fresh = Measure.of(redis, keys, empty);
      fresh.print("freshly agreed (" + FIRST_DAY + ")");
      System.out.printf(Locale.ROOT, "%nmonth     used/case  keys/case%n");
      school.live(
          month -> {
            Measure now = Measure.of(redis, keys, empty);
            System.out.printf(
                Locale.ROOT,
                "%-8s %7.0f B %9.1f%n",
                month,
                now.usedPerCase(),
                (double) now.keys / CASES);
          });
      Measure year = Measure.of(redis, keys, empty);
      year.print("after the school year (" + LAST_DAY + ")");
      System.out.printf(
          Locale.ROOT,
          "%nper case over the year: %.1f messages delivered, %.1f ids of what was posted (%.1f"
              + " messages in the channel, %.1f in direct messages), %.1f check-in answers, %.1f"
              + " updates, %.1f \"nothing new\"; took %d s%n",
          (double) school.delivered / CASES,
          (double) school.postedIds / CASES,
          (double) school.inChannel / CASES,
          (double) school.inDirect / CASES,
          (double) school.checkInAnswers / CASES,
          (double) school.updates / CASES,
          (double) school.nothingNew / CASES,
          Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }
  }

  /** Kring on one Redis, with its partners, a clock and a stand-in of Slack. */
  final class School {
    final UnifiedJedis redis;
    final MovableClock clock =
        new MovableClock(FIRST_DAY.atTime(8, 0).atZone(BRUSSELS).toInstant(), BRUSSELS);
    final RedisCases cases;
    final ScheduledPrompts prompts;
    final KringConversation kring;
    final OutboxRelay relay;
    final RedisRetentionIndex retention;
    final SplittableRandom random = new SplittableRandom(13);
    final Queue<Runnable> answers = new ArrayDeque<>();
    final Set<String> decided = new HashSet<>();
    long delivered;
    long inChannel;
    long inDirect;
    long postedIds;
    long checkInAnswers;
    long updates;
    long nothingNew;
    long ts;

    School(UnifiedJedis redis) {
      this.redis = redis;
      cases = new RedisCases(redis, keys);
      RedisPeople people = new RedisPeople(redis, keys);
      RedisOutbox outbox = new RedisOutbox(redis, keys);
      RedisCaseStore store = new RedisCaseStore(redis, keys, clock);
      retention = new RedisRetentionIndex(redis, keys);
      prompts =
          new ScheduledPrompts(
              cases,
              people,
              new RedisDuePrompts(redis, keys),
              outbox,
              new Planner(BRUSSELS),
              new RedisPromptBudget(redis, keys),
              clock,
              () -> {},
              retention,
              store);
      kring =
          new KringConversation(
              cases,
              people,
              outbox,
              new CaseCodes(new SplittableRandom(7)),
              clock,
              () -> {},
              prompts,
              new RedisErasure(redis, keys),
              retention,
              store,
              new MemoryFamilyLinks(),
              KringConversation.LOCAL_URL);
      relay =
          new OutboxRelay(
              outbox,
              List.of(new StandInSlack()),
              clock,
              new SplittableRandom(11),
              letter -> {},
              (message, what) -> {},
              new RetractionsCounting(new RedisRetractions(redis, keys)));
    }

    /** Every case agreed on the first school day, a few seconds apart, and planned. */
    void agree() {
      for (int i = 0; i < CASES; i++) {
        Instant at = clock.instant().plusSeconds(i);
        List<UserRef> people = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
          people.add(new UserRef(Platform.SLACK, TEAM, slackId('U', i * 4 + p)));
        }
        Case c =
            Samples.activeCase(
                code(i),
                new ChannelRef(Platform.SLACK, TEAM, slackId('C', i)),
                people,
                CollaborationLevel.COORDINATION,
                at);
        cases.create(c);
        retention.active(c.code(), at);
        prompts.replan(c);
      }
    }

    /** Walks the school year in half hours; {@code monthly} is told the end of each month. */
    void live(Consumer<String> monthly) {
      Instant end = LAST_DAY.plusDays(1).atStartOfDay(BRUSSELS).toInstant();
      Instant step = clock.instant();
      LocalDate month = FIRST_DAY.withDayOfMonth(1);
      while (step.isBefore(end)) {
        step = step.plus(STEP);
        clock.set(step);
        LocalDate today = LocalDate.ofInstant(step, BRUSSELS);
        if (!today.withDayOfMonth(1).equals(month)) {
          monthly.accept(month.toString().substring(0, 7));
          month = today.withDayOfMonth(1);
        }
        prompts.runDue();
        deliverAndAnswer();
      }
      monthly.accept(month.toString().substring(0, 7));
    }

    /**
     * Delivers what is due, lets the partners answer what they got, and delivers their answers, a
     * second at a time (Slack's pace per conversation), until nothing is left to do this step.
     */
    void deliverAndAnswer() {
      for (int round = 0; round < 120; round++) {
        int handed = relay.deliverDue();
        Runnable answer;
        boolean answered = false;
        while ((answer = answers.poll()) != null) {
          answer.run();
          answered = true;
        }
        if (handed == 0 && !answered && redis.zcard(keys.outboxDue()) == 0) {
          return;
        }
        clock.advance(Duration.ofSeconds(1));
      }
    }

    /** What a partner does with a private prompt: answer some, let the rest be. */
    void received(OutboundMessage message) {
      if (message.kind() != MessageKind.REMINDER || message.to().person() == null) {
        return;
      }
      Speaker partner = new Speaker(message.to().person(), null);
      ChannelRef dm = new ChannelRef(Platform.SLACK, TEAM, dm(partner.user()));
      for (Buttons.Button button : buttons(message)) {
        if (button.action().equals("check-in.pick")) {
          // A check-in card: its round is the start of each answer button's value.
          String[] named = button.value().split(":");
          String decision = partner.user().key() + " " + named[0] + ":" + named[1];
          if (decided.add(decision) && random.nextDouble() < ANSWERING) {
            List<Buttons.Button> card =
                buttons(message).stream()
                    .filter(b -> b.value().startsWith(named[0] + ":" + named[1] + ":"))
                    .toList();
            answers.add(() -> answerCheckIn(partner, dm, card));
          }
        } else if (button.action().equals("update.nothing-new")) {
          if (random.nextDouble() < ANSWERING) {
            Optional<Buttons.Button> post =
                buttons(message).stream()
                    .filter(b -> b.value().startsWith("update.post "))
                    .findFirst();
            if (random.nextBoolean() && post.isPresent()) {
              answers.add(() -> postUpdate(partner, dm, post.get()));
            } else {
              answers.add(() -> nothingNew(partner, dm, button));
            }
          }
        }
      }
    }

    /** One click per question, as a partner answers from the card. */
    void answerCheckIn(Speaker partner, ChannelRef dm, List<Buttons.Button> card) {
      String[] choices = {"yes", "yes", "partly", "no"};
      for (String question : List.of("goal-on-track", "got-what-needed", "clear-who-does-what")) {
        String pick = ":" + question + ":" + choices[random.nextInt(choices.length)];
        card.stream()
            .filter(b -> b.value().contains(pick))
            .findFirst()
            .ifPresent(b -> kring.press(partner, dm, b.action(), b.value()));
      }
      checkInAnswers++;
    }

    void postUpdate(Speaker partner, ChannelRef dm, Buttons.Button open) {
      Optional<Form> form = kring.press(partner, dm, open.action(), open.value()).formToShow();
      if (form.isEmpty()) {
        return;
      }
      Map<String, String> values = filled(form.get());
      values.put("text", "Came to school four days this week; the maths catch-up goes well.");
      values.put("feedback", "nobody");
      if (kring.submit(partner, dm, form.get().id(), values).closeForm()) {
        updates++;
      }
    }

    void nothingNew(Speaker partner, ChannelRef dm, Buttons.Button button) {
      kring.press(partner, dm, button.action(), button.value());
      nothingNew++;
    }

    /** Slack as Kring's messenger sees it: ids for what it posts, nothing for ephemeral answers. */
    final class StandInSlack implements Messenger {
      @Override
      public Platform platform() {
        return Platform.SLACK;
      }

      @Override
      public Duration pace() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Delivery deliver(OutboundMessage message) {
        delivered++;
        received(message);
        String team = message.to().channel().space();
        String in;
        if (!message.to().isPrivate()) {
          in = message.to().channel().channel();
          inChannel++;
        } else if (message.kind() == MessageKind.ANSWER) {
          return new Delivery.Delivered();
        } else {
          in = dm(message.to().person());
          inDirect++;
        }
        List<Posted> posted = new ArrayList<>();
        posted.add(Posted.message(Platform.SLACK, team, in, timestamp()));
        message.reply().blocks().stream()
            .filter(Chart.class::isInstance)
            .forEach(chart -> posted.add(Posted.file(Platform.SLACK, team, slackId('F', ++ts))));
        return new Delivery.Delivered(posted);
      }

      /** A Slack message timestamp: the second it was posted and a sequence within it. */
      String timestamp() {
        return String.format(
            Locale.ROOT, "%d.%06d", clock.instant().getEpochSecond(), ++ts % 1_000_000);
      }
    }

    /** Counts what the relay keeps of what was posted, and keeps it. */
    final class RetractionsCounting implements kring.core.outbox.Retractions {
      final RedisRetractions kept;

      RetractionsCounting(RedisRetractions kept) {
        this.kept = kept;
      }

      @Override
      public void posted(CaseCode code, List<Posted> posted) {
        postedIds += posted.size();
        kept.posted(code, posted);
      }

      @Override
      public List<Retracting> claim(Instant now, int max, Duration lease) {
        return kept.claim(now, max, lease);
      }

      @Override
      public void finished(Retracting item) {
        kept.finished(item);
      }

      @Override
      public void retry(Retracting item, Instant at, boolean counted) {
        kept.retry(item, at, counted);
      }

      @Override
      public long waiting() {
        return kept.waiting();
      }

      @Override
      public void resume(kring.core.identity.Platform platform, String origin) {
        kept.resume(platform, origin);
      }
    }
  }

  static List<Buttons.Button> buttons(OutboundMessage message) {
    return message.reply().blocks().stream()
        .filter(Buttons.class::isInstance)
        .flatMap(b -> ((Buttons) b).buttons().stream())
        .toList();
  }

  static Map<String, String> filled(Form form) {
    Map<String, String> values = new HashMap<>(form.hidden());
    form.inputs().forEach(i -> values.put(i.name(), i.value()));
    return values;
  }

  /** A person's direct-message channel with Kring, as Slack would name it. */
  static String dm(UserRef person) {
    return "D" + person.user().substring(1);
  }

  /** A Slack-looking id: a letter and ten upper-case letters and digits. */
  static String slackId(char kind, long n) {
    String digits = Long.toString(n * 7_919 + 104_729, 36).toUpperCase(Locale.ROOT);
    return kind + "0" + "0".repeat(Math.max(0, 9 - digits.length())) + digits;
  }

  static CaseCode code(int i) {
    String alphabet = CaseCode.ALPHABET;
    StringBuilder code = new StringBuilder("K-");
    int n = i;
    for (int d = 0; d < 4; d++) {
      code.append(alphabet.charAt(n % alphabet.length()));
      n /= alphabet.length();
    }
    return new CaseCode(code.toString());
  }

  static long usedMemory(UnifiedJedis redis) {
    return info(redis, "used_memory");
  }

  static long info(UnifiedJedis redis, String field) {
    for (String line : redis.info("memory").split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).strip());
      }
    }
    throw new IllegalStateException("INFO memory has no " + field);
  }

  /** What Redis holds now: its memory, and each kind of key's size by MEMORY USAGE. */
  static final class Measure {
    final long used;
    final long keys;
    final Map<String, Kind> kinds = new TreeMap<>();
    long docBytes;
    long auditLines;
    final List<CaseCode> codes = new ArrayList<>();
    final Map<String, Long> composition = new TreeMap<>();

    Measure(long used, long keys) {
      this.used = used;
      this.keys = keys;
    }

    double usedPerCase() {
      return (double) used / CASES;
    }

    static Measure of(UnifiedJedis redis, RedisKeys keys, long empty) {
      List<String> all = new ArrayList<>();
      ScanParams params = new ScanParams().count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, params);
        all.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      Measure measure = new Measure(usedMemory(redis) - empty, all.size());
      for (String key : all) {
        String kind = kind(keys.prefix(), key);
        String type = redis.type(key);
        Object encoded = redis.sendCommand(Protocol.Command.OBJECT, "ENCODING", key);
        Long bytes = redis.memoryUsage(key, 0);
        if (type.equals("none") || encoded == null || bytes == null) {
          continue; // expired since the scan (a pacing mark)
        }
        long entries =
            switch (type) {
              case "hash" -> redis.hlen(key);
              case "zset" -> redis.zcard(key);
              case "set" -> redis.scard(key);
              case "list" -> redis.llen(key);
              default -> 1;
            };
        String encoding = SafeEncoder.encode((byte[]) encoded);
        measure.kinds.computeIfAbsent(kind, k -> new Kind()).add(bytes, entries, encoding);
        if (kind.equals("case: document")) {
          measure.docBytes += redis.hstrlen(key, "doc");
          String tag = key.substring(key.indexOf('{') + 1, key.indexOf('}'));
          measure.codes.add(new CaseCode(tag));
        }
      }
      JsonMapper json = KringJson.mapper();
      for (Case c : new RedisCases(redis, keys).findAll(measure.codes).values()) {
        JsonNode document = json.valueToTree(c);
        for (Map.Entry<String, JsonNode> field : document.properties()) {
          String name = field.getKey();
          if (field.getValue().isObject() && Set.of("activity", "settings").contains(name)) {
            for (Map.Entry<String, JsonNode> inner : field.getValue().properties()) {
              measure.composition.merge(
                  name + "." + inner.getKey(), length(json, inner.getValue()), Long::sum);
            }
          } else {
            measure.composition.merge(name, length(json, field.getValue()), Long::sum);
          }
        }
        measure.auditLines += c.audit().size();
      }
      return measure;
    }

    static long length(JsonMapper json, JsonNode node) {
      return json.writeValueAsString(node).length();
    }

    /** The kind of a key, by who owns it and what it is. */
    static String kind(String prefix, String key) {
      String k = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
      int close = k.indexOf("}:");
      if (k.startsWith("{K-") && close > 0) {
        String part = k.substring(close + 2);
        return "case: " + (part.equals("case") ? "document" : part);
      }
      if (k.startsWith("{p:") && k.lastIndexOf("}:") > 0) {
        return "person: " + k.substring(k.lastIndexOf("}:") + 2);
      }
      if (k.startsWith("{outbox}:")) {
        String part = k.substring("{outbox}:".length());
        int colon = part.indexOf(':');
        return "outbox: " + (colon < 0 ? part : part.substring(0, colon));
      }
      if (k.startsWith("{wake}:") || k.startsWith("{retention}:")) {
        return "index: " + k;
      }
      if (k.startsWith("channel:")) {
        return "index: channel";
      }
      int colon = k.indexOf(':');
      return "other: " + (colon < 0 ? k : k.substring(0, colon));
    }

    void print(String when) {
      long total = kinds.values().stream().mapToLong(k -> k.bytes).sum();
      System.out.printf(
          Locale.ROOT,
          "%n%s: used_memory %d B per case (%d keys), MEMORY USAGE %d B per case%n",
          when,
          Math.round(usedPerCase()),
          keys,
          Math.round((double) total / CASES));
      System.out.printf(
          Locale.ROOT,
          "%-28s %7s %10s %12s  %s%n",
          "kind",
          "keys",
          "B/case",
          "entries/key",
          "encodings");
      kinds.forEach(
          (name, kind) ->
              System.out.printf(
                  Locale.ROOT,
                  "%-28s %7d %10.0f %12.1f  %s%n",
                  name,
                  kind.keys,
                  (double) kind.bytes / CASES,
                  (double) kind.entries / kind.keys,
                  kind.encodings));
      Kind docs = kinds.get("case: document");
      if (docs != null) {
        System.out.printf(
            Locale.ROOT,
            "case document: %.0f B stored on average; as JSON, by field (B per case):%n",
            (double) docBytes / docs.keys);
        composition.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .filter(e -> e.getValue() >= 20L * codes.size())
            .forEach(
                e ->
                    System.out.printf(
                        Locale.ROOT,
                        "  %-24s %6.0f%n",
                        e.getKey(),
                        (double) e.getValue() / codes.size()));
        System.out.printf(
            Locale.ROOT, "  audit lines: %.1f per case%n", (double) auditLines / codes.size());
      }
    }
  }

  /** One kind of key: how many, their bytes and entries, and how Redis encoded them. */
  static final class Kind {
    long keys;
    long bytes;
    long entries;
    final Map<String, Integer> encodings = new TreeMap<>();

    void add(long bytes, long entries, String encoding) {
      keys++;
      this.bytes += bytes;
      this.entries += entries;
      encodings.merge(encoding, 1, Integer::sum);
    }
  }
}
