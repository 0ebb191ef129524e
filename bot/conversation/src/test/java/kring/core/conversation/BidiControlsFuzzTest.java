package kring.core.conversation;

import static kring.core.conversation.KringConversationTest.ROOM;
import static kring.core.conversation.KringConversationTest.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kring.core.i18n.BidiControls;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.OutboundMessage;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.testing.InMemoryCases;
import kring.testing.RecordingOutbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names and texts as people give them, with the characters that turn the direction of the text
 * around them hidden somewhere inside: whatever Kring stores of them, and whatever it says, holds
 * none of those characters. Sixty cases drawn from a fixed seed, so a failure is repeated as it
 * was.
 */
class BidiControlsFuzzTest {

  private static final List<Character> CONTROLS =
      List.of(
          '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
          '\u200E', '\u200F', '\u061C');

  private static final List<String> NAMES =
      List.of(
          "Anna Peeters",
          "Bert Janssens",
          "Noor El Amrani",
          "محمد العلي",
          "נועה כהן",
          "Jan (CLB)",
          "gpj.nona");

  private static final List<String> TEXTS =
      List.of(
          "Back in class full-time by Easter",
          "Terug in de klas, vier dagen per week",
          "Coordinates the contacts with home",
          "مساعدة في الواجبات",
          "The reply is txt.exe",
          "Mama wil graag mee op het overleg");

  static Stream<Arguments> people() {
    SplittableRandom random = new SplittableRandom(20261206L);
    return IntStream.range(0, 60)
        .mapToObj(
            i ->
                Arguments.of(
                    withControls(NAMES, random),
                    withControls(NAMES, random),
                    withControls(TEXTS, random),
                    withControls(TEXTS, random),
                    withControls(TEXTS, random)));
  }

  @ParameterizedTest
  @MethodSource("people")
  void noStoredOrShownTextHoldsADirectionControl(
      String annasName, String bertsName, String goal, String task, String typed) {
    InMemoryCases cases = new InMemoryCases();
    RecordingOutbox outbox = new RecordingOutbox();
    KringConversation kring = KringConversationTest.kring(cases, outbox, () -> {});
    Speaker anna = speaker("anna", annasName);
    Speaker bert = speaker("bert", bertsName);
    List<Object> shown = new ArrayList<>();

    kring.added(anna, ROOM);
    kring.say(anna, ROOM, "start AB");
    Form intro = kring.press(anna, ROOM, Actions.OPEN_FORM, Forms.INTRODUCE).form();
    Map<String, String> introduced =
        filled(intro, Map.of("role", "care-coordinator", "organisation", typed));
    shown.add(kring.submit(anna, ROOM, intro.id(), introduced));
    Form join = kring.say(bert, ROOM, "join").form();
    shown.add(join);
    kring.submit(bert, ROOM, join.id(), filled(join, Map.of("role", "clb", "organisation", task)));
    kring.press(anna, ROOM, Actions.ACCEPT_JOIN, acceptButton(outbox.messages()));
    kring.say(anna, ROOM, "represent " + typed);
    Form goalForm = kring.say(anna, ROOM, "goal").form();
    shown.add(goalForm);
    shown.add(kring.submit(anna, ROOM, goalForm.id(), filled(goalForm, Map.of("goal", goal))));
    Form roles = kring.say(anna, ROOM, "taken").form();
    shown.add(roles);
    shown.add(kring.submit(anna, ROOM, roles.id(), filled(roles, Map.of("does.P1", task))));
    kring.say(bert, ROOM, typed);
    kring.say(anna, ROOM, "kaart");

    assertThat(cases.findByChannel(ROOM)).isPresent();
    assertThat(cases.findByChannel(ROOM).orElseThrow().toString())
        .contains("AB")
        .satisfies(BidiControlsFuzzTest::withoutControls);
    assertThat(outbox.messages()).isNotEmpty();
    for (OutboundMessage message : outbox.messages()) {
      withoutControls(message.reply().toString());
    }
    shown.forEach(s -> withoutControls(String.valueOf(s)));
  }

  private static void withoutControls(String text) {
    assertThat(BidiControls.any(text)).as("a direction control in %s", text).isFalse();
  }

  private static String acceptButton(List<OutboundMessage> sent) {
    return sent.stream()
        .flatMap(m -> m.reply().blocks().stream())
        .filter(Buttons.class::isInstance)
        .flatMap(b -> ((Buttons) b).buttons().stream())
        .filter(b -> b.action().equals(Actions.ACCEPT_JOIN))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no request to join in " + sent))
        .value();
  }

  private static Speaker speaker(String id, String name) {
    return new Speaker(new UserRef(Platform.PLAYGROUND, "local", id), name);
  }

  /** A seed with one to three direction controls put in anywhere, the end included. */
  private static String withControls(List<String> seeds, SplittableRandom random) {
    StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
    int controls = 1 + random.nextInt(3);
    for (int i = 0; i < controls; i++) {
      text.insert(random.nextInt(text.length() + 1), CONTROLS.get(random.nextInt(CONTROLS.size())));
    }
    return text.toString();
  }
}
