package kring.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.ChannelArchiveEvent;
import com.slack.api.model.event.ChannelDeletedEvent;
import com.slack.api.model.event.ChannelUnarchiveEvent;
import com.slack.api.model.event.GroupArchiveEvent;
import com.slack.api.model.event.GroupDeletedEvent;
import com.slack.api.model.event.GroupUnarchiveEvent;
import com.slack.api.model.event.MemberJoinedChannelEvent;
import com.slack.api.model.event.MemberLeftChannelEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import kring.core.conversation.Conversation;
import kring.core.conversation.Outcome;
import kring.core.conversation.Speaker;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.reply.Form;
import kring.core.store.ShortDigest;
import kring.core.store.Sighting;
import kring.storage.RedisOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kring's listeners on a Bolt {@link App}, the same for HTTP and Socket Mode: each one turns a
 * Slack payload into one call of the {@link Conversation}, acknowledges at once and does the work
 * off the request thread. Only a modal submission is answered inside the request, because Slack
 * shows validation errors from the acknowledgement itself.
 */
public final class SlackListeners {

  /** The slash command from the manifest. */
  public static final String COMMAND = "/kring";

  private static final Logger LOG = LoggerFactory.getLogger(SlackListeners.class);

  /** The scope of the events Kring took, in {@link RedisOnce}. */
  static final String EVENTS = SlackRepeats.EVENTS;

  /**
   * Where the {@link SlackGate} leaves, in a request's context, the key of the event it is: the
   * work after the acknowledgement takes it, unless Slack delivered it before.
   */
  static final String EVENT_KEY = "kring.slack.event";

  /**
   * Where the {@link SlackGate} leaves, in a request's context, its checked signature: the work
   * after the acknowledgement drops a replay of it.
   */
  static final String SIGNATURE_KEY = "kring.slack.signature";

  private static final Pattern ANY = Pattern.compile(".*");
  private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");

  private final Conversation kring;
  private final SlackRepeats repeats;
  private final SlackWorkspaces workspaces;
  private final ExecutorService work;

  /**
   * @param kring the core
   * @param once remembers the requests and events taken, so that a replay is dropped and a retry by
   *     Slack has one effect: the work after the acknowledgement decides it first ({@link
   *     SlackRepeats}), or, for a command, a button or a mention, the read of its first turn
   * @param workspaces told when a workspace uninstalls Kring or revokes its tokens
   * @param work runs the slow part of every listener after the acknowledgement
   */
  public SlackListeners(
      Conversation kring, RedisOnce once, SlackWorkspaces workspaces, ExecutorService work) {
    this.kring = kring;
    this.repeats = new SlackRepeats(once);
    this.workspaces = workspaces;
    this.work = work;
  }

  /**
   * Bolt's settings Kring's listeners rely on. Bolt's guard against the app's own events looks up
   * every bot that caused an event without a user with {@code bots.info}, a scope Kring does not
   * ask for; Kring's events are never its own (a mention by itself does not happen, its own joining
   * is told apart by its user id), so the guard is off. Bolt's check of the request signature is
   * off too: {@link SlackEndpoint} checks it first, more strictly, and Socket Mode has none.
   */
  public static AppConfig.AppConfigBuilder settings(AppConfig.AppConfigBuilder config) {
    return config.ignoringSelfEventsEnabled(false).requestVerificationEnabled(false);
  }

