package kring.slack;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.Slack;
import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import kring.chart.Pictures;
import kring.core.identity.Platform;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Posted;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retraction;
import kring.core.reply.Block;
import kring.core.reply.Chart;
import kring.core.reply.Document;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to Slack: a channel message with {@code chat.postMessage}, the answer to
 * a person's own action as an ephemeral message in the channel, anything else private as a direct
 * message, and a message's charts as pictures uploaded after it. What it posts is reported by
 * Slack's ids, so that it can be deleted when its case is erased. Slack's errors are classified by
 * name; a refused token marks the workspace broken.
 */
public final class SlackMessenger implements Messenger {

  private static final Logger LOG = LoggerFactory.getLogger(SlackMessenger.class);

  /** Slack allows about one message per second in a conversation. */
  static final Duration PACE = Duration.ofSeconds(1);

  private static final Set<String> GONE =
      Set.of(
          "not_in_channel",
          "channel_not_found",
          "is_archived",
          "account_inactive",
          "user_not_found",
          "user_not_in_channel",
          "cannot_dm_bot",
          "user_disabled");
  private static final Set<String> CHANNEL_GONE =
      Set.of("not_in_channel", "channel_not_found", "is_archived");
  private static final Set<String> PERSON_GONE =
      Set.of("account_inactive", "user_not_found", "user_disabled");
  private static final Set<String> REFUSED =
      Set.of("invalid_auth", "token_revoked", "account_inactive_token", "not_authed");

  /** What Slack answers when what Kring would delete is gone already, with its channel or not. */
  private static final Set<String> ALREADY_GONE =
      Set.of("message_not_found", "channel_not_found", "file_not_found", "file_deleted");

  /**
   * What {@code chat.update} answers when the post to update is no longer there, or is not one
   * Kring may update: the message is posted anew.
   */
  private static final Set<String> NOT_THERE =
      Set.of("message_not_found", "cant_update_message", "channel_not_found", "edit_window_closed");

  /** A message's timestamp, Slack's id for it within its channel. */
  private static final String TS = "\\d{1,12}\\.\\d{1,9}";

  private static final Set<String> LATER =
      Set.of("ratelimited", "service_unavailable", "internal_error", "fatal_error");

  /** A chart's picture stays well under what a workspace may restrict uploads to. */
  static final int MAX_PICTURE = 512 * 1024;

  static final String PICTURE_NAME = "kring-trend.png";

  /** Slack refuses an alt text over 1000 characters. */
  static final int MAX_ALT = 1000;

  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private final Slack slack;
  private final SlackWorkspaces workspaces;
  private final Pictures pictures;

  /** Reads Slack's answers to the calls Kring writes itself, as the Slack client reads them. */
  private final Gson answers;

  /**
   * @param slack the Slack client (its configuration says where the Web API is)
   * @param workspaces the bot token of each workspace
   */
  public SlackMessenger(Slack slack, SlackWorkspaces workspaces) {
    this(slack, workspaces, Pictures.DRAWN);
  }

  /**
   * @param pictures draws a message's charts, which are uploaded after the message
   */
  SlackMessenger(Slack slack, SlackWorkspaces workspaces, Pictures pictures) {
    this.slack = slack;
    this.workspaces = workspaces;
    this.pictures = pictures;
    this.answers = GsonFactory.createSnakeCase(slack.getConfig());
  }

  @Override
  public Platform platform() {
    return Platform.SLACK;
  }

  @Override
  public Duration pace() {
    return PACE;
  }

