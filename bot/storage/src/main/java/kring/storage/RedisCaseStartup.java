package kring.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kring.core.cases.AuditEntry;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.ConcurrentChange;
import kring.core.privacy.RetentionIndex;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a new Kring does once at start with the cases an older one wrote: every case document in an
 * older schema is upgraded and written back in the current one (reading upgrades it anyway; this
 * makes the data the new version's, so an older Kring is no longer needed to read it), and the
 * retention indexes are put right from what each case's own hash says (when people last acted, when
 * it closed, when its erasure is due): their write follows the case's commit, and a node that dies
 * in between leaves them behind. A case stored before cases kept those times is entered with the
 * time of its last recorded event.
 */
public final class RedisCaseStartup {

  /** What the start-up changed. */
  public record Outcome(int upgraded, int indexed) {}

  /**
   * A field of the case hash: the people index holds everyone the case names. Set once by a start;
   * a case created later is indexed as it is written, and marked at the next start.
   */
  static final String PEOPLE_INDEXED = "people";

  private final UnifiedJedis redis;
  private final RedisKeys keys;
  private final RedisCases cases;
  private final RetentionIndex index;

  public RedisCaseStartup(UnifiedJedis redis, RedisKeys keys, RetentionIndex index) {
    this.redis = redis;
    this.keys = keys;
    this.cases = new RedisCases(redis, keys);
    this.index = index;
  }

  public Outcome run() {
    int upgraded = 0;
    int indexed = 0;
    for (CaseCode code : codes()) {
      List<String> kept =
          redis.hmget(keys.caseDoc(code), "schema", "acted", "closed", "erase", PEOPLE_INDEXED);
      boolean current = String.valueOf(CaseDocuments.SCHEMA).equals(kept.get(0));
      boolean peopleIndexed = kept.get(4) != null;
      Lifetime lifetime = new Lifetime(at(kept.get(1)), at(kept.get(2)), at(kept.get(3)));
      boolean known = lifetime.told() ? repair(code, lifetime) : known(code);
      if (!known) {
        indexed++;
      }
      if (current && known && peopleIndexed) {
        // Nothing to do: not worth reading and parsing the document at every start.
        continue;
      }
      Optional<Case> found = cases.find(code);
      if (found.isEmpty()) {
        continue;
      }
      Case c = found.get();
      if (!current) {
        try {
          c = cases.update(c);
          upgraded++;
        } catch (ConcurrentChange e) {
          // Someone wrote it meanwhile, in the current schema.
        }
      }
      if (!peopleIndexed) {
        // Everyone the case names is found by their own index, also who left or was represented
        // before the index held them: their rights (export, erasure) reach this case.
        cases.index(c);
        redis.hset(keys.caseDoc(code), PEOPLE_INDEXED, "1");
      }
      if (!known && !lifetime.told()) {
        // Stored before cases kept their own retention times: the last recorded event counts.
        Instant last =
            c.audit().stream().map(AuditEntry::at).max(Instant::compareTo).orElse(c.startedAt());
        if (c.status() == CaseStatus.CLOSED) {
          index.closed(code, last);
        } else {
          index.active(code, last);
        }
      }
    }
    return new Outcome(upgraded, indexed);
  }

  /** What a case's own hash says the retention clock must know: the truth its indexes follow. */
  private record Lifetime(Instant acted, Instant closed, Instant erase) {
    boolean told() {
      return acted != null || closed != null || erase != null;
    }
  }

  /**
   * Puts right what the retention indexes lost of a case (their write comes after the case's
   * commit, which a crash can separate).
   *
   * @return whether the indexes already knew everything
   */
  private boolean repair(CaseCode code, Lifetime lifetime) {
    boolean knew = true;
    if (lifetime.erase() != null && redis.zscore(keys.erasureDue(), code.value()) == null) {
      index.eraseAt(code, lifetime.erase());
      knew = false;
    }
    if (lifetime.closed() != null) {
      if (redis.zscore(keys.retentionClosed(), code.value()) == null) {
        index.closed(code, lifetime.closed());
        knew = false;
      }
      return knew;
    }
    if (lifetime.acted() == null) {
      return knew;
    }
    Double active = redis.zscore(keys.retentionActive(), code.value());
    Double asked = redis.zscore(keys.retentionAsked(), code.value());
    double acted = lifetime.acted().toEpochMilli();
    boolean behind = asked != null ? asked < acted : active == null || active < acted;
    if (behind) {
      index.active(code, lifetime.acted());
      knew = false;
    }
    return knew;
  }

  private static Instant at(String epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
  }

  private boolean known(CaseCode code) {
    for (String set :
        List.of(keys.retentionActive(), keys.retentionAsked(), keys.retentionClosed())) {
      if (redis.zscore(set, code.value()) != null) {
        return true;
      }
    }
    return false;
  }

  private List<CaseCode> codes() {
    String key = keys.caseDoc(new CaseCode("K-2222"));
    String start = key.substring(0, key.indexOf("K-2222"));
    String end = key.substring(key.indexOf("K-2222") + "K-2222".length());
    List<CaseCode> codes = new ArrayList<>();
    for (String found : RedisScan.keys(redis, start + "*" + end)) {
      String code = found.substring(start.length(), found.length() - end.length());
      if (CaseCode.isValid(code)) {
        codes.add(new CaseCode(code));
      }
    }
    return codes;
  }
}