  /** Registers every listener. */
  public App register(App app) {
    app.command(COMMAND, (req, ctx) -> turnLater(ctx, null, () -> command(req.getPayload(), ctx)));
    app.blockAction(ANY, (req, ctx) -> turnLater(ctx, null, () -> pressed(req.getPayload(), ctx)));
    app.viewSubmission(ANY, (req, ctx) -> submitted(req.getPayload(), ctx));
    app.event(
        AppMentionEvent.class, (p, ctx) -> turnLater(ctx, eventKey(p), () -> mentioned(p, ctx)));
    app.event(
        MemberJoinedChannelEvent.class, (p, ctx) -> later(ctx, eventKey(p), () -> joined(p, ctx)));
    app.event(
        MemberLeftChannelEvent.class, (p, ctx) -> later(ctx, eventKey(p), () -> left(p, ctx)));
    app.event(AppHomeOpenedEvent.class, (p, ctx) -> later(ctx, () -> home(p, ctx)));
    lostOn(app, ChannelArchiveEvent.class, ChannelArchiveEvent::getChannel, "archived");
    lostOn(app, ChannelDeletedEvent.class, ChannelDeletedEvent::getChannel, "deleted");
    // Private channels: Slack names their events after groups.
    lostOn(app, GroupArchiveEvent.class, GroupArchiveEvent::getChannel, "archived");
    lostOn(app, GroupDeletedEvent.class, GroupDeletedEvent::getChannel, "deleted");
    // Unarchived: what archiving paused runs again.
    app.event(
        ChannelUnarchiveEvent.class,
        (p, ctx) ->
            later(
                ctx,
                eventKey(p),
                () -> back(p.getTeamId(), p.getEvent().getChannel(), p.getEvent().getUser(), ctx)));
    app.event(
        GroupUnarchiveEvent.class,
        (p, ctx) ->
            later(
                ctx,
                eventKey(p),
                () ->
                    back(
                        p.getTeamId(), p.getEvent().getChannel(), p.getEvent().getActorId(), ctx)));
    app.event(
        AppUninstalledEvent.class,
        (p, ctx) -> later(ctx, () -> workspaces.broken(p.getTeamId(), "app_uninstalled")));
    app.event(
        TokensRevokedEvent.class,
        (p, ctx) -> later(ctx, () -> workspaces.broken(p.getTeamId(), "tokens_revoked")));
    return app;
  }

  /** An event that tells Kring a channel is gone: its case pauses. */
  private <E extends com.slack.api.model.event.Event> void lostOn(
      App app, Class<E> type, java.util.function.Function<E, String> channel, String reason) {
    app.event(
        type,
        (p, ctx) -> later(ctx, () -> lost(p.getTeamId(), channel.apply(p.getEvent()), reason)));
  }

  /** The key of the event a listener handles, as the {@link SlackGate} makes it. */
  private static String eventKey(EventsApiPayload<?> payload) {
    return payload.getEventId() == null ? null : payload.getTeamId() + ":" + payload.getEventId();
  }

  /**
   * Acknowledges now and runs the work afterwards, so Slack never waits for Redis or the API; the
   * work is dropped when Slack sent the request before (a replay, or Slack's next try of an event).
   */
  private Response later(Context ctx, Work job) {
    return later(ctx, null, job);
  }

  /**
   * The same for the work of one event: a case commits a turn of it at most once, whoever handles
   * Slack's next try of it. Whether Slack sent it before is decided first, in a round trip of its
   * own.
   */
  private Response later(Context ctx, String event, Work job) {
    String signature = ctx.getAdditionalValues().get(SIGNATURE_KEY);
    String taken = ctx.getAdditionalValues().get(EVENT_KEY);
    Work handled = inDelivery(event, job);
    return after(
        () -> {
          RedisOnce.Seen seen = repeats.seen(signature, taken);
          if (seen != RedisOnce.Seen.NEW) {
            LOG.info(SlackRepeats.dropped(seen));
            return;
          }
          handled.run();
        });
  }

  /**
   * The same for work whose calls of the core all begin with a turn (a command, a button, a
   * mention): whether Slack sent it before is decided by the first turn's read, in the same round
   * trip ({@link Conversation#firstSight}).
   */
  private Response turnLater(Context ctx, String event, Work job) {
    Optional<Sighting> sighting =
        SlackRepeats.sighting(
            ctx.getAdditionalValues().get(SIGNATURE_KEY), ctx.getAdditionalValues().get(EVENT_KEY));
    Work handled = inDelivery(event, job);
    return after(
        sighting.isEmpty()
            ? handled
            : () -> kring.firstSight(sighting.get(), () -> failing(handled)));
  }

  /** The work in the delivery of {@code event}, if it is one ({@link Conversation#delivery}). */
  private Work inDelivery(String event, Work job) {
    return event == null
        ? job
        : () -> kring.delivery(ShortDigest.of(EVENTS + "|" + event), () -> failing(job));
  }

