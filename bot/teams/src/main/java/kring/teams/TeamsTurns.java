package kring.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Entity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import kring.core.cases.CaseCode;
import kring.core.conversation.Conversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Outbox;
import kring.core.outbox.Recipient;
import kring.core.reply.Buttons;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.store.ShortDigest;
import kring.core.store.Sighting;
import kring.storage.RedisOnce;
import kring.storage.RedisTeamsMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates one authenticated Teams activity into calls on the core: mentions and personal
 * messages, button presses and dialogs, members coming and going. Only what Teams needs inside the
 * request (a dialog to open, a form shown again with its errors) is worked out before the answer;
 * everything else runs after the acknowledgement, and every message is posted by the outbox.
 */
final class TeamsTurns {

  static final String TEAMS = "msteams";

  /** Teams redelivers an activity for a while when it thinks the answer timed out. */
  private static final Duration REMEMBER = Duration.ofDays(1);

  /**
   * How long one node holds an activity it is handling; if it dies meanwhile, Teams' next try is
   * handled after this (a case that already stored its turn does not store it twice).
   */
  private static final Duration LEASE = Duration.ofMinutes(2);

  /** Teams gives up on an invoke after 15 seconds; its redeliveries come within a minute. */
  private static final Duration KEEP_DIALOG = Duration.ofMinutes(2);

  /** How long a redelivered invoke waits for the first delivery's answer (Teams waits 15 s). */
  private static final Duration AWAIT_FIRST = Duration.ofSeconds(10);

  private static final String ONCE = "teams-activity";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger LOG = LoggerFactory.getLogger(TeamsTurns.class);

  private final Conversation conversation;
  private final TeamsDirectory directory;
  private final RedisOnce once;
  private final Outbox outbox;
  private final Runnable wake;
  private final Clock clock;
  private final TeamsAccess access;
  private final TeamsFiles files;
  private final AfterAcknowledgement work;

  TeamsTurns(
      Conversation conversation,
      TeamsDirectory directory,
      RedisOnce once,
      Outbox outbox,
      Runnable wake,
      Clock clock,
      TeamsAccess access,
      AfterAcknowledgement work) {
    this.work = work;
    this.conversation = conversation;
    this.directory = directory;
    this.once = once;
    this.outbox = outbox;
    this.wake = wake;
    this.clock = clock;
    this.access = access;
    this.files = new TeamsFiles(directory);
  }

  /**
   * Takes one authenticated activity on the request thread: checks it, and, unless it is a message,
   * claims it against redelivery (then Kring's one Redis round trip before the acknowledgement). A
   * message goes to Redis only after the acknowledgement: whether Teams sent it before is decided
   * by its first turn's read ({@link Conversation#firstSight}). What Teams waits for (an invoke's
   * answer: a dialog, a form shown again) is worked out here, from the core; everything else runs
   * after the acknowledgement, on Kring's own threads.
   *
   * @return the body of the invoke response Teams waits for, or null for none
   * @throws Refused with 503 when there is no room for more work now; nothing of it was stored
   */
  ObjectNode handle(Activity activity) {
    if (!TEAMS.equals(activity.getChannelId())) {
      throw new Refused(403, "Kring answers Microsoft Teams only");
    }
    String tenant = tenant(activity);
    if (tenant == null || !access.allowedTenants().contains(tenant)) {
      throw new Refused(403, "This tenant is not allowed to use this Kring");
    }
    if (activity.getConversation() == null || activity.getFrom() == null) {
      throw new Refused(400, "An activity needs a conversation and a sender");
    }
    ChannelRef here = channel(tenant, activity.getConversation().getId());
    String type = activity.getType() == null ? "" : activity.getType();
    Turn turn =
        new Turn(
            activity,
            tenant,
            here,
            type,
            speaker(tenant, activity.getFrom()),
            address(activity, here),
            activity.getId() == null ? null : here.key() + "|" + activity.getId(),
            null);
    if (type.equals(ActivityTypes.CONVERSATION_UPDATE)) {
      // Every member named must be one Kring can read, before the activity is acknowledged.
      list(activity.getMembersAdded()).forEach(m -> speaker(tenant, m));
      list(activity.getMembersRemoved()).forEach(m -> speaker(tenant, m));
    }
    if (type.equals(ActivityTypes.INVOKE) && !TeamsFiles.INVOKE.equals(activity.getName())) {
      return answer(turn);
    }
    if (!work.reserve()) {
      throw new Refused(503, "Kring is too busy now; Teams may send the activity again");
    }
    if (type.equals(ActivityTypes.MESSAGE) && turn.delivery() != null) {
      work.run(() -> later(() -> handleMessageOnce(turn)));
      return null;
    }
    boolean taken = false;
    try {
      taken = turn.delivery() == null || once.claim(ONCE, turn.delivery(), LEASE);
    } finally {
      if (!taken) {
        work.cancel();
      }
    }
    if (taken) {
      work.run(() -> later(() -> handleOnce(turn)));
    }
    return null;
  }

