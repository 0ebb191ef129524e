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
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.testing.InMemoryCases;
import kring.testing.InMemoryPeople;
import kring.testing.RecordingOutbox;
import org.junit.jupiter.api.Test;

class DeliveryProblemsTest {

  static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T1", "C1");
  static final UserRef COORDINATOR = new UserRef(Platform.SLACK, "T1", "U1");
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void theCoordinatorIsToldPrivatelyWithoutTheContent() {
    InMemoryCases cases = new InMemoryCases();
    Case c =
        Case.start(new CaseCode("K-7F3Q"), null, CHANNEL, Language.EN, COORDINATOR, "Ann", NOW);
    cases.create(c);
    RecordingOutbox outbox = new RecordingOutbox();
    DeliveryProblems problems =
        new DeliveryProblems(
            cases, new InMemoryPeople(), outbox, Clock.fixed(NOW, ZoneId.of("UTC")));

    problems.accept(
        new DeadLetter(
            "m1",
            Recipient.channel(CHANNEL),
            MessageKind.ANNOUNCEMENT,
            c.code(),
            "is_archived",
            NOW));

    OutboundMessage notice = outbox.messages().get(0);
    assertThat(notice.to()).isEqualTo(Recipient.privately(CHANNEL, COORDINATOR));
    assertThat(notice.kind()).isEqualTo(MessageKind.DELIVERY_PROBLEM);
    assertThat(notice.reply().summary()).contains("K-7F3Q").contains("the case channel");
  }

  @Test
  void aMessageWithoutACaseIsOnlyLogged() {
    RecordingOutbox outbox = new RecordingOutbox();
    new DeliveryProblems(new InMemoryCases(), new InMemoryPeople(), outbox, Clock.systemUTC())
        .accept(
            new DeadLetter("m1", Recipient.channel(CHANNEL), MessageKind.ANSWER, null, "x", NOW));

    assertThat(outbox.messages()).isEmpty();
  }

  @Test
  void aChannelThePlatformCallsGonePausesItsCaseButAGonePrivateChatDoesNot() {
    InMemoryCases cases = new InMemoryCases();
    Case c =
        Case.start(new CaseCode("K-7F3Q"), null, CHANNEL, Language.EN, COORDINATOR, "Ann", NOW);
    cases.create(c);
    DeliveryProblems problems =
        new DeliveryProblems(
            cases, new InMemoryPeople(), new RecordingOutbox(), Clock.fixed(NOW, ZoneId.of("UTC")));
    OutboundMessage toSomeone =
        new OutboundMessage(
            "m1",
            Recipient.privately(CHANNEL, COORDINATOR),
            kring.core.reply.Reply.text("x"),
            MessageKind.ANSWER,
            c.code(),
            NOW);

    problems.gone(toSomeone, kring.core.outbox.Delivery.Gone.CHANNEL);
    assertThat(cases.find(c.code()).orElseThrow().paused()).isFalse();

    OutboundMessage toTheChannel =
        new OutboundMessage(
            "m2",
            Recipient.channel(CHANNEL),
            kring.core.reply.Reply.text("x"),
            MessageKind.ANNOUNCEMENT,
            c.code(),
            NOW);
    problems.gone(toTheChannel, kring.core.outbox.Delivery.Gone.CHANNEL);
    assertThat(cases.find(c.code()).orElseThrow().paused()).isTrue();
  }

  @Test
  void aPartnerThePlatformCallsGoneIsMarkedUntilTheyActAgain() {
    InMemoryCases cases = new InMemoryCases();
    Case c =
        Case.start(new CaseCode("K-7F3Q"), null, CHANNEL, Language.EN, COORDINATOR, "Ann", NOW);
    cases.create(c);
    DeliveryProblems problems =
        new DeliveryProblems(
            cases, new InMemoryPeople(), new RecordingOutbox(), Clock.fixed(NOW, ZoneId.of("UTC")));

    problems.gone(
        new OutboundMessage(
            "m1",
            Recipient.privately(CHANNEL, COORDINATOR),
            kring.core.reply.Reply.text("x"),
            MessageKind.REMINDER,
            c.code(),
            NOW),
        kring.core.outbox.Delivery.Gone.PERSON);

    Case marked = cases.find(c.code()).orElseThrow();
    assertThat(marked.partner(COORDINATOR).orElseThrow().unreachable()).isTrue();
    assertThat(marked.reachable(COORDINATOR, NOW).partner(COORDINATOR).orElseThrow().unreachable())
        .isFalse();
  }
}
