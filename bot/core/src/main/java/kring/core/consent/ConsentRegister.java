package kring.core.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kring.core.partners.Partner;

/**
 * A case's consent records, oldest first, at most {@link #LIMIT}. Withdrawn records stay, so the
 * partners can see what held when, until room is needed for a new one.
 *
 * @param records the records
 */
public record ConsentRegister(List<ConsentRecord> records) {

  /** How many records a case keeps; a pupil's consents are few. */
  public static final int LIMIT = 30;

  public static final ConsentRegister EMPTY = new ConsentRegister(List.of());

  public ConsentRegister {
    records = records == null ? List.of() : List.copyOf(records);
    if (records.size() > LIMIT) {
      throw new IllegalArgumentException("A case keeps at most " + LIMIT + " consent records");
    }
  }

  public Optional<ConsentRecord> record(int number) {
    return records.stream().filter(r -> r.number() == number).findFirst();
  }

  /** The records that hold on {@code today}. */
  public List<ConsentRecord> inForce(LocalDate today) {
    return records.stream().filter(r -> r.inForce(today)).toList();
  }

  /** Whether any record holds on {@code today}: what the channel may know ("recorded"). */
  public boolean recorded(LocalDate today) {
    return !inForce(today).isEmpty();
  }

  /** The kinds of information some record in force covers, towards anyone. */
  public Set<InfoKind> kindsCovered(LocalDate today) {
    Set<InfoKind> kinds = EnumSet.noneOf(InfoKind.class);
    inForce(today).forEach(r -> kinds.addAll(r.terms().kinds()));
    return kinds;
  }

  /** Whether a record in force allows sharing this kind of information with this partner. */
  public boolean covers(InfoKind kind, Partner recipient, LocalDate today) {
    return records.stream().anyMatch(r -> r.covers(kind, recipient, today));
  }

  /** The recipients no record in force covers for this kind of information. */
  public List<Partner> uncovered(InfoKind kind, List<Partner> recipients, LocalDate today) {
    return recipients.stream().filter(p -> !covers(kind, p, today)).toList();
  }

  /** Whether a record in force has exactly these terms: recording them again changes nothing. */
  public boolean holds(ConsentTerms terms, LocalDate today) {
    return inForce(today).stream().anyMatch(r -> r.terms().equals(terms));
  }

  /**
   * The register with a new record, numbered after the highest so far. When full, the oldest record
   * that no longer holds makes room; a register full of records in force is refused (empty).
   */
  public Optional<ConsentRegister> add(ConsentTerms terms, int bySeq, Instant at, LocalDate today) {
    List<ConsentRecord> kept = new ArrayList<>(records);
    if (kept.size() >= LIMIT) {
      Optional<ConsentRecord> old = kept.stream().filter(r -> !r.inForce(today)).findFirst();
      if (old.isEmpty()) {
        return Optional.empty();
      }
      kept.remove(old.get());
    }
    kept.add(new ConsentRecord(nextNumber(), terms, bySeq, at, null));
    return Optional.of(new ConsentRegister(kept));
  }

  /** The register with record {@code number} withdrawn; withdrawing twice changes nothing. */
  public ConsentRegister withdraw(int number, Withdrawal by) {
    return new ConsentRegister(
        records.stream()
            .map(r -> r.number() == number && !r.withdrawn() ? r.withdrawn(by) : r)
            .toList());
  }

  /** The number the next record gets: one more than the highest kept. */
  public int nextNumber() {
    return records.stream().mapToInt(ConsentRecord::number).max().orElse(0) + 1;
  }
}