  /**
   * One activity, checked, with what the request thread learnt of it.
   *
   * @param known what Kring knows of its conversation and sender, where that was read already
   *     ({@link TeamsDirectory#read}), else {@code null}
   */
  private record Turn(
      Activity activity,
      String tenant,
      ChannelRef here,
      String type,
      Speaker speaker,
      Address address,
      String delivery,
      RedisTeamsMemory.Read known) {

    Turn knowing(RedisTeamsMemory.Read read) {
      return new Turn(activity, tenant, here, type, speaker, address, delivery, read);
    }
  }

  /**
   * An invoke whose answer Teams waits for: handled on the request thread, claimed against
   * redelivery in the same round trip that reads what Kring knows of its conversation and sender.
   */
  private ObjectNode answer(Turn turn) {
    String delivery = turn.delivery();
    RedisTeamsMemory.Read known =
        directory.read(
            turn.here(),
            turn.speaker().user(),
            teamOf(turn.activity()),
            delivery == null ? null : once.claiming(ONCE, delivery, LEASE));
    if (!known.claimed()) {
      return "task/fetch".equals(turn.activity().getName()) ? answerGivenTo(delivery) : null;
    }
    return handleOnce(turn.knowing(known));
  }

  /** The work of an acknowledged activity; a failure is logged, as Teams has its answer. */
  private void later(Runnable handling) {
    try {
      handling.run();
    } catch (Refused refused) {
      LOG.info("Dropped a Teams activity: {}", refused.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Could not handle a Teams activity after acknowledging it", e);
    }
  }

  /**
   * The work of an acknowledged message, which every node handles once: its first turn's read
   * decides whether Teams sent it before (remembered for a day, with the person who sent it), and
   * each case commits its turn of it at most once.
   */
  private void handleMessageOnce(Turn turn) {
    Sighting sighting = Sighting.of(Sighting.Mark.of(ONCE, turn.delivery(), REMEMBER));
    conversation.firstSight(sighting, () -> inDelivery(turn));
  }

  /** Handles the activity, each case committing its turn of it at most once. */
  private ObjectNode inDelivery(Turn turn) {
    return conversation.delivery(
        ShortDigest.of(ONCE + "|" + turn.delivery()), () -> handleNew(turn));
  }

  /** Handles a claimed activity, each case committing its turn of it at most once. */
  private ObjectNode handleOnce(Turn turn) {
    String delivery = turn.delivery();
    if (delivery == null) {
      return handleNew(turn);
    }
    ObjectNode answer;
    try {
      answer = inDelivery(turn);
    } catch (RuntimeException e) {
      // Nothing of it is stored, or what is stored is not stored twice: Teams may try again.
      once.release(ONCE, delivery);
      throw e;
    }
    once.done(ONCE, delivery, REMEMBER);
    return answer;
  }

  /** Handles an activity no node handled before. */
  private ObjectNode handleNew(Turn turn) {
    Activity activity = turn.activity();
    String tenant = turn.tenant();
    ChannelRef here = turn.here();
    String type = turn.type();
    String delivery = turn.delivery();
    Speaker speaker = turn.speaker();
    remember(turn);
    switch (type) {
      case ActivityTypes.MESSAGE -> message(activity, here, speaker);
      case ActivityTypes.INVOKE -> {
        ObjectNode answer = null;
        try {
          answer = invoke(activity, here, speaker);
          return answer;
        } finally {
          // Only a dialog being opened is kept, briefly: what a submitted form answers may hold
          // what the person just wrote, which Kring does not store. A failure keeps no dialog.
          if (delivery != null && "task/fetch".equals(activity.getName())) {
            once.keep(ONCE, delivery, answer == null ? "" : answer.toString(), KEEP_DIALOG);
          }
        }
      }
      case ActivityTypes.CONVERSATION_UPDATE -> conversationUpdate(activity, tenant, here, speaker);
      case ActivityTypes.INSTALLATION_UPDATE -> {
        if (String.valueOf(activity.getAction()).startsWith("add") && personal(activity)) {
          say(
              Recipient.channel(here),
              Reply.builder().text(TeamsTexts.PERSONAL_WELCOME).build(),
              null);
        } else if (String.valueOf(activity.getAction()).startsWith("remove")) {
          if (personal(activity)) {
            // Uninstalled for this person: private messages fall back to a mention in the case.
            directory.personalChat(
                speaker.user(), activity.getFrom().getId(), speaker.displayName(), null);
          } else {
            conversation.channelLost(here, "app_uninstalled");
          }
        }
      }
      default -> {}
    }
    return null;
  }

  /**
   * A redelivered dialog opening gets the dialog its first delivery got, once that is known; null
   * if the first delivery never finished or was no dialog opening.
   */
  private ObjectNode answerGivenTo(String delivery) {
    long until = System.nanoTime() + AWAIT_FIRST.toNanos();
    while (true) {
      Optional<String> kept = once.kept(ONCE, delivery);
      if (kept.isPresent()) {
        try {
          return kept.get().isEmpty() ? null : (ObjectNode) JSON.readTree(kept.get());
        } catch (Exception e) {
          return null;
        }
      }
      if (System.nanoTime() > until) {
        return null;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private void message(Activity activity, ChannelRef here, Speaker speaker) {
    JsonNode data = JSON.valueToTree(activity.getValue());
    if (data != null && data.has(AdaptiveCards.KRING)) {
      JsonNode kring = data.get(AdaptiveCards.KRING);
      offerForm(
          conversation.press(
              speaker,
              actingIn(kring.path("c").asText(), here),
              kring.path("a").asText(),
              kring.path("v").asText()),
          here,
          speaker);
      return;
    }
    String text = withoutMentionOfKring(activity).replace("&nbsp;", " ").strip();
    if (text.isEmpty()) {
      return;
    }
    offerForm(conversation.say(speaker, here, text), here, speaker);
  }

  /** The message's text without the mentions of Kring ({@code <at>Kring</at>}) in it. */
  private static String withoutMentionOfKring(Activity activity) {
    String text = activity.getText() == null ? "" : activity.getText();
    String botId = activity.getRecipient().getId();
    for (Entity entity : list(activity.getEntities())) {
      JsonNode mentioned = entity.getProperties().get("mentioned");
      JsonNode words = entity.getProperties().get("text");
      if ("mention".equals(entity.getType())
          && mentioned != null
          && botId.equals(mentioned.path("id").asText())
          && words != null
          && words.isTextual()
          && !words.asText().isEmpty()) {
        text = text.replace(words.asText(), "");
      }
    }
    return text;
  }

  /**
   * A typed command cannot open a dialog by itself in Teams: the form waits for its person, who
   * gets a button that opens it.
   */
  private void offerForm(Outcome outcome, ChannelRef here, Speaker speaker) {
    Optional<Form> form = outcome.formToShow();
    if (form.isEmpty()) {
      return;
    }
    String id = directory.park(new Waiting(speaker.user().key(), here.key(), null, form.get()));
    Reply offer =
        Reply.builder()
            .text(form.get().title())
            .primary(TeamsTexts.OPEN, TeamsMessenger.OPEN_WAITING, id)
            .build();
    // The offer belongs to the form's case: erasing the case deletes it too.
    say(Recipient.privately(here, speaker.user()), offer, outcome.caseCode());
  }

  /**
   * @param of the case the message belongs to (deleted with it), or null
   */
  private void say(Recipient to, Reply reply, CaseCode of) {
    outbox.enqueue(
        new OutboundMessage(
            UUID.randomUUID().toString(), to, reply, MessageKind.ANSWER, of, clock.instant()));
    wake.run();
  }

  private ObjectNode invoke(Activity activity, ChannelRef here, Speaker speaker) {
    JsonNode value = JSON.valueToTree(activity.getValue());
    JsonNode data = value == null ? JSON.nullNode() : value.path("data");
    String name = String.valueOf(activity.getName());
    if (name.equals(TeamsFiles.INVOKE) && value != null) {
      fileAnswered(files.answered(value, speaker.user(), activity.getServiceUrl()), here, speaker);
      return null;
    }
    if (data.has(AdaptiveCards.FORM) && name.equals("task/submit")) {
      return submit(data, here, speaker);
    }
    if (data.has(AdaptiveCards.KRING)
        && (name.equals("task/fetch") || name.equals("task/submit"))) {
      return press(data.get(AdaptiveCards.KRING), here, speaker);
    }
    return null;
  }

  /** Tells the person what became of the file they accepted; a declined one needs no words. */
  private void fileAnswered(TeamsFiles.Outcome outcome, ChannelRef here, Speaker speaker) {
    if (outcome != TeamsFiles.Outcome.DECLINED) {
      say(
          Recipient.privately(here, speaker.user()),
          Reply.text(TeamsTexts.file(outcome == TeamsFiles.Outcome.SAVED)),
          null);
    }
  }

  private ObjectNode press(JsonNode kring, ChannelRef here, Speaker speaker) {
    String action = kring.path("a").asText();
    String value = kring.path("v").asText();
    ChannelRef channel = actingIn(kring.path("c").asText(), here);
    if (action.equals(TeamsMessenger.OPEN_WAITING)) {
      Optional<List<TeamsDirectory.Item>> all = directory.waitingUnder(value, speaker.user());
      if (all.isPresent()) {
        return waiting(all.get(), here, speaker);
      }
      return opened(value, here, speaker);
    }
    Outcome outcome = conversation.press(speaker, channel, action, value);
    return outcome
        .formToShow()
        .map(f -> dialog(AdaptiveCards.form(f, channel.key(), TeamsTexts.SHORTENED), f.title()))
        .orElseGet(() -> message(TeamsTexts.DONE));
  }

  /**
   * Everything that waits for a person under their notice of the day, in one dialog: the newest
   * form as the form, when the newest item is one; else the messages, newest first, with a button
   * for each form that waits too. Messages stay until they expire; a form goes once opened.
   */
  private ObjectNode waiting(List<TeamsDirectory.Item> items, ChannelRef here, Speaker speaker) {
    if (items.isEmpty()) {
      return message(TeamsTexts.GONE);
    }
    TeamsDirectory.Item newest = items.get(0);
    if (newest.waiting().form() != null) {
      return opened(newest.id(), here, speaker);
    }
    List<Reply> replies = new ArrayList<>();
    List<Buttons.Button> forms = new ArrayList<>();
    for (TeamsDirectory.Item item : items) {
      if (item.waiting().form() != null) {
        String title = item.waiting().form().title();
        forms.add(new Buttons.Button(title, TeamsMessenger.OPEN_WAITING, item.id(), false));
      } else {
        replies.add(item.waiting().reply());
      }
    }
    ChannelRef of = actingIn(newest.waiting().channel(), here);
    return dialog(AdaptiveCards.replies(replies, forms, of.key(), TeamsTexts.SHORTENED), null);
  }

  /** What waited under this id for the person, in a dialog, forgotten as it is handed out. */
  private ObjectNode opened(String id, ChannelRef here, Speaker speaker) {
    Optional<Waiting> waiting = directory.open(id, speaker.user());
    if (waiting.isEmpty()) {
      return message(TeamsTexts.GONE);
    }
    Waiting w = waiting.get();
    ChannelRef of = actingIn(w.channel(), here);
    return w.form() != null
        ? dialog(AdaptiveCards.form(w.form(), of.key(), TeamsTexts.SHORTENED), w.form().title())
        : dialog(AdaptiveCards.reply(w.reply(), of.key(), TeamsTexts.SHORTENED), null);
  }

  private ObjectNode submit(JsonNode data, ChannelRef here, Speaker speaker) {
    String formId = data.path(AdaptiveCards.FORM).asText();
    ChannelRef channel = actingIn(data.path(AdaptiveCards.CHANNEL).asText(), here);
    Map<String, String> values = new HashMap<>();
    data.properties()
        .forEach(
            e -> {
              if (!e.getKey().startsWith(AdaptiveCards.KRING) && e.getValue().isValueNode()) {
                values.put(e.getKey(), e.getValue().asText());
              }
            });
    data.path(AdaptiveCards.HIDDEN)
        .properties()
        .forEach(e -> values.put(e.getKey(), e.getValue().asText()));
    Outcome outcome = conversation.submit(speaker, channel, formId, values);
    return outcome
        .formToShow()
        .map(f -> dialog(AdaptiveCards.form(f, channel.key(), TeamsTexts.SHORTENED), f.title()))
        .orElse(null);
  }

  private void conversationUpdate(
      Activity activity, String tenant, ChannelRef here, Speaker speaker) {
    String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
    for (ChannelAccount member : list(activity.getMembersAdded())) {
      if (member.getId() != null && member.getId().equals(botId)) {
        if (!personal(activity)) {
          offerForm(conversation.added(speaker, here), here, speaker);
        }
      } else {
        Speaker joined = speaker(tenant, member);
        directory.met(joined.user(), member.getId(), joined.displayName());
        conversation.memberJoined(joined, here);
      }
    }
    JsonNode channelData = JSON.valueToTree(activity.getChannelData());
    for (ChannelAccount member : list(activity.getMembersRemoved())) {
      if (member.getId() != null && member.getId().equals(botId)) {
        conversation.channelLost(here, "bot_removed");
      } else {
        // Someone removed from a team is removed from all its channels; Teams says so once, in
        // the team's General channel.
        UserRef left = speaker(tenant, member).user();
        Set<ChannelRef> channels = new LinkedHashSet<>();
        channels.add(here);
        team(channelData).ifPresent(team -> channels.addAll(directory.channelsOf(tenant, team)));
        channels.forEach(channel -> conversation.memberLeft(left, channel));
      }
    }
    String event = channelData == null ? "" : channelData.path("eventType").asText();
    switch (event) {
      case "channelDeleted" -> {
        String deleted = channelData.path("channel").path("id").asText();
        if (!deleted.isEmpty()) {
          conversation.channelLost(channel(tenant, deleted), "channel_deleted");
        }
      }
      // The core keeps a reason word in snake case, as Slack names its events.
      case "teamArchived" -> conversation.channelLost(here, "team_archived");
      case "teamDeleted" -> conversation.channelLost(here, "team_deleted");
      default -> {}
    }
  }

  /** Keeps what proactive posts need: the conversation's address and how to reach the sender. */
  private void remember(Turn turn) {
    Activity activity = turn.activity();
    RedisTeamsMemory.Read known =
        turn.known() != null
            ? turn.known()
            : directory.read(turn.here(), turn.speaker().user(), teamOf(activity), null);
    boolean uninstalled = String.valueOf(activity.getAction()).startsWith("remove");
    directory.spokenTo(
        known,
        turn.here(),
        turn.address(),
        turn.speaker().user(),
        activity.getFrom().getId(),
        turn.speaker().displayName(),
        personal(activity) && !uninstalled);
  }

  /** The team of the conversation an activity came from, or {@code null} for none. */
  private static String teamOf(Activity activity) {
    return personal(activity)
        ? null
        : team(JSON.valueToTree(activity.getChannelData())).orElse(null);
  }

  /** Where Kring posts into this conversation; only a service URL Kring trusts. */
  private static Address address(Activity activity, ChannelRef here) {
    String serviceUrl = activity.getServiceUrl();
    if (!Address.trusted(serviceUrl)) {
      throw new Refused(400, "That service URL is not one Kring posts to");
    }
    String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
    try {
      return new Address(serviceUrl, here.channel(), botId);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "Not a Teams address Kring posts to");
    }
  }

  /**
   * The channel a button or form acts in: the case channel its card names, when that is a Teams
   * channel of the same tenant (an answer in a personal chat still acts in the case it answers), or
   * else the conversation it was pressed in (a reminder's buttons name no channel: in a personal
   * chat the core takes the case from the button). The core checks the person's role in the case.
   */
  private ChannelRef actingIn(String key, ChannelRef here) {
    try {
      ChannelRef channel = ChannelRef.parse(key);
      if (channel.platform() == Platform.TEAMS && channel.space().equals(here.space())) {
        return channel;
      }
    } catch (IllegalArgumentException e) {
      // Not one of Kring's own keys: act where it was pressed.
    }
    return here;
  }

  private static ObjectNode dialog(ObjectNode card, String title) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode task = answer.putObject("task");
    task.put("type", "continue");
    ObjectNode info = task.putObject("value");
    info.put("title", title == null || title.isBlank() ? TeamsTexts.DIALOG : title);
    info.put("width", "medium");
    info.put("height", "medium");
    ObjectNode attachment = info.putObject("card");
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.set("content", card);
    return answer;
  }

  private static ObjectNode message(String words) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode task = answer.putObject("task");
    task.put("type", "message");
    task.put("value", words);
    return answer;
  }

  static String tenant(Activity activity) {
    if (activity.getConversation() != null && activity.getConversation().getTenantId() != null) {
      return activity.getConversation().getTenantId();
    }
    JsonNode channelData = JSON.valueToTree(activity.getChannelData());
    String tenant = channelData == null ? "" : channelData.path("tenant").path("id").asText();
    return tenant.isEmpty() ? null : tenant;
  }

  /** A channel's replies live in threads ({@code ;messageid=...}); the case is the channel. */
  private static ChannelRef channel(String tenant, String conversationId) {
    if (conversationId == null) {
      throw new Refused(400, "An activity needs a conversation id");
    }
    int thread = conversationId.indexOf(";messageid=");
    String id = thread < 0 ? conversationId : conversationId.substring(0, thread);
    try {
      return new ChannelRef(Platform.TEAMS, tenant, id);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "Not a Teams conversation id Kring knows");
    }
  }

  /** A person by their Entra ID object id, which stays the same in every chat and team. */
  private static Speaker speaker(String tenant, ChannelAccount account) {
    String id = account.getAadObjectId() != null ? account.getAadObjectId() : account.getId();
    try {
      return new Speaker(new UserRef(Platform.TEAMS, tenant, id), account.getName());
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "Not a Teams user id Kring knows");
    }
  }

  /** The team a channel activity comes from (its General channel's id), when Teams names it. */
  private static Optional<String> team(JsonNode channelData) {
    String team = channelData == null ? "" : channelData.path("team").path("id").asText("");
    return IncomingActivity.ID.matcher(team).matches() ? Optional.of(team) : Optional.empty();
  }

  private static boolean personal(Activity activity) {
    return "personal".equals(activity.getConversation().getConversationType());
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
