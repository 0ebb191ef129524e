package kring.storage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Cases;
import kring.core.cases.ChannelTaken;
import kring.core.cases.CodeTaken;
import kring.core.cases.ConcurrentChange;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.People;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.partners.Partner;
import kring.core.store.CaseCommit;
import kring.core.store.CaseSchedule;
import kring.core.store.CaseStore;
import kring.core.store.DeliveredBefore;
import kring.core.store.PlanWriter;
import kring.core.store.Sighting;
import kring.core.store.TurnMessages;
import kring.core.store.TurnRead;
import kring.json.KringJson;
import kring.scheduler.calendar.WorkingHours;
import kring.scheduler.planning.DuePrompt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * One turn, one commit, in Redis: a single script in the case's own Redis Cluster slot writes the
 * case at the revision the turn read, the messages it sends (kept with the case), its planned
 * prompts and the due prompts it finished. What lives elsewhere follows, each step harmless to lose
 * and repaired from the case's own keys: the channel binding (written before, trusted only when the
 * case lives there; claimed with the turn's read where it can be, and kept in the commit's round
 * trip), the messages handed to the outbox ({@link RedisHandIn}), the pollers' index of due cases,
 * the people's overview index and the retention clock's indexes (rebuilt at start from what the
 * commit stored in the case hash, {@link RedisCaseStartup}).
 */
