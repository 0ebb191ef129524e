package kring.core.conversation.family;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kring.core.cases.CaseCode;

/** Family links in memory: for one node without Redis, and for tests. */
public final class MemoryFamilyLinks implements FamilyLinks {

  private record Kept(Link link, String shortHash) {}

  private record Answers(String text, Instant until) {}

  private final Map<String, Kept> byPerson = new ConcurrentHashMap<>();
  private final Map<String, Answers> answers = new ConcurrentHashMap<>();

  private static String person(CaseCode code, int seq) {
    return code.value() + ":" + seq;
  }

  @Override
  public void keep(Link link, String shortCodeHash) {
    byPerson.put(person(link.code(), link.seq()), new Kept(link, shortCodeHash));
  }

  @Override
  public boolean revoke(CaseCode code, int seq) {
    return byPerson.remove(person(code, seq)) != null;
  }

  @Override
  public Optional<Link> find(String hash, Instant now) {
    return byPerson.values().stream()
        .filter(k -> k.link().tokenHash().equals(hash) || k.shortHash().equals(hash))
        .map(Kept::link)
        .filter(l -> now.isBefore(l.expires()))
        .findFirst();
  }

  @Override
  public void keepAnswers(CaseCode code, int seq, String text, Instant until) {
    answers.put(person(code, seq), new Answers(text, until));
  }

  @Override
  public Optional<String> answers(CaseCode code, int seq) {
    return Optional.ofNullable(answers.get(person(code, seq))).map(Answers::text);
  }

  @Override
  public void dropAnswers(CaseCode code, int seq) {
    answers.remove(person(code, seq));
  }

  /** Forgets everything of a case, as its erasure does. */
  public void erase(CaseCode code) {
    byPerson.keySet().removeIf(k -> k.startsWith(code.value() + ":"));
    answers.keySet().removeIf(k -> k.startsWith(code.value() + ":"));
  }
}
