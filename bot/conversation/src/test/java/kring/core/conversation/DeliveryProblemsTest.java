package kring.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.DeadLetter;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.reply.Reply;
import kring.core.store.StepwiseCaseStore;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryPeople;
import kring.testing.RecordingOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryProblemsTest {

  static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
  static final UserRef COORDINATOR = new UserRef(Platform.SLACK, "T1", "U1");
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  InMemoryCases cases;
  RecordingOutbox outbox;
  DeliveryProblems problems;
  Case started;

  @BeforeEach
  void aCaseWithItsCoordinator() {
    cases = new InMemoryCases();
    started =
        Case.start(new CaseCode("K-7F3Q"), null, CHANNEL, Language.EN, COORDINATOR, "Ann", NOW);
    cases.create(started);
    outbox = new RecordingOutbox();
    problems =
        new DeliveryProblems(
            cases,
            new InMemoryPeople(),
            outbox,
            Clock.fixed(NOW, ZoneId.of("UTC")),
            new StepwiseCaseStore(
                cases, outbox, Schedule.NONE, Clock.fixed(NOW, ZoneId.of("UTC"))));
  }

  Case stored() {
    return cases.find(started.code()).orElseThrow();
  }

  static OutboundMessage message(String id, Recipient to, MessageKind kind, CaseCode code) {
    return new OutboundMessage(id, to, Reply.text("x"), kind, code, NOW);
  }

  @Test
  void theCoordinatorIsToldPrivatelyWithoutTheContent() {
    problems.accept(
        new DeadLetter(
            "m1",
            Recipient.channel(CHANNEL),
            MessageKind.ANNOUNCEMENT,
            started.code(),
            "is_archived",
            NOW));

    OutboundMessage notice = outbox.messages().get(0);
    assertThat(notice.to()).isEqualTo(Recipient.privately(CHANNEL, COORDINATOR));
    assertThat(notice.kind()).isEqualTo(MessageKind.DELIVERY_PROBLEM);
    assertThat(notice.reply().summary()).contains("K-7F3Q").contains("the case channel");
  }

  @Test
  void aMessageWithoutACaseIsOnlyLogged() {
    problems.accept(
        new DeadLetter("m1", Recipient.channel(CHANNEL), MessageKind.ANSWER, null, "x", NOW));

    assertThat(outbox.messages()).isEmpty();
  }

  @Test
  void aChannelThePlatformCallsGonePausesItsCaseButAGonePrivateChatDoesNot() {
    Recipient someone = Recipient.privately(CHANNEL, COORDINATOR);
    problems.gone(
        message("m1", someone, MessageKind.ANSWER, started.code()), Delivery.Gone.CHANNEL);
    assertThat(stored().paused()).isFalse();

    Recipient channel = Recipient.channel(CHANNEL);
    problems.gone(
        message("m2", channel, MessageKind.ANNOUNCEMENT, started.code()), Delivery.Gone.CHANNEL);
    assertThat(stored().paused()).isTrue();
  }

  @Test
  void aPartnerThePlatformCallsGoneIsMarkedUntilTheyActAgain() {
    Recipient someone = Recipient.privately(CHANNEL, COORDINATOR);
    problems.gone(
        message("m1", someone, MessageKind.REMINDER, started.code()), Delivery.Gone.PERSON);

    Case marked = stored();
    assertThat(marked.partner(COORDINATOR).orElseThrow().unreachable()).isTrue();
    assertThat(marked.reachable(COORDINATOR, NOW).partner(COORDINATOR).orElseThrow().unreachable())
        .isFalse();
  }
}
