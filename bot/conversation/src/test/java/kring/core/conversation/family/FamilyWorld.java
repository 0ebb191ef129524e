package kring.core.conversation.family;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.conversation.KringConversation;
import kring.core.conversation.Schedule;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.store.StepwiseCaseStore;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryPeople;
import kring.testing.MovableClock;
import kring.testing.RecordingOutbox;
import kring.testing.Samples;

/**
 * For the tests of the family's own voice: a Kring on in-memory stores, on Thursday 12 March 2026,
 * with one active case: Anna (P1) coordinates, Bert (P2) and Carl (P3) work from the CLB, and Bert
 * represents the mother (P4) and the pupil (P5).
 */
public final class FamilyWorld {

  public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  public static final ChannelRef ROOM = new ChannelRef(Platform.PLAYGROUND, "local", "room");
  public static final CaseCode CODE = new CaseCode("K-7F3Q");
  public static final Speaker ANNA = speaker("anna", "Anna Peeters");
  public static final Speaker BERT = speaker("bert", "Bert Claes");
  public static final Speaker CARL = speaker("carl", "Carl Maes");
  public static final Pattern LINK =
      Pattern.compile("https://kring\\.example/familie/([A-Za-z0-9_-]{43})");

  public final MovableClock clock =
      new MovableClock(
          LocalDateTime.parse("2026-03-12T09:00").atZone(BRUSSELS).toInstant(), BRUSSELS);
  public final InMemoryCases cases = new InMemoryCases();
  public final RecordingOutbox outbox = new RecordingOutbox();
  public final MemoryFamilyLinks links = new MemoryFamilyLinks();
  public final KringConversation kring;
  public final int mother;
  public final int pupil;

  public FamilyWorld() {
    this(clock -> null);
  }

  /**
   * The same world with its links kept where {@code stored} makes them on the world's clock ({@link
   * #links} then stays empty), or in {@link #links} when it makes none.
   */
  public FamilyWorld(java.util.function.Function<Clock, FamilyLinks> stored) {
    FamilyLinks kept = stored.apply(clock);
    kring =
        new KringConversation(
            cases,
            new InMemoryPeople(),
            outbox,
            new CaseCodes(new SplittableRandom(3)),
            clock,
            () -> {},
            Schedule.NONE,
            Erasure.NONE,
            RetentionIndex.NONE,
            new StepwiseCaseStore(cases, outbox, Schedule.NONE, clock),
            kept == null ? links : kept,
            () -> "https://kring.example/");
    cases.create(
        Samples.activeCase(
            CODE,
            ROOM,
            List.of(ANNA.user(), BERT.user(), CARL.user()),
            CollaborationLevel.COORDINATION,
            clock.instant()));
    kring.say(ANNA, ROOM, "represent mother P2");
    mother = theCase().team().seqsGiven();
    kring.say(ANNA, ROOM, "represent pupil P2");
    pupil = theCase().team().seqsGiven();
    outbox.clear();
  }

  public static Speaker speaker(String id, String name) {
    return new Speaker(new UserRef(Platform.PLAYGROUND, "local", id), name);
  }

  public Case theCase() {
    return cases.find(CODE).orElseThrow();
  }

  public Clock clock() {
    return clock;
  }

  /** The token of the link the representative got privately for this command. */
  public String link(String command) {
    outbox.clear();
    kring.say(BERT, ROOM, command);
    Matcher found = LINK.matcher(outbox.messages().toString());
    if (!found.find()) {
      throw new AssertionError("No link in " + outbox.messages());
    }
    outbox.clear();
    return found.group(1);
  }
}
