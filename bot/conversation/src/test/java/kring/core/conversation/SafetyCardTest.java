package kring.core.conversation;

import static kring.core.conversation.KringConversationTest.ANNA;
import static kring.core.conversation.KringConversationTest.ROOM;
import static kring.core.conversation.KringConversationTest.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kring.core.cases.CaseCodes;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.reply.Form;
import kring.testing.InMemoryCases;
import kring.testing.RecordingOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Words that suggest acute danger bring the safety card, privately, and leave nothing behind. */
class SafetyCardTest {

  static final String DANGER = "de leerling praat over zelfmoord";

  InMemoryCases cases;
  RecordingOutbox outbox;
  KringConversation kring;

  @BeforeEach
  void setUp() {
    cases = new InMemoryCases();
    outbox = new RecordingOutbox();
    kring =
        new KringConversation(
            cases,
            new kring.testing.InMemoryPeople(),
            outbox,
            new CaseCodes(new SplittableRandom(7)),
            Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneId.of("Europe/Brussels")),
            () -> {});
  }

  List<OutboundMessage> sent() {
    List<OutboundMessage> all = outbox.messages();
    outbox.clear();
    return all;
  }

  static boolean isCard(OutboundMessage message) {
    return words(message).contains("1712");
  }

  @Test
  void aCommandWithDangerWordsGetsTheCardPrivatelyBesidesItsNormalAnswer() {
    kring.say(ANNA, ROOM, "start");
    sent();

    kring.say(ANNA, ROOM, "help " + DANGER);

    List<OutboundMessage> messages = sent();
    assertThat(messages).hasSize(2).allMatch(m -> ANNA.user().equals(m.to().person()));
    OutboundMessage card = messages.stream().filter(SafetyCardTest::isCard).findFirst().get();
    assertThat(card.kind()).isEqualTo(MessageKind.ANSWER);
    assertThat(words(card)).contains("112", "geen meldkanaal").doesNotContain("zelfmoord");
    assertThat(messages).anyMatch(m -> !isCard(m) && words(m).contains("Wat je mij kunt vragen"));
    assertThat(cases.findByChannel(ROOM).orElseThrow().toString()).doesNotContain("zelfmoord");
  }

  @Test
  void aRefusedCommandStillGetsTheCard() {
    kring.say(ANNA, ROOM, "status: he was threatened with a knife");

    List<OutboundMessage> messages = sent();
    assertThat(messages).hasSize(2).anyMatch(SafetyCardTest::isCard);
    assertThat(messages).noneMatch(m -> !m.to().isPrivate());
  }

  @Test
  void aFormAnswerWithDangerWordsGetsTheCardAndTheFormIsHandledAsUsual() {
    kring.say(ANNA, ROOM, "start");
    Form goal = kring.say(ANNA, ROOM, "goal").form();
    sent();
    Map<String, String> values = new HashMap<>(goal.hidden());
    goal.inputs().forEach(input -> values.put(input.name(), input.value()));
    values.put("goal", "Veilig thuis: vader mishandelt hem");

    Outcome outcome = kring.submit(ANNA, ROOM, goal.id(), values);

    assertThat(outcome.form()).isNull();
    assertThat(cases.findByChannel(ROOM).orElseThrow().agreements().versions()).hasSize(1);
    List<OutboundMessage> messages = sent();
    assertThat(messages.stream().filter(SafetyCardTest::isCard))
        .singleElement()
        .satisfies(card -> assertThat(card.to().person()).isEqualTo(ANNA.user()));
    assertThat(messages).anyMatch(m -> !m.to().isPrivate() && !isCard(m));
  }

  @Test
  void theCardSpeaksThePersonsLanguage() {
    kring.say(ANNA, ROOM, "language en");
    sent();

    kring.say(ANNA, ROOM, "She said she wants to die");

    assertThat(sent().stream().filter(SafetyCardTest::isCard))
        .singleElement()
        .satisfies(card -> assertThat(words(card)).contains("Danger now", "Call 112"));
  }

  @Test
  void everydayWordsBringNoCard() {
    kring.say(ANNA, ROOM, "start");
    kring.say(ANNA, ROOM, "help die planning is moordend, ik ben doodmoe");
    kring.say(ANNA, ROOM, "status");

    assertThat(sent()).isNotEmpty().noneMatch(SafetyCardTest::isCard);
  }
}