  /** Runs the work, carrying a checked failure out as {@link ListenerFailed}. */
  private static Void failing(Work job) {
    try {
      job.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ListenerFailed(e);
    }
    return null;
  }

  /** Runs the work on the pool after the acknowledgement, or refuses it when the pool is full. */
  private Response after(Work job) {
    try {
      work.execute(
          () -> {
            try {
              // Off the request thread: Slack has its acknowledgement already.
              job.run();
            } catch (ListenerFailed e) {
              LOG.warn("A Slack listener failed: {}", e.getCause().getClass().getName(), e);
            } catch (Exception e) {
              LOG.warn("A Slack listener failed: {}", e.getClass().getName(), e);
            }
          });
    } catch (RejectedExecutionException e) {
      // Thrown, not answered: Bolt would turn an event listener's 503 into a 404.
      throw new TooBusy();
    }
    return Response.ok();
  }

  /**
   * The work after the acknowledgement cannot take more now: the {@link SlackGate} answers Slack
   * with a 503 at once, and Slack may send it again.
   */
  static final class TooBusy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooBusy() {
      super("Kring is too busy to take this Slack request now", null, false, false);
    }
  }

  /** A listener's checked failure, carried out of the conversation's delivery scope. */
  private static final class ListenerFailed extends RuntimeException {
    ListenerFailed(Exception cause) {
      super(cause);
    }
  }

  private void command(SlashCommandPayload command, Context ctx)
      throws IOException, SlackApiException {
    ChannelRef channel = channel(command.getTeamId(), command.getChannelId());
    Speaker speaker = speaker(command.getTeamId(), command.getUserId(), command.getUserName());
    Outcome outcome = kring.say(speaker, channel, text(command.getText()));
    open(ctx.client(), outcome, command.getTriggerId(), speaker, channel);
  }

  private void pressed(BlockActionPayload payload, Context ctx)
      throws IOException, SlackApiException {
    if (payload.getActions() == null || payload.getActions().isEmpty()) {
      return;
    }
    String team = team(payload.getTeam() == null ? null : payload.getTeam().getId(), ctx);
    Optional<String> channelId =
        Optional.ofNullable(payload.getChannel()).map(BlockActionPayload.Channel::getId);
    if (channelId.isEmpty()) {
      return;
    }
    ChannelRef channel = channel(team, channelId.get());
    BlockActionPayload.User user = payload.getUser();
    Speaker speaker = speaker(team, user.getId(), user.getName());
    BlockActionPayload.Action action = payload.getActions().get(0);
    String value = action.getValue() == null ? "" : action.getValue();
    Outcome outcome = kring.press(speaker, channel, BlockKit.action(action.getActionId()), value);
    open(ctx.client(), outcome, payload.getTriggerId(), speaker, channel);
  }

  private Response submitted(
      ViewSubmissionPayload payload, com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx) {
    Optional<ModalMetadata> metadata = ModalMetadata.read(payload.getView().getPrivateMetadata());
    if (metadata.isEmpty()) {
      LOG.info("Ignored a modal submission that is not Kring's");
      return ctx.ack();
    }
    String team = team(payload.getTeam() == null ? null : payload.getTeam().getId(), ctx);
    ChannelRef channel = channel(team, metadata.get().channel());
    ViewSubmissionPayload.User user = payload.getUser();
    Speaker speaker = speaker(team, user.getId(), user.getName());
    Outcome outcome =
        kring.submit(
            speaker,
            channel,
            payload.getView().getCallbackId(),
            metadata.get().values(payload.getView().getState()));
    if (outcome.form() == null) {
      return ctx.ack();
    }
    var errors = BlockKit.errors(outcome.form());
    if (!errors.isEmpty()) {
      return ctx.ackWithErrors(errors);
    }
    return ctx.ackWithUpdate(view(outcome.form(), channel));
  }

  private void mentioned(EventsApiPayload<AppMentionEvent> payload, Context ctx) {
    AppMentionEvent event = payload.getEvent();
    String team = team(payload.getTeamId(), ctx);
    Speaker speaker = speaker(team, event.getUser(), null);
    ChannelRef channel = channel(team, event.getChannel());
    Outcome outcome =
        kring.say(
            speaker,
            channel,
            text(MENTION.matcher(event.getText() == null ? "" : event.getText()).replaceAll(" ")));
    // A mention carries no trigger to open a modal with: offer the form behind a button instead.
    if (outcome.form() != null) {
      kring.offerForm(speaker, channel, outcome.form());
    }
  }

  private void joined(EventsApiPayload<MemberJoinedChannelEvent> payload, Context ctx) {
    MemberJoinedChannelEvent event = payload.getEvent();
    String team = team(payload.getTeamId(), ctx);
    ChannelRef channel = channel(team, event.getChannel());
    if (event.getUser().equals(ctx.getBotUserId())) {
      String by = event.getInviter() == null ? event.getUser() : event.getInviter();
      kring.added(speaker(team, by, null), channel);
    } else {
      kring.memberJoined(speaker(team, event.getUser(), null), channel);
    }
  }

  private void left(EventsApiPayload<MemberLeftChannelEvent> payload, Context ctx) {
    MemberLeftChannelEvent event = payload.getEvent();
    String team = team(payload.getTeamId(), ctx);
    if (event.getUser().equals(ctx.getBotUserId())) {
      lost(team, event.getChannel(), "removed");
    } else {
      kring.memberLeft(
          new UserRef(Platform.SLACK, team, event.getUser()), channel(team, event.getChannel()));
    }
  }

  private void lost(String team, String channel, String reason) {
    kring.channelLost(channel(team, channel), reason);
  }

  /**
   * A channel came back: by the person who unarchived it, when Slack names one, else by Kring
   * itself.
   */
  private void back(String teamId, String channel, String user, Context ctx) {
    String team = team(teamId, ctx);
    String by =
        user != null && SlackPayloadCheck.ID.matcher(user).matches() ? user : ctx.getBotUserId();
    kring.channelBack(speaker(team, by, null), channel(team, channel));
  }

  private void home(EventsApiPayload<AppHomeOpenedEvent> payload, Context ctx)
      throws IOException, SlackApiException {
    AppHomeOpenedEvent event = payload.getEvent();
    if (!"home".equals(event.getTab())) {
      return;
    }
    String team = team(payload.getTeamId(), ctx);
    String view =
        BlockKit.json(
            BlockKit.home(kring.overview(new UserRef(Platform.SLACK, team, event.getUser()))));
    ctx.client().viewsPublish(r -> r.userId(event.getUser()).viewAsString(view));
  }

  /**
   * Opens the form the core asked for, with the trigger of the person's own click or command. A
   * trigger lasts seconds, so a modal cannot wait out a rate limit: when Slack does not open it,
   * the person gets the form behind a button instead, to press again.
   */
  private void open(
      MethodsClient api, Outcome outcome, String trigger, Speaker speaker, ChannelRef channel)
      throws IOException {
    if (outcome.form() == null || trigger == null) {
      return;
    }
    String view = view(outcome.form(), channel);
    String error;
    try {
      var opened = api.viewsOpen(r -> r.triggerId(trigger).viewAsString(view));
      if (opened.isOk()) {
        return;
      }
      error = opened.getError();
    } catch (SlackApiException e) {
      error = "HTTP " + e.getResponse().code();
    }
    LOG.info("Slack did not open a modal ({}); offering the form behind a button", error);
    kring.offerForm(speaker, channel, outcome.form());
  }

  private static String view(Form form, ChannelRef channel) {
    return BlockKit.json(BlockKit.modal(form, ModalMetadata.of(channel.channel(), form).write()));
  }

  private static String team(String fromPayload, Context ctx) {
    return fromPayload != null && !fromPayload.isBlank() ? fromPayload : ctx.getTeamId();
  }

  private static ChannelRef channel(String team, String channel) {
    return new ChannelRef(Platform.SLACK, team, channel);
  }

  private static Speaker speaker(String team, String user, String name) {
    return new Speaker(new UserRef(Platform.SLACK, team, user), name);
  }

  private static String text(String text) {
    return text == null ? "" : text.strip();
  }

  /** The part of a listener that runs after the acknowledgement. */
  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }
}