public final class RedisCaseStore implements CaseStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisCaseStore.class);

  static final LuaScript COMMIT =
      LuaScript.named("case-commit.lua", "due-plan.lua", "case-keep.lua");

  /** Puts a prompt off for a turn that changed no case, with the messages that confirm it. */
  static final LuaScript PUT_OFF =
      LuaScript.named("case-put-off.lua", "due-plan.lua", "case-keep.lua");

  /** Decides on a delivery by its marks, and keeps a language chosen only for a new one. */
  private static final LuaScript SIGHT = LuaScript.named("delivery-sight.lua");

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
  private final RedisPeople people;

  /**
   * The open cases this node saw live in their channels, the most recent {@value #CHANNELS_KNOWN}:
   * a turn's read is checked against the case's own record, so one that moved, closed or was erased
   * since is only a wasted guess.
   */
  private final Map<ChannelRef, Known> channels = recent();

  /**
   * The most recently used {@value #CHANNELS_KNOWN} channels' entries put in it, for any thread.
   */
  private static <V> Map<ChannelRef, V> recent() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ChannelRef, V> eldest) {
            return size() > CHANNELS_KNOWN;
          }
        });
  }

  /** How many channels' cases a node keeps in mind for its turns' reads. */
  static final int CHANNELS_KNOWN = 10_000;

  /**
   * The bindings this node's turns last read of channels where no open case lives, the most recent
   * {@value #CHANNELS_KNOWN}: a turn that starts or moves a case there binds the channel if it is
   * still bound so, without reading it again (and reads it again when it is not). One that names a
   * closed case is one no case can live under again: a turn's read claims the channel if it is
   * still bound so ({@link RedisCases#claimIn}), however long ago it was read.
   */
  private final Map<ChannelRef, Seen> bindingsRead = recent();

  /** A channel's binding as read: the code it held ('' for none), and whether its case closed. */
  private record Seen(String code, boolean closed) {}

  /**
   * The channels this node's turns claimed with their reads, for the case each is to commit there,
   * with what the claim replaced ('' for nothing): the commit keeps the binding, else the claim is
   * given back ({@link #unclaimed}).
   */
  private final Map<ChannelRef, Claim> claims = recent();

  /** A channel claimed for a case, and what the claim replaced in its binding. */
  private record Claim(CaseCode code, String replaced) {}

  /**
   * How long a channel claimed with a turn's read stays claimed for it at most, unless its commit
   * keeps it: far longer than a turn takes from its read to its commit, and the longest a node that
   * dies in between keeps the channel from others.
   */
  static final Duration CLAIM_HELD = Duration.ofSeconds(30);

  private final Duration claimHeld;

  public RedisCaseStore(UnifiedJedis redis, RedisKeys keys, Clock clock) {
    this(redis, keys, clock, 0);
  }

  /**
   * @param replicasToConfirm how many replicas must hold a commit before it counts as done (a
   *     failover then loses nothing acknowledged); 0 for a Redis without replicas
   */
  public RedisCaseStore(UnifiedJedis redis, RedisKeys keys, Clock clock, int replicasToConfirm) {
    this(redis, keys, clock, replicasToConfirm, CLAIM_HELD);
  }

  /** A store whose turns' claims of a channel hold for {@code claimHeld} at most. */
  RedisCaseStore(
      UnifiedJedis redis, RedisKeys keys, Clock clock, int replicasToConfirm, Duration claimHeld) {
    this.claimHeld = claimHeld;
    this.replicasToConfirm = replicasToConfirm;
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
    this.cases = new RedisCases(redis, keys);
    this.outbox = new RedisOutbox(redis, keys);
    this.due = new RedisDuePrompts(redis, keys);
    this.handIn = new RedisHandIn(redis, keys);
    this.people = new RedisPeople(redis, keys);
  }

  @Override
  public Case commit(CaseCommit commit) {
    Case changed = commit.changed();
    Case read = commit.read();
    boolean moved = read != null && !read.channel().equals(changed.channel());
    boolean binds = read == null || moved;
    // The channel claimed with the turn's read, for this case: bound for good with the commit.
    Claim claim = binds ? claims.get(changed.channel()) : null;
    boolean claimed =
        claim != null
            && claim.code().equals(changed.code())
            && claims.remove(changed.channel(), claim);
    if (binds && !claimed) {
      Seen seen = bindingsRead.remove(changed.channel());
      cases.bind(changed.channel(), changed.code(), seen == null ? null : seen.code());
    }
    List<Supplier<Boolean>> kept = new ArrayList<>(1);
    List<?> result;
    long revision;
    boolean committed = false;
    try {
      result =
          (List<?>)
              COMMIT.runConfirmedBinary(
                  redis,
                  pipeline -> {
                    // In the commit's round trip, sent before it.
                    kept.clear();
                    if (claimed) {
                      kept.add(cases.keepIn(pipeline, changed.channel(), changed.code()));
                    }
                    if (!commit.messages().isEmpty()) {
                      handIn.announce(pipeline, changed.code(), clock.instant());
                    }
                  },
                  caseKeys(commit),
                  args(commit),
                  replicasToConfirm,
                  REPLICA_WAIT);
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
        if (claimed) {
          cases.giveBack(changed.channel(), changed.code(), claim.replaced());
        } else {
          cases.release(changed.channel(), changed.code());
        }
      }
    }
    if (claimed && !kept.get(0).get()) {
      // The claim ran out before the commit (a turn far slower than any should be): bound now,
      // as a case that lives here must be, unless another case took the channel meanwhile.
      try {
        cases.bind(changed.channel(), changed.code());
      } catch (ChannelTaken e) {
        LOG.warn(
            "Case {} was committed in {}, which another case took meanwhile",
            changed.code().value(),
            changed.channel().key());
      }
    }
    if (moved) {
      cases.release(read.channel(), changed.code());
    }
    Case stored = changed.atRevision(revision);
    if (moved) {
      channels.remove(read.channel());
    }
    if (stored.status() == CaseStatus.CLOSED) {
      channels.remove(stored.channel());
      // Its binding frees the channel for good: the next case there may claim it at once.
      bindingsRead.put(stored.channel(), new Seen(stored.code().value(), true));
    } else {
      remember(stored);
    }
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

  /**
   * {@inheritDoc}
   *
   * <p>In one round trip when this node knows the channel's case: its record and the languages of
   * the speaker and of the case's people together (with the speaker's working hours, kept beside
   * their language). The case counts only when it still lives in the channel and is open, for then
   * no other case can be bound there; else, and for a channel this node has not seen, the channel's
   * binding is read first, with the speaker's language and hours.
   */
  @Override
  public TurnRead read(ChannelRef channel, UserRef speaker, Cases ignored, People alsoIgnored) {
    return read(channel, speaker, ignored, alsoIgnored, Set.of());
  }

  /**
   * {@inheritDoc}
   *
   * <p>What else was asked for is read with the case: the case's schedule in its one round trip on
   * a node that knows the channel's case, else with the case the binding names; a case named by its
   * code with the case, or with the binding; the speaker's index of cases with their language (the
   * same Redis Cluster slot) and, on a node that knows the channel's case, the cases it saw them in
   * (its guess of what the index holds), and the cases in it not guessed in one round trip more
   * (with the case the binding names, on a node new to the channel). The channel asked for a case
   * the turn starts or moves there ({@link TurnRead.Extra#bindHere}) is claimed with the binding's
   * read, where it is free for good: not bound, or bound to a case this node saw closed ({@link
   * RedisCases#claimIn}); the commit then keeps it in its own round trip instead of binding it
   * before. Where the claim fails (another case, or a binding this node cannot tell free), the
   * commit binds as before. A language the speaker chose ({@link TurnRead.Extra#keepLanguage}) is
   * written to them in the read's first round trip (their key's slot), after their language is
   * read: it stands before the commit, or the messages that confirm it, go out. Whether the
   * platform sent the turn's delivery before ({@link TurnRead.Extra#firstSight}) is decided in the
   * same slot and round trip, by one script that writes the language only for a new delivery.
   */
  @Override
  public TurnRead read(
      ChannelRef channel,
      UserRef speaker,
      Cases ignored,
      People alsoIgnored,
      Set<TurnRead.Extra> extra) {
    boolean theirCases = extra.contains(TurnRead.Extra.SPEAKERS_CASES);
    // The language the speaker chose, written to them after their language is read.
    Optional<Language> kept = languageToKeep(extra);
    Map<CaseCode, Response<List<byte[]>>> named = new LinkedHashMap<>();
    Response<Set<String>> index = null;
    // What was found of the turn's delivery, once decided (null where it was not asked).
    Sighting.Found found = null;
    boolean decided = false;
    Known known = channels.get(channel);
    if (known != null) {
      Set<UserRef> asked = new LinkedHashSet<>();
      asked.add(speaker);
      asked.addAll(known.people());
      Response<List<byte[]>> record;
      Map<UserRef, Response<List<String>>> languages = new LinkedHashMap<>();
      Map<CaseCode, Response<List<byte[]>>> guessed = new LinkedHashMap<>();
      Supplier<CaseSchedule> schedule = null;
      Response<List<String>> family = null;
      try (AbstractPipeline pipeline = redis.pipelined()) {
        record = cases.recordIn(pipeline, known.code());
        asked.forEach(p -> languages.put(p, people.languageIn(pipeline, p)));
        if (extra.contains(TurnRead.Extra.SCHEDULE)) {
          schedule = due.scheduleIn(pipeline, known.code());
        }
        if (!known.represented().isEmpty()) {
          family =
              pipeline.hmget(
                  keys.family(known.code()),
                  known.represented().stream()
                      .map(RedisFamilyLinks::answersField)
                      .toArray(String[]::new));
        }
        if (theirCases) {
          index = cases.indexIn(pipeline, speaker);
          // With the index, the cases this node saw the speaker in: their guess of what it holds.
          guessed.put(known.code(), record);
          for (CaseCode code : casesSeenWith(speaker)) {
            guessed.computeIfAbsent(code, c -> cases.recordIn(pipeline, c));
          }
        }
        named(extra).forEach(code -> named.put(code, cases.recordIn(pipeline, code)));
        Supplier<Sighting.Found> sighted = keepAndSight(pipeline, speaker, extra, kept);
        pipeline.sync();
        found = sighted.get();
        decided = true;
      }
      Case here = cases.caseFrom(known.code(), record.get());
      if (here != null && here.channel().equals(channel) && here.status() != CaseStatus.CLOSED) {
        remember(here);
        Set<String> indexed = index == null ? null : index.get();
        return new TurnRead(
            Optional.of(here),
            asked,
            chosen(languages),
            hours(speaker, languages.get(speaker)),
            Optional.ofNullable(schedule).map(Supplier::get),
            familyAnswers(known.represented(), family),
            Optional.ofNullable(indexed)
                .map(i -> RedisCases.involving(speaker, cases.naming(speaker, i, guessed))),
            casesFrom(named),
            keptFor(kept, found),
            Optional.ofNullable(found));
      }
      channels.remove(channel);
    }
    Response<String> binding;
    Response<Long> holds;
    Response<List<String>> language;
    // The channel claimed for the case the turn starts or moves here, where it is free for good.
    Optional<CaseCode> bindHere = bindHere(extra);
    String free =
        Optional.ofNullable(bindingsRead.get(channel))
            .filter(Seen::closed)
            .map(Seen::code)
            .orElse("");
    Supplier<Boolean> claim = null;
    try (AbstractPipeline pipeline = redis.pipelined()) {
      binding = cases.bindingIn(pipeline, channel);
      holds = cases.holdsIn(pipeline, channel);
      if (bindHere.isPresent() && !free.equals(bindHere.get().value())) {
        claim = cases.claimIn(pipeline, channel, bindHere.get(), free, claimHeld);
      }
      language = people.languageIn(pipeline, speaker);
      if (theirCases) {
        index = cases.indexIn(pipeline, speaker);
      }
      named.clear();
      named(extra).forEach(code -> named.put(code, cases.recordIn(pipeline, code)));
      // Decided (and the language kept) with the first read already, where the node knew a case
      // that has left the channel since.
      Supplier<Sighting.Found> sighted =
          decided ? null : keepAndSight(pipeline, speaker, extra, kept);
      pipeline.sync();
      if (sighted != null) {
        found = sighted.get();
      }
    }
    if (claim != null && claim.get()) {
      claims.put(channel, new Claim(bindHere.get(), free));
    }
    String bound = binding.get();
    CaseCode boundCode = cases.boundCode(channel, bound);
    // The case the binding names, with its schedule and the speaker's cases where asked for.
    Response<List<byte[]>> record = null;
    Supplier<CaseSchedule> scheduleRead = null;
    Supplier<List<Case>> naming = null;
    if (boundCode != null || index != null) {
      try (AbstractPipeline pipeline = redis.pipelined()) {
        if (boundCode != null) {
          record = cases.recordIn(pipeline, boundCode);
          if (extra.contains(TurnRead.Extra.SCHEDULE)) {
            scheduleRead = due.scheduleIn(pipeline, boundCode);
          }
        }
        if (index != null) {
          naming = cases.namingIn(pipeline, speaker, index.get());
        }
        pipeline.sync();
      }
    }
    Optional<Case> here =
        record == null
            ? Optional.empty()
            : Optional.ofNullable(cases.caseFrom(boundCode, record.get()))
                .filter(c -> c.channel().equals(channel));
    Supplier<CaseSchedule> read = scheduleRead;
    Optional<CaseSchedule> schedule = read == null ? Optional.empty() : here.map(c -> read.get());
    if (here.filter(c -> c.status() != CaseStatus.CLOSED).isPresent()) {
      remember(here.get());
      bindingsRead.remove(channel);
    } else if (holds.get() > 0) {
      // Claimed by another turn, for a case it is about to commit: read again when binding.
      bindingsRead.remove(channel);
    } else {
      bindingsRead.put(channel, new Seen(Optional.ofNullable(bound).orElse(""), here.isPresent()));
    }
    return new TurnRead(
        here,
        Set.of(speaker),
        chosen(Map.of(speaker, language)),
        hours(speaker, language),
        schedule,
        Map.of(),
        Optional.ofNullable(naming).map(n -> RedisCases.involving(speaker, n.get())),
        casesFrom(named),
        keptFor(kept, found),
        Optional.ofNullable(found));
  }

  /**
   * Puts in the read's pipeline the language the speaker chose, and the decision on the delivery
   * the turn handles where it asked ({@link TurnRead.Extra#firstSight}): then the language is
   * written only for a new delivery, in one script in the speaker's slot. What was found of the
   * delivery comes, once the pipeline was sent, from the supplier returned (null where not asked).
   */
  private Supplier<Sighting.Found> keepAndSight(
      AbstractPipeline pipeline,
      UserRef speaker,
      Set<TurnRead.Extra> extra,
      Optional<Language> kept) {
    Optional<Sighting> sighting =
        extra.stream()
            .filter(TurnRead.Extra.FirstSight.class::isInstance)
            .map(e -> ((TurnRead.Extra.FirstSight) e).sighting())
            .findFirst();
    if (sighting.isEmpty()) {
      kept.ifPresent(l -> people.setLanguageIn(pipeline, speaker, l));
      return () -> null;
    }
    return sightIn(pipeline, speaker, sighting.get(), kept);
  }

  /** The language kept with the read: none where the delivery was sent before. */
  private static Optional<Language> keptFor(Optional<Language> kept, Sighting.Found found) {
    return found != null && found.sentBefore() ? Optional.empty() : kept;
  }

  private Supplier<Sighting.Found> sightIn(
      AbstractPipeline pipeline, UserRef speaker, Sighting sighting, Optional<Language> kept) {
    List<String> marks = new ArrayList<>();
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(sighting.marks().size()));
    for (Sighting.Mark mark : sighting.marks()) {
      marks.add(keys.deliveryMark(speaker, mark.scope(), mark.digest()));
      args.add(String.valueOf(mark.remember().toMillis()));
    }
    kept.ifPresent(
        l -> {
          marks.add(keys.person(speaker));
          args.addAll(RedisPeople.languageFields(l));
        });
    Supplier<Object> ran = SIGHT.resultIn(pipeline, redis, marks, args);
    return () -> {
      int first = ((Long) ran.get()).intValue();
      return first == 0
          ? Sighting.Found.NEW
          : new Sighting.Found(Optional.of(sighting.marks().get(first - 1).scope()));
    };
  }

  /**
   * {@inheritDoc}
   *
   * <p>The marks are kept in the speaker's slot, as with a turn's read: one round trip.
   */
  @Override
  public Sighting.Found sight(UserRef speaker, Sighting sighting) {
    Supplier<Sighting.Found> found;
    try (AbstractPipeline pipeline = redis.pipelined()) {
      found = sightIn(pipeline, speaker, sighting, Optional.empty());
      pipeline.sync();
    }
    return found.get();
  }

  /**
   * The cases this node saw live in their channels with this person among their people: a guess of
   * what their index of cases holds, to be read with it (each case is read from Redis, so a guess
   * that is out of date costs a read, never a wrong answer).
   */
  private List<CaseCode> casesSeenWith(UserRef person) {
    synchronized (channels) {
      return channels.values().stream()
          .filter(k -> k.people().contains(person))
          .map(Known::code)
          .distinct()
          .toList();
    }
  }

  /** The language the speaker chose, if the turn asked for it to be kept with its read. */
  private static Optional<Language> languageToKeep(Set<TurnRead.Extra> extra) {
    return extra.stream()
        .filter(TurnRead.Extra.KeepLanguage.class::isInstance)
        .map(e -> ((TurnRead.Extra.KeepLanguage) e).language())
        .findFirst();
  }

  /** The code of the case the turn starts or moves here, if it asked for the channel. */
  private static Optional<CaseCode> bindHere(Set<TurnRead.Extra> extra) {
    return extra.stream()
        .filter(TurnRead.Extra.BindHere.class::isInstance)
        .map(e -> ((TurnRead.Extra.BindHere) e).code())
        .findFirst();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A claim this node's read made for the case is given back as it was, if it still holds: one
   * round trip, only then.
   */
  @Override
  public void unclaimed(ChannelRef channel, CaseCode code) {
    Claim claim = claims.get(channel);
    if (claim != null && claim.code().equals(code) && claims.remove(channel, claim)) {
      cases.giveBack(channel, code, claim.replaced());
    }
  }

  /** The codes of the cases the turn named, to be read with its case. */
  private static Stream<CaseCode> named(Set<TurnRead.Extra> extra) {
    return extra.stream()
        .filter(TurnRead.Extra.CaseNamed.class::isInstance)
        .map(e -> ((TurnRead.Extra.CaseNamed) e).code());
  }

  /** The cases named by their code, as read: empty for a code no case has. */
  private Map<CaseCode, Optional<Case>> casesFrom(Map<CaseCode, Response<List<byte[]>>> read) {
    Map<CaseCode, Optional<Case>> found = new HashMap<>();
    read.forEach(
        (code, record) -> found.put(code, Optional.ofNullable(cases.caseFrom(code, record.get()))));
    return found;
  }

  /** The answers of each represented person, read with the case; none when none were read. */
  private Map<Integer, Optional<String>> familyAnswers(
      List<Integer> represented, Response<List<String>> read) {
    Map<Integer, Optional<String>> answers = new HashMap<>();
    for (int i = 0; read != null && i < represented.size(); i++) {
      answers.put(
          represented.get(i), RedisFamilyLinks.answersFrom(read.get().get(i), clock.instant()));
    }
    return answers;
  }

  /** The speaker's working hours, read with their language. */
  private Map<UserRef, Optional<WorkingHours>> hours(
      UserRef speaker, Response<List<String>> record) {
    return Map.of(speaker, people.hoursFrom(speaker, record.get()));
  }

  private Map<UserRef, Language> chosen(Map<UserRef, Response<List<String>>> read) {
    Map<UserRef, Language> chosen = new HashMap<>();
    read.forEach(
        (p, record) -> people.languageFrom(p, record.get()).ifPresent(l -> chosen.put(p, l)));
    return chosen;
  }

  /** This node knows where an open case lives, and who is in it, for its next turns' reads. */
  private void remember(Case c) {
    channels.put(
        c.channel(),
        new Known(
            c.code(),
            c.team().namedPeople(),
            c.partners().stream()
                .filter(p -> p.representedBy() != null)
                .map(Partner::seq)
                .toList()));
  }

  /**
   * A case this node saw live in a channel, the people named in it then, and the numbers of the
   * people represented in it then.
   */
  private record Known(CaseCode code, List<UserRef> people, List<Integer> represented) {}

  /**
   * {@inheritDoc}
   *
   * <p>A language chosen that the turn's read did not keep is written first, on its own: the answer
   * that confirms it is only enqueued once it stands (the person's key and the outbox lie in
   * different Cluster slots, so one pipeline would not keep that order on a Cluster). A prompt put
   * off is written in one round trip with the messages, which are kept with its case as a commit
   * keeps them ({@link #keepPuttingOff}); else the messages go to the outbox at once.
   */
  @Override
  public void send(TurnMessages sent, Outbox ignored, People alsoIgnored, PlanWriter plansIgnored) {
    sent.languages().forEach(people::setLanguage);
    if (sent.putOff().isPresent()) {
      DuePrompt moved = sent.putOff().get();
      keepPuttingOff(moved, sent.messages());
      if (!sent.messages().isEmpty()) {
        handIn.handIn(moved.caseCode(), clock.instant());
      }
    } else if (!sent.messages().isEmpty()) {
      outbox.enqueueAll(sent.messages());
    }
  }

  /**
   * Puts a prompt off and keeps the messages that confirm it with its case, in one script in the
   * case's slot: both or neither. In its round trip, before it, the case goes in the index of cases
   * with messages waiting (so a node that dies before handing them in leaves them to any node's
   * poller); after it, the pollers of due prompts are told of its new time (harmless where the
   * script wrote nothing).
   *
   * @throws ConcurrentChange when the case is gone (erased since the turn read it): nothing is
   *     written, and the turn, done again, finds no case
   */
  void keepPuttingOff(DuePrompt moved, List<OutboundMessage> messages) {
    CaseCode code = moved.caseCode();
    List<byte[]> keys =
        Stream.concat(
                Stream.of(this.keys.caseDoc(code), this.keys.caseOutbox(code)),
                due.laterKeys(code).stream())
            .map(RedisCases::bytes)
            .toList();
    Args args = new Args();
    RedisDuePrompts.laterArgs(moved).forEach(args::add);
    messageArgs(args, messages);
    List<Runnable> woken = new ArrayList<>(1);
    Object kept =
        PUT_OFF.runConfirmedBinary(
            redis,
            pipeline -> {
              if (!messages.isEmpty()) {
                handIn.announce(pipeline, code, clock.instant());
              }
            },
            keys,
            args.all,
            pipeline -> {
              woken.clear();
              woken.add(due.wakeIn(pipeline, moved));
            },
            replicasToConfirm,
            REPLICA_WAIT);
    woken.forEach(Runnable::run);
    if (!Long.valueOf(1).equals(kept)) {
      throw new ConcurrentChange(code, 0);
    }
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
    messageArgs(args, commit.messages());
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

  /** The messages a script keeps with the case (keep_messages in case-keep.lua): how many, each. */
  private void messageArgs(Args args, List<OutboundMessage> messages) {
    args.add(String.valueOf(messages.size()));
    for (OutboundMessage message : messages) {
      args.add(json.writeValueAsString(outbox.enqueueArgs(message)));
    }
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
