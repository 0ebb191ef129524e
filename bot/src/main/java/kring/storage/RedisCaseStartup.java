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
 * makes the data the new version's, so an older Kring is no longer needed to read it), and a case
 * the retention indexes do not know yet is entered with the time of its last recorded event.
 */
public final class RedisCaseStartup {

  /** What the start-up changed. */
  public record Outcome(int upgraded, int indexed) {}

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
      boolean current =
          String.valueOf(CaseDocuments.SCHEMA).equals(redis.hget(keys.caseDoc(code), "schema"));
      boolean known = known(code);
      if (current && known) {
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
      if (!known) {
        Instant last =
            c.audit().stream().map(AuditEntry::at).max(Instant::compareTo).orElse(c.startedAt());
        if (c.status() == CaseStatus.CLOSED) {
          index.closed(code, last);
        } else {
          index.active(code, last);
        }
        indexed++;
      }
    }
    return new Outcome(upgraded, indexed);
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
