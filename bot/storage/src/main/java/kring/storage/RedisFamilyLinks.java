package kring.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.core.consent.InfoKind;
import kring.core.conversation.family.FamilyFlow;
import kring.core.conversation.family.FamilyLinks;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Family links in Redis: the link and the answers of each represented person in their case's own
 * hash ({@code {K-7F3Q}:family}, erased with the case), and one expiring lookup from the hash of a
 * token or short code to the case ({@code {family}:<hash>}). A lookup is trusted only when the
 * case's hash still holds the same link, so one left behind by an erasure or a replacement finds
 * nothing.
 */
public final class RedisFamilyLinks implements FamilyLinks {

  private static final String LINK = "link:";
  private static final String ANSWERS = "answers:";

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final Clock clock;

  public RedisFamilyLinks(UnifiedJedis redis, RedisKeys keys, Clock clock) {
    this.redis = redis;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void keep(Link link, String shortCodeHash) {
    revoke(link.code(), link.seq());
    long ttl = Math.max(1, Duration.between(clock.instant(), link.expires()).toMillis());
    String kinds = String.join(",", link.asked().stream().map(Enum::name).toList());
    String value =
        String.join(
            " ",
            link.tokenHash(),
            shortCodeHash,
            Long.toString(link.expires().toEpochMilli()),
            Integer.toString(link.bySeq()),
            kinds);
    String family = keys.family(link.code());
    redis.hset(family, LINK + link.seq(), value.strip());
    redis.pexpire(family, FamilyFlow.LIFETIME.toMillis());
    String owner = link.code().value() + " " + link.seq();
    for (String hash : List.of(link.tokenHash(), shortCodeHash)) {
      redis.set(keys.familyLink(hash), owner, SetParams.setParams().px(ttl));
    }
  }

  @Override
  public boolean revoke(CaseCode code, int seq) {
    String kept = redis.hget(keys.family(code), LINK + seq);
    if (kept == null) {
      return false;
    }
    String[] parts = kept.split(" ");
    redis.del(keys.familyLink(parts[0]), keys.familyLink(parts[1]));
    redis.hdel(keys.family(code), LINK + seq);
    return true;
  }

  @Override
  public Optional<Link> find(String hash, Instant now) {
    String owner = redis.get(keys.familyLink(hash));
    if (owner == null
        || !owner.matches("\\S+ \\d{1,3}")
        || !CaseCode.isValid(owner.split(" ")[0])) {
      return Optional.empty();
    }
    CaseCode code = new CaseCode(owner.split(" ")[0]);
    int seq = Integer.parseInt(owner.split(" ")[1]);
    String kept = redis.hget(keys.family(code), LINK + seq);
    if (kept == null) {
      return Optional.empty();
    }
    String[] parts = kept.split(" ");
    if (parts.length < 4 || !(parts[0].equals(hash) || parts[1].equals(hash))) {
      return Optional.empty();
    }
    Instant expires = Instant.ofEpochMilli(Long.parseLong(parts[2]));
    if (!now.isBefore(expires)) {
      return Optional.empty();
    }
    List<InfoKind> asked = new ArrayList<>();
    if (parts.length > 4) {
      Arrays.stream(parts[4].split(",")).map(InfoKind::valueOf).forEach(asked::add);
    }
    return Optional.of(new Link(code, seq, Integer.parseInt(parts[3]), parts[0], expires, asked));
  }

  @Override
  public void keepAnswers(CaseCode code, int seq, String answers, Instant until) {
    String family = keys.family(code);
    redis.hset(family, ANSWERS + seq, until.toEpochMilli() + " " + answers);
    redis.pexpire(family, FamilyFlow.LIFETIME.toMillis());
  }

  @Override
  public Optional<String> answers(CaseCode code, int seq) {
    return answersFrom(redis.hget(keys.family(code), answersField(seq)), clock.instant());
  }

  /** The field of a case's family hash that holds a person's answers, for {@link #answersFrom}. */
  static String answersField(int seq) {
    return ANSWERS + seq;
  }

  /** The answers a field of a case's family hash, as read, holds at {@code now}, if any. */
  static Optional<String> answersFrom(String kept, Instant now) {
    if (kept == null || !kept.contains(" ")) {
      return Optional.empty();
    }
    String[] parts = kept.split(" ", 2);
    if (!now.isBefore(Instant.ofEpochMilli(Long.parseLong(parts[0])))) {
      return Optional.empty();
    }
    return Optional.of(parts[1]);
  }

  @Override
  public void dropAnswers(CaseCode code, int seq) {
    redis.hdel(keys.family(code), ANSWERS + seq);
  }
}
