package kring.playground;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import kring.core.conversation.Conversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.Speaker;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.OutboxRelay;
import kring.core.outbox.Recipient;
import kring.core.reply.Form;
import kring.core.reply.Form.Input;
import kring.core.reply.Form.Kind;
import kring.core.reply.Form.Option;
import kring.core.reply.Reply;

/**
 * A stand-in for Kring's conversation with a fixed script. Its messages go the real way: into an
 * outbox and through the relay to the playground's messenger.
 */
final class ScriptedConversation implements Conversation {

  static final String CASE = "K-TEST";
  static final String PLAN = "checkin.plan";

  private final Outbox outbox;
  private final OutboxRelay relay;
  private final Clock clock;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile Map<String, String> lastSubmitted = Map.of();
  private final Map<UserRef, Language> languages = new ConcurrentHashMap<>();

  ScriptedConversation(Outbox outbox, OutboxRelay relay, Clock clock) {
    this.outbox = outbox;
    this.relay = relay;
    this.clock = clock;
  }

  /** What was asked of the conversation, one line per call, oldest first. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  Map<String, String> lastSubmitted() {
    return lastSubmitted;
  }

  /** From now on, Kring speaks this language to the playground person with this id. */
  void speak(String personId, Language language) {
    languages.put(PlaygroundRefs.user(personId), language);
  }

  @Override
  public Language languageOf(UserRef person, ChannelRef channel) {
    return languages.getOrDefault(person, Language.NL);
  }

  @Override
  public Outcome added(Speaker by, ChannelRef channel) {
    calls.add("added " + by.user().user() + " " + channel.channel());
    send(
        Recipient.channel(channel),
        Reply.builder()
            .heading("Hello, I'm Kring")
            .text("I help the people around a pupil keep their agreements in view.")
            .note("I keep agreements and dates, never what you write here.")
            .build());
    return Outcome.NOTHING;
  }

  @Override
  public Outcome say(Speaker speaker, ChannelRef channel, String text) {
    calls.add("say " + speaker.user().user() + " " + text);
    switch (text) {
      case "hello" ->
          send(
              Recipient.channel(channel),
              Reply.builder()
                  .heading("Case " + CASE)
                  .text("Hello " + speaker.displayName() + ", this is where the case stands.")
                  .field("Shared goal", "Anna attends school four days a week by spring")
                  .field("Coordinator", speaker.displayName())
                  .field("Next check-in", "Monday 3 March")
                  .warning("The agreement is not confirmed by everyone yet.")
                  .primary("Plan a check-in", PLAN, CASE)
                  .button("Not now", "checkin.skip", CASE)
                  .build());
      case "secret" ->
          send(
              Recipient.privately(channel, speaker.user()),
              Reply.text("Only you can see this, " + speaker.displayName() + "."));
      case "form" -> {
        return Outcome.open(planForm());
      }
      case "consent" -> {
        return Outcome.open(consentForm(languageOf(speaker.user(), channel)));
      }
      case "boom" -> throw new IllegalStateException("A scripted failure inside the core");
      default -> send(Recipient.channel(channel), Reply.text("I heard: " + text));
    }
    return Outcome.NOTHING;
  }

  @Override
  public Outcome press(Speaker speaker, ChannelRef channel, String action, String value) {
    calls.add("press " + speaker.user().user() + " " + action + " " + value);
    if (PLAN.equals(action)) {
      return Outcome.open(planForm());
    }
    send(Recipient.channel(channel), Reply.text("Okay, not now."));
    return Outcome.NOTHING;
  }

  @Override
  public Outcome submit(
      Speaker speaker, ChannelRef channel, String formId, Map<String, String> values) {
    calls.add("submit " + speaker.user().user() + " " + formId);
    lastSubmitted = values;
    String topic = values.getOrDefault("topic", "").strip();
    if (topic.isEmpty()) {
      return Outcome.open(
          planForm().withErrors(values, Map.of("topic", "Please say what the check-in is about.")));
    }
    send(
        Recipient.channel(channel),
        Reply.builder()
            .text("Check-in planned: " + topic)
            .field("In school weeks", values.getOrDefault("weeks", ""))
            .build());
    send(
        Recipient.privately(channel, speaker.user()),
        Reply.builder().note("Thanks " + speaker.displayName() + ", I will remind you.").build());
    return Outcome.FORM_DONE;
  }

  static Form planForm() {
    return new Form(
        PLAN,
        "Plan a check-in",
        "A check-in takes about a minute for each partner.",
        List.of(
            new Input(
                "topic",
                "What is it about?",
                Kind.TEXT,
                true,
                80,
                List.of(),
                "",
                "For example: how the new timetable is going.",
                null),
            new Input(
                "weeks",
                "In how many school weeks?",
                Kind.NUMBER,
                true,
                2,
                List.of(),
                "2",
                "",
                null),
            new Input(
                "level",
                "How closely do you work together?",
                Kind.CHOICE,
                true,
                40,
                List.of(
                    new Option("contact", "Contact"),
                    new Option("coordination", "Coordination"),
                    new Option("collaboration", "Collaboration")),
                "coordination",
                "",
                null),
            new Input(
                "notes",
                "Anything the others should know?",
                Kind.LONG_TEXT,
                false,
                500,
                List.of(),
                "",
                "",
                null)),
        "Plan it",
        Map.of("case", CASE));
  }

  /** A form whose optional input says so in its own label, as some of Kring's do. */
  static Form consentForm(Language language) {
    boolean dutch = language == Language.NL;
    return new Form(
        "consent.record",
        dutch ? "Toestemming" : "Consent",
        "",
        List.of(
            new Input(
                "until",
                dutch ? "Geldig tot (optioneel)" : "Valid until (optional)",
                Kind.TEXT,
                false,
                10,
                List.of(),
                "",
                "",
                null)),
        dutch ? "Bewaren" : "Save",
        Map.of("case", CASE));
  }

  private void send(Recipient to, Reply reply) {
    outbox.enqueue(
        new OutboundMessage(
            UUID.randomUUID().toString(), to, reply, MessageKind.ANSWER, null, clock.instant()));
    relay.deliverDue();
  }

  @Override
  public void memberJoined(Speaker person, ChannelRef channel) {}

  @Override
  public void memberLeft(UserRef person, ChannelRef channel) {}

  @Override
  public void channelLost(ChannelRef channel, String reason) {}

  @Override
  public void channelBack(Speaker by, ChannelRef channel) {}

  @Override
  public void offerForm(Speaker speaker, ChannelRef channel, kring.core.reply.Form form) {}

  /** The playground never sends a delivery twice: there is nothing to decide. */
  @Override
  public <T> T firstSight(kring.core.store.Sighting sighting, java.util.function.Supplier<T> work) {
    return work.get();
  }

  @Override
  public kring.core.reply.Reply overview(UserRef person) {
    return kring.core.reply.Reply.text("overview");
  }
}