  /**
   * The answer to a person's own action is an ephemeral message ({@code chat.postEphemeral}), which
   * Slack limits per workspace by its tier ({@link SlackRateLimits}), not per conversation like a
   * post: it is not paced, so a person's answers never wait behind each other.
   */
  @Override
  public Duration answerPace() {
    return Duration.ZERO;
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    Recipient to = message.to();
    String team = to.channel().space();
    String channel = to.channel().channel();
    return send(
        team,
        message,
        (api, token, text, blocks) -> {
          SlackApiTextResponse sent;
          String postedIn = null;
          String ts = null;
          if (!to.isPrivate()) {
            ChatPostMessageResponse posted = post(token, channel, text, blocks);
            sent = posted;
            postedIn = channel;
            ts = posted.getTs();
          } else if (message.kind() == MessageKind.ANSWER) {
            // An ephemeral message has no timestamp Kring could delete it by, and needs none: Slack
            // shows it to one person for a while and keeps nothing.
            String user = to.person().user();
            sent =
                call(
                    token,
                    Methods.CHAT_POST_EPHEMERAL,
                    new SlackForm()
                        .add("channel", channel)
                        .add("user", user)
                        .add("text", text)
                        .add("blocks", blocks)
                        .add("link_names", "0"),
                    ChatPostEphemeralResponse.class);
          } else {
            ConversationsOpenResponse im =
                api.conversationsOpen(r -> r.users(List.of(to.person().user())));
            if (!im.isOk()) {
              return classify(team, im.getError(), message);
            }
            String dm = im.getChannel().getId();
            ChatPostMessageResponse posted = post(token, dm, text, blocks);
            sent = posted;
            postedIn = dm;
            ts = posted.getTs();
          }
          if (!sent.isOk()) {
            return classify(team, sent.getError(), message);
          }
          if (postedIn == null) {
            return new Delivery.Delivered();
          }
          List<Posted> files = pictures(api, team, postedIn, message);
          if (slackId(postedIn) && ts != null && ts.matches(TS)) {
            // The post shows the message: a later state of its place updates it.
            return Delivery.Delivered.as(Posted.message(Platform.SLACK, team, postedIn, ts), files);
          }
          LOG.warn("Slack gave message {} no timestamp Kring can delete it by", message.id());
          return new Delivery.Delivered(files);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>With {@code chat.update}: the post's blocks are replaced by the new ones (no buttons when
   * the new state offers none) and its fallback text too. The pictures of a chart stay as they
   * were; none is uploaded again. A post that is no longer there (deleted in Slack) is posted anew.
   */
  @Override
  public Delivery update(Posted shown, OutboundMessage message) {
    if (shown.platform() != Platform.SLACK
        || shown.kind() != Posted.Kind.MESSAGE
        || !slackId(shown.conversation())
        || !shown.id().matches(TS)) {
      return deliver(message);
    }
    String team = shown.origin();
    return send(
        team,
        message,
        (api, token, text, blocks) -> {
          ChatUpdateResponse updated =
              call(
                  token,
                  Methods.CHAT_UPDATE,
                  new SlackForm()
                      .add("channel", shown.conversation())
                      .add("ts", shown.id())
                      .add("text", text)
                      .add("blocks", blocks)
                      .add("link_names", "0"),
                  ChatUpdateResponse.class);
          if (updated.isOk()) {
            return Delivery.Delivered.updated(shown);
          }
          if (NOT_THERE.contains(updated.getError())) {
            LOG.info("Message {} updates a post that is gone: posted anew", message.id());
            return deliver(message);
          }
          return classify(team, updated.getError(), message);
        });
  }

  /** Calls of Slack's Web API that show a message, with its fallback text and blocks (JSON). */
  private interface Send {
    Delivery send(MethodsClient api, String token, String text, String blocks)
        throws IOException, SlackApiException;
  }

  /**
   * Posts a message in a conversation ({@code chat.postMessage}), links and media in it not
   * unfurled.
   */
  private ChatPostMessageResponse post(String token, String channel, String text, String blocks)
      throws IOException, SlackApiException {
    return call(
        token,
        Methods.CHAT_POST_MESSAGE,
        new SlackForm()
            .add("channel", channel)
            .add("text", text)
            .add("blocks", blocks)
            .add("mrkdwn", "1")
            .add("link_names", "0")
            .add("unfurl_links", "0")
            .add("unfurl_media", "0")
            .add("reply_broadcast", "0"),
        ChatPostMessageResponse.class);
  }

  /**
   * Calls a Web API method with a form Kring wrote itself ({@link SlackForm}), on the Slack
   * client's own HTTP client (so through its rate limits and user agent), and reads the answer as
   * the client does: a 200 as the method's response, anything else as a {@link SlackApiException}.
   */
  private <T extends SlackApiTextResponse> T call(
      String token, String method, SlackForm form, Class<T> type)
      throws IOException, SlackApiException {
    Request request =
        new Request.Builder()
            .url(slack.getConfig().getMethodsEndpointUrlPrefix() + method)
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create(form.bytes(), FORM, 0, form.length()))
            .build();
    try (Response response = slack.getHttpClient().getOkHttpClient().newCall(request).execute()) {
      String body = response.body() == null ? "" : response.body().string();
      if (response.code() != 200) {
        throw new SlackApiException(slack.getConfig(), response, body);
      }
      T answer;
      try {
        answer = answers.fromJson(body, type);
      } catch (JsonParseException e) {
        throw new IOException("Slack's answer to " + method + " is not what the method answers", e);
      }
      if (answer == null) {
        throw new IOException("Slack's answer to " + method + " was empty");
      }
      return answer;
    }
  }

  /**
   * Shows a message with the bot token of its workspace, and classifies what went wrong on the way
   * to Slack or back.
   */
  private Delivery send(String team, OutboundMessage message, Send send) {
    Optional<String> token = workspaces.botToken(team);
    if (token.isEmpty()) {
      return new Delivery.Undeliverable("Kring is not installed in this Slack workspace");
    }
    String blocks = BlockKit.json(BlockKit.message(message.reply()));
    String text = BlockKit.fallback(message.reply());
    try {
      return send.send(slack.methods(token.get()), token.get(), text, blocks);
    } catch (SlackApiException e) {
      return failed(e);
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      return new Delivery.NotYet(null, "Slack not reachable: " + e.getClass().getSimpleName());
    } catch (InterruptedIOException e) {
      return new Delivery.Unknown("No answer from Slack in time");
    } catch (IOException e) {
      return new Delivery.Unknown("Connection to Slack failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Uploads the pictures of a message's charts and its documents into the conversation it was
   * posted in, with Slack's external upload (get an upload URL, send the bytes there, complete the
   * upload into the channel). The message is already delivered and its text says what the files
   * hold: a file that fails is logged by Slack's error name and not tried again, so a retry never
   * posts the message twice. An ephemeral answer gets no file; Slack cannot share a file with one
   * person there.
   */
  private List<Posted> pictures(
      MethodsClient api, String team, String conversation, OutboundMessage message) {
    List<Posted> files = new ArrayList<>();
    for (Block block : message.reply().blocks()) {
      try {
        if (block instanceof Chart chart) {
          picture(api, conversation, chart, message, file -> files.add(file(team, file)));
        } else if (block instanceof Document document) {
          upload(
              api,
              conversation,
              new Upload(document.fileName(), document.bytes(), document.mediaType(), null),
              document.fileName(),
              message,
              file -> files.add(file(team, file)));
        }
      } catch (IOException | SlackApiException | RuntimeException e) {
        LOG.info(
            "Could not upload a file of message {}: {}",
            message.id(),
            e.getClass().getSimpleName());
      }
    }
    return files;
  }

  private static Posted file(String team, String id) {
    return Posted.file(Platform.SLACK, team, id);
  }

  /**
   * What one upload sends: a file's name, bytes and type, and its alt text (a picture's) or null.
   */
  private record Upload(String name, byte[] bytes, String mediaType, String alt) {}

  /** Uploads one chart's picture. */
  private void picture(
      MethodsClient api,
      String conversation,
      Chart chart,
      OutboundMessage message,
      Consumer<String> uploaded)
      throws IOException, SlackApiException {
    Optional<byte[]> png = pictures.png(chart, MAX_PICTURE);
    if (png.isEmpty()) {
      return;
    }
    String alt = chart.alt().length() > MAX_ALT ? chart.alt().substring(0, MAX_ALT) : chart.alt();
    upload(
        api,
        conversation,
        new Upload(PICTURE_NAME, png.get(), "image/png", alt),
        chart.title(),
        message,
        uploaded);
  }

  /**
   * Uploads one file.
   *
   * @param uploaded told the file's id once Slack holds its bytes, shared or not, so that it is
   *     deleted with the case
   */
  private void upload(
      MethodsClient api,
      String conversation,
      Upload file,
      String title,
      OutboundMessage message,
      Consumer<String> uploaded)
      throws IOException, SlackApiException {
    FilesGetUploadURLExternalResponse url =
        api.filesGetUploadURLExternal(
            r -> {
              r.filename(file.name()).length(file.bytes().length);
              if (file.alt() != null) {
                r.altTxt(file.alt());
              }
              return r;
            });
    if (!url.isOk()) {
      LOG.info("Slack refused a file of message {}: {}", message.id(), url.getError());
      return;
    }
    if (!uploadable(url.getUploadUrl()) || !slackId(url.getFileId())) {
      LOG.warn("Slack gave message {} an upload address Kring does not send to", message.id());
      return;
    }
    RequestBody bytes = RequestBody.create(file.bytes(), MediaType.get(file.mediaType()));
    MultipartBody form =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("filename", file.name(), bytes)
            .build();
    // The upload address is signed for this one file: it gets the bytes, not the bot token.
    Request upload = new Request.Builder().url(url.getUploadUrl()).post(form).build();
    try (Response response = slack.getHttpClient().getOkHttpClient().newCall(upload).execute()) {
      if (!response.isSuccessful()) {
        LOG.info("Slack did not take a file of message {}: {}", message.id(), response.code());
        return;
      }
    }
    uploaded.accept(url.getFileId());
    FilesCompleteUploadExternalResponse done =
        api.filesCompleteUploadExternal(
            r ->
                r.files(
                        List.of(
                            FilesCompleteUploadExternalRequest.FileDetails.builder()
                                .id(url.getFileId())
                                .title(title)
                                .build()))
                    .channelId(conversation));
    if (!done.isOk()) {
      LOG.info("Slack did not share a file of message {}: {}", message.id(), done.getError());
    }
  }

  /**
   * Whether an upload address from Slack may get a picture: over TLS, or on the host Kring's Web
   * API calls go to (a local stand-in in tests).
   */
  private boolean uploadable(String address) {
    if (address == null || address.length() > 2000) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      return false;
    }
    if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
      return true;
    }
    URI api = URI.create(slack.getConfig().getMethodsEndpointUrlPrefix());
    return Objects.equals(uri.getScheme(), api.getScheme())
        && Objects.equals(uri.getHost(), api.getHost())
        && uri.getPort() == api.getPort();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A message with {@code chat.delete}, a file with {@code files.delete}, with the bot token of
   * the workspace it was posted in: a bot may delete what it posted itself ({@code chat:write},
   * {@code files:write}).
   */
  @Override
  public Retraction retract(Posted posted) {
    if (posted.platform() != Platform.SLACK) {
      return new Retraction.Impossible("Not a Slack item");
    }
    String team = posted.origin();
    Optional<String> token = workspaces.botToken(team);
    if (token.isEmpty()) {
      return new Retraction.Waiting("Kring is not installed in this Slack workspace");
    }
    MethodsClient api = slack.methods(token.get());
    try {
      SlackApiTextResponse answer =
          posted.kind() == Posted.Kind.MESSAGE
              ? api.chatDelete(r -> r.channel(posted.conversation()).ts(posted.id()))
              : api.filesDelete(r -> r.file(posted.id()));
      return answer.isOk() ? new Retraction.Done() : retraction(team, answer.getError());
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429) {
        return new Retraction.Later(
            retryAfter(e.getResponse().header("Retry-After")), "ratelimited");
      }
      return status >= 500
          ? new Retraction.Later(null, "Slack answered " + status)
          : new Retraction.Impossible("Slack answered " + status);
    } catch (IOException e) {
      return new Retraction.Later(
          null, "Connection to Slack failed: " + e.getClass().getSimpleName());
    }
  }

  private Retraction retraction(String team, String error) {
    String name = error == null ? "unknown_error" : error;
    if (REFUSED.contains(name)) {
      workspaces.broken(team, name);
      return new Retraction.Waiting(name);
    }
    if (ALREADY_GONE.contains(name)) {
      return new Retraction.Done();
    }
    if (LATER.contains(name) || name.equals("request_timeout")) {
      return new Retraction.Later(null, name);
    }
    return new Retraction.Impossible(name);
  }

  /** Whether Slack gave an id Kring keeps: short, of letters, digits and a few marks. */
  private static boolean slackId(String id) {
    return id != null && id.matches("[A-Za-z0-9._-]{1,80}");
  }

  private Delivery classify(String team, String error, OutboundMessage message) {
    String name = error == null ? "unknown_error" : error;
    if (REFUSED.contains(name)) {
      workspaces.broken(team, name);
      return new Delivery.Undeliverable(name);
    }
    if (GONE.contains(name)) {
      LOG.info("Slack refused message {}: {}", message.id(), name);
      return new Delivery.Undeliverable(name, gone(name, message));
    }
    if (name.equals("ratelimited")) {
      return Delivery.NotYet.rateLimited(null, name);
    }
    if (LATER.contains(name)) {
      return new Delivery.NotYet(null, name);
    }
    if (name.equals("request_timeout")) {
      return new Delivery.Unknown(name);
    }
    LOG.warn("Slack refused message {}: {}", message.id(), name);
    return new Delivery.Undeliverable(name);
  }

  /** What a Slack error says is gone: the channel of a channel post, or the person. */
  static Delivery.Gone gone(String error, OutboundMessage message) {
    if (CHANNEL_GONE.contains(error) && !message.to().isPrivate()) {
      return Delivery.Gone.CHANNEL;
    }
    if (PERSON_GONE.contains(error)) {
      return Delivery.Gone.PERSON;
    }
    return Delivery.Gone.NOTHING;
  }

  private static Delivery failed(SlackApiException e) {
    int status = e.getResponse().code();
    String held = e.getResponse().header(SlackRateLimits.HELD);
    if (status == 429 && held != null) {
      Duration after = retryAfter(e.getResponse().header("Retry-After"));
      return new Delivery.Waits(after == null ? PACE : after, "held back: Slack's " + held);
    }
    if (status == 429) {
      return Delivery.NotYet.rateLimited(
          retryAfter(e.getResponse().header("Retry-After")), "ratelimited");
    }
    if (status >= 500) {
      return new Delivery.NotYet(null, "Slack answered " + status);
    }
    return new Delivery.Undeliverable("Slack answered " + status);
  }

  static Duration retryAfter(String header) {
    if (header == null || !header.strip().matches("\\d{1,6}")) {
      return null;
    }
    return Duration.ofSeconds(Long.parseLong(header.strip()));
  }
}
