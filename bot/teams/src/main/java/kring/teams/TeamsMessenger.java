package kring.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import kring.chart.Pictures;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Posted;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retraction;
import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Document;
import kring.core.reply.Reply;
import kring.core.reply.Text;
import kring.core.store.ShortDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts outbox messages to Teams through the Bot Connector's REST API, as Adaptive Cards. A private
 * message goes to the person's personal chat with Kring when the app is installed for them;
 * otherwise the case channel gets a mention that says only that something is waiting, with a button
 * that opens it in a dialog for that person alone.
 *
 * <p>What it posts is reported by the connector's activity id, so that it can be deleted when its
 * case is erased. It makes one attempt per call and classifies the answer; the outbox owns retries,
 * backoff and the pace, so the SDK's own immediate retries play no part here.
 */
public final class TeamsMessenger implements Messenger {

  /**
   * Teams allows 7 messages per second in one conversation, 60 per 30 seconds and 1800 per hour.
   * Two a second keeps every window up to 30 seconds; the hourly one would only bind on half an
   * hour of non-stop posting into one case, which Kring never does, and a 429 is waited out
   * regardless.
   */
  static final Duration PACE = Duration.ofMillis(500);

  static final String OPEN_WAITING = "teams.open";

  /** What an update in place of a post that is no longer there (deleted in Teams) comes to. */
  private static final String NOT_THERE = "HTTP 404: the activity to update is gone";

  private static final Logger LOG = LoggerFactory.getLogger(TeamsMessenger.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An activity id as the connector gives them: short, printable, no spaces. */
  private static final Pattern ACTIVITY_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");

  private final TeamsDirectory directory;
  private final Pictures pictures;
  private final ConnectorTokens tokens;
  private final HttpClient http;

  /**
   * For a plain {@code http://} service URL (a local connector such as Microsoft 365 Agents
   * Playground): HTTP/1.1 only, since an HTTP/2 upgrade over plain HTTP (h2c) makes it drop the
   * connection. HTTPS negotiates its version as usual.
   */
  private final HttpClient plainHttp;

  private final Duration timeout;

  /** Whose zone says which day it is for the school: one waiting post per person a day. */
  private final Clock clock;

  /**
   * @param directory where the conversation addresses and people are kept
   * @param tokens the bearer token for the connector
   * @param timeout how long one post may take before its outcome counts as unknown
   * @param clock the time, in the school's zone
   */
  public TeamsMessenger(
      TeamsDirectory directory, ConnectorTokens tokens, Duration timeout, Clock clock) {
    this(directory, tokens, timeout, clock, Pictures.DRAWN);
  }

  /**
   * @param pictures draws a message's charts as inline pictures
   */
  TeamsMessenger(
      TeamsDirectory directory,
      ConnectorTokens tokens,
      Duration timeout,
      Clock clock,
      Pictures pictures) {
    this.clock = clock;
    this.pictures = pictures;
    this.directory = directory;
    this.tokens = tokens;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.plainHttp =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @Override
  public Platform platform() {
    return Platform.TEAMS;
  }

  @Override
  public Duration pace() {
    return PACE;
  }

  /** A private message to a person without a personal chat with Kring lands in the channel. */
  @Override
  public String conversation(Recipient to) {
    if (to.isPrivate()
        && to.channel().platform() == Platform.TEAMS
        && directory.person(to.person()).map(p -> p.personalChat() == null).orElse(false)) {
      return Recipient.channel(to.channel()).conversationKey();
    }
    return to.conversationKey();
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    Recipient to = message.to();
    ChannelRef channel = to.channel();
    if (channel.platform() != Platform.TEAMS) {
      return new Delivery.Undeliverable("Not a Teams conversation: " + channel.key());
    }
    if (!to.isPrivate()) {
      return directory
          .address(channel)
          .map(a -> post(a, card(message), message))
          .orElseGet(() -> new Delivery.Undeliverable("Kring was never spoken to in this chat"));
    }
    Optional<TeamsPerson> person = directory.person(to.person());
    if (person.isEmpty()) {
      return new Delivery.Undeliverable("Kring never met this person on Teams");
    }
    if (person.get().personalChat() != null) {
      Optional<Document> file = document(message.reply());
      if (file.isPresent()) {
        return offerFile(person.get().personalChat(), file.get(), message);
      }
      return post(person.get().personalChat(), card(message), message);
    }
    Optional<Address> address = directory.address(channel);
    if (address.isEmpty()) {
      return new Delivery.Undeliverable("Kring was never spoken to in this chat");
    }
    return notify(address.get(), person.get(), waiting(message, channel), message);
  }

  /**
   * {@inheritDoc}
   *
   * <p>With the connector's update activity: the card of the post is replaced by the new one, with
   * the new state's buttons or none. A post that is no longer there (deleted in Teams) is posted
   * anew.
   */
  @Override
  public Delivery update(Posted shown, OutboundMessage message) {
    if (shown.platform() != Platform.TEAMS
        || shown.kind() != Posted.Kind.MESSAGE
        || !Address.trusted(shown.origin())
        || !ACTIVITY_ID.matcher(shown.id()).matches()
        || message.to().channel().platform() != Platform.TEAMS) {
      return deliver(message);
    }
    Address address = addressOf(shown, message.to());
    ObjectNode activity = activity(address, card(message), message.reply().summary());
    Delivery updated = send(address, activity, message, shown.id());
    if (updated instanceof Delivery.Undeliverable u && u.reason().equals(NOT_THERE)) {
      LOG.info("Message {} updates a post that is gone: posted anew", message.id());
      return deliver(message);
    }
    return updated instanceof Delivery.Delivered ? Delivery.Delivered.updated(shown) : updated;
  }

  /**
   * Where a post is, as the directory knows the conversation (with Kring's own id in it) when it is
   * still the one the message goes to, else from what was kept of the post alone.
   */
  private Address addressOf(Posted shown, Recipient to) {
    Optional<Address> known =
        to.isPrivate()
            ? directory.person(to.person()).map(TeamsPerson::personalChat)
            : directory.address(to.channel());
    return known
        .filter(
            a ->
                a.conversationId().equals(shown.conversation())
                    && a.serviceUrl().equals(shown.origin()))
        .orElseGet(() -> new Address(shown.origin(), shown.conversation(), null));
  }

  /** The card that shows a message where it is posted: in the channel or a personal chat. */
  private ObjectNode card(OutboundMessage message) {
    ChannelRef channel = message.to().channel();
    String actsIn = message.to().isPrivate() ? actsIn(message, channel) : channel.key();
    return AdaptiveCards.reply(message.reply(), actsIn, TeamsTexts.SHORTENED, pictures);
  }

  /**
   * Tells a person in the case channel that private content waits for them: one post a day per
   * person and channel, which later content of that day updates in place with how much waits. Its
   * button opens all of it in a dialog for that person alone.
   */
  private Delivery notify(
      Address address, TeamsPerson person, String item, OutboundMessage message) {
    Recipient to = message.to();
    String day = LocalDate.ofInstant(clock.instant(), clock.getZone()).toString();
    TeamsDirectory.Notice notice =
        directory.notice(to.person(), to.channel(), day, item, message.id(), clock.millis());
    String words = TeamsTexts.waiting(notice.count());
    ObjectNode card =
        AdaptiveCards.mention(
            person.teamsId(),
            person.name(),
            words,
            new Buttons.Button(TeamsTexts.OPEN, OPEN_WAITING, notice.id(), true),
            to.channel().key());
    // The channel sees the summary in its notifications too: it says only that something waits.
    ObjectNode activity = activity(address, card, words);
    if (notice.step() == TeamsDirectory.Step.WAIT) {
      return new Delivery.NotYet(Duration.ofSeconds(1), "another delivery posts this notice");
    }
    if (notice.step() == TeamsDirectory.Step.UPDATE) {
      Delivery updated = send(address, activity, message, notice.activity());
      if (!(updated instanceof Delivery.Undeliverable u) || !u.reason().equals(NOT_THERE)) {
        return updated;
      }
      // The post was deleted in Teams: a new one takes its place.
    }
    Delivery posted = send(address, activity, message, null);
    if (posted instanceof Delivery.Delivered delivered && !delivered.posted().isEmpty()) {
      directory.noticePosted(notice.id(), delivered.posted().get(0).id());
    }
    return posted;
  }

  /**
   * Where the buttons of a private message in a personal chat act. A reminder's buttons each name
   * their case, and one reminder may combine the prompts of several cases: they act where they are
   * pressed, and the core takes the case from the button, for its partners only. Any other private
   * message answers what the person did in the case channel, and its buttons act there.
   */
  private static String actsIn(OutboundMessage message, ChannelRef channel) {
    return message.kind() == MessageKind.REMINDER ? null : channel.key();
  }

  /**
   * The id of the private content the message brings, parked for its person: the content its own
   * button opens when it only offers something that already waits (a form), else the message
   * itself, parked under an id derived from the message so that a retry leaves no second copy.
   */
  private String waiting(OutboundMessage message, ChannelRef channel) {
    List<Block> blocks = message.reply().blocks();
    if (blocks.get(blocks.size() - 1) instanceof Buttons buttons
        && buttons.buttons().size() == 1
        && buttons.buttons().get(0).action().equals(OPEN_WAITING)) {
      return buttons.buttons().get(0).value();
    }
    String id = waitingId(message.id());
    directory.park(
        id, new Waiting(message.to().person().key(), channel.key(), message.reply(), null));
    return id;
  }

  private static Optional<Document> document(Reply reply) {
    return reply.blocks().stream()
        .filter(Document.class::isInstance)
        .map(Document.class::cast)
        .findFirst();
  }

  /**
   * A message with a file, in a personal chat: its words as a card, and the file offered with
   * Teams' file consent card, the one way a bot sends a file in Teams without reading the person's
   * OneDrive (it does not work in a channel). The file is parked for the person, under an id
   * derived from the message so that a retry parks no second copy; when they accept, Teams gives an
   * upload address in their OneDrive ({@link TeamsFiles}); when they decline, it is forgotten.
   */
  private Delivery offerFile(Address chat, Document file, OutboundMessage message) {
    List<Block> words =
        message.reply().blocks().stream().filter(b -> !(b instanceof Document)).toList();
    String id = waitingId("file|" + message.id());
    directory.park(
        id,
        new Waiting(
            message.to().person().key(),
            message.to().channel().key(),
            new Reply(List.of(file)),
            null));
    ObjectNode activity =
        activity(
            chat,
            AdaptiveCards.reply(
                new Reply(
                    words.isEmpty() ? List.of(new Text(file.fileName(), Text.Style.PLAIN)) : words),
                null,
                TeamsTexts.SHORTENED),
            message.reply().summary());
    ObjectNode consent = ((ArrayNode) activity.get("attachments")).addObject();
    consent.put("contentType", TeamsFiles.CONSENT_CARD);
    consent.put("name", file.fileName());
    ObjectNode content = consent.putObject("content");
    content.put("description", file.fileName());
    content.put("sizeInBytes", file.bytes().length);
    content.putObject("acceptContext").put(TeamsFiles.FILE, id);
    content.putObject("declineContext").put(TeamsFiles.FILE, id);
    return send(chat, activity, message, null);
  }

  /**
   * Posts a message's own card: the post shows the message, so that a later state of its place
   * updates it.
   */
  private Delivery post(Address address, ObjectNode card, OutboundMessage message) {
    Delivery sent =
        send(address, activity(address, card, message.reply().summary()), message, null);
    if (sent instanceof Delivery.Delivered delivered && !delivered.posted().isEmpty()) {
      List<Posted> posted = delivered.posted();
      return Delivery.Delivered.as(posted.get(0), posted.subList(1, posted.size()));
    }
    return sent;
  }

  private static ObjectNode activity(Address address, ObjectNode card, String summary) {
    ObjectNode activity = JSON.createObjectNode();
    activity.put("type", "message");
    if (address.botId() != null) {
      activity.putObject("from").put("id", address.botId());
    }
    activity.put("summary", summary);
    ObjectNode attachment = activity.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.set("content", card);
    return activity;
  }

  /**
   * Posts an activity, or updates the one with id {@code replacing} in place (the connector's
   * update activity, which answers 404 when it is no longer there).
   */
  private Delivery send(
      Address address, ObjectNode activity, OutboundMessage message, String replacing) {
    String url =
        address.base()
            + "/v3/conversations/"
            + URLEncoder.encode(address.conversationId(), StandardCharsets.UTF_8)
            + "/activities"
            + (replacing == null ? "" : "/" + URLEncoder.encode(replacing, StandardCharsets.UTF_8));
    if (replacing != null) {
      // The connector's update activity names the activity in its body too, as the SDK does.
      activity.put("id", replacing);
    }
    Optional<HttpRequest> request;
    try {
      request =
          authorized(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(timeout)
                  .header("Content-Type", "application/json; charset=utf-8")
                  .method(
                      replacing == null ? "POST" : "PUT",
                      HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(activity))),
              "message " + message.id());
    } catch (IOException e) {
      return new Delivery.Undeliverable(
          "Cannot write the activity: " + e.getClass().getSimpleName());
    }
    if (request.isEmpty()) {
      // Nothing was sent yet: no token (Entra ID unreachable) is worth another try.
      return new Delivery.NotYet(null, "no connector token");
    }
    try {
      HttpResponse<String> response =
          clientFor(address).send(request.get(), HttpResponse.BodyHandlers.ofString());
      if (replacing != null && response.statusCode() == 404) {
        return new Delivery.Undeliverable(NOT_THERE);
      }
      Delivery result =
          classify(response.statusCode(), response.headers().firstValue("Retry-After"));
      if (result instanceof Delivery.Delivered && replacing != null) {
        // What is updated was recorded when it was posted; recorded again, it is deleted with
        // the case of this message too.
        return new Delivery.Delivered(
            List.of(
                Posted.message(
                    Platform.TEAMS, address.serviceUrl(), address.conversationId(), replacing)));
      }
      if (result instanceof Delivery.Delivered) {
        return new Delivery.Delivered(posted(address, response.body(), message));
      }
      return result;
    } catch (HttpTimeoutException e) {
      return e instanceof java.net.http.HttpConnectTimeoutException
          ? new Delivery.NotYet(null, "connect timeout")
          : new Delivery.Unknown("timeout after sending");
    } catch (ConnectException e) {
      return new Delivery.NotYet(null, "connection refused");
    } catch (IOException e) {
      return new Delivery.Unknown(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery.Unknown("interrupted");
    }
  }

  private HttpClient clientFor(Address address) {
    return address.serviceUrl().startsWith("http:") ? plainHttp : http;
  }

  /**
   * The request with the connector's token, or empty when no token could be had (Entra ID
   * unreachable).
   */
  private Optional<HttpRequest> authorized(HttpRequest.Builder request, String what) {
    try {
      Optional<String> token = tokens.token();
      token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      return Optional.of(request.build());
    } catch (Exception e) {
      LOG.warn("No connector token for {}: {}", what, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /**
   * What the connector calls the activity it accepted (its ResourceResponse), so that it can be
   * deleted with its case; nothing when the answer holds no id Kring can use.
   */
  private static List<Posted> posted(Address address, String body, OutboundMessage message) {
    try {
      String id = JSON.readTree(body == null ? "" : body).path("id").asText("");
      if (ACTIVITY_ID.matcher(id).matches()) {
        return List.of(
            Posted.message(Platform.TEAMS, address.serviceUrl(), address.conversationId(), id));
      }
    } catch (IOException e) {
      // Falls through: delivered, with nothing Kring could delete later.
    }
    LOG.warn("The connector gave message {} no id Kring can delete it by", message.id());
    return List.of();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The connector's delete activity, at the service URL the message was posted through.
   */
  @Override
  public Retraction retract(Posted posted) {
    if (posted.platform() != Platform.TEAMS
        || posted.kind() != Posted.Kind.MESSAGE
        || !Address.trusted(posted.origin())
        || !ACTIVITY_ID.matcher(posted.id()).matches()) {
      return new Retraction.Impossible("Not a Teams message Kring can delete");
    }
    Address address = new Address(posted.origin(), posted.conversation(), null);
    String url =
        address.base()
            + "/v3/conversations/"
            + URLEncoder.encode(address.conversationId(), StandardCharsets.UTF_8)
            + "/activities/"
            + URLEncoder.encode(posted.id(), StandardCharsets.UTF_8);
    Optional<HttpRequest> request =
        authorized(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).DELETE(), "a deletion");
    if (request.isEmpty()) {
      return new Retraction.Later(null, "no connector token");
    }
    try {
      HttpResponse<String> response =
          clientFor(address).send(request.get(), HttpResponse.BodyHandlers.ofString());
      return retraction(response.statusCode(), response.headers().firstValue("Retry-After"));
    } catch (IOException e) {
      return new Retraction.Later(null, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Retraction.Later(null, "interrupted");
    }
  }

  /** What a Bot Connector status means for a deletion: a message not found is gone already. */
  static Retraction retraction(int status, Optional<String> retryAfter) {
    if ((status >= 200 && status < 300) || status == 404) {
      return new Retraction.Done();
    }
    return switch (status) {
      case 401, 412, 429, 500, 502, 503, 504 ->
          new Retraction.Later(seconds(retryAfter), "HTTP " + status);
      default -> new Retraction.Impossible("HTTP " + status);
    };
  }

  /** What a Bot Connector status means for the outbox. */
  static Delivery classify(int status, Optional<String> retryAfter) {
    if (status >= 200 && status < 300) {
      return new Delivery.Delivered();
    }
    return switch (status) {
      case 429 -> Delivery.NotYet.rateLimited(seconds(retryAfter), "HTTP 429");
      case 412, 502, 503, 504 -> new Delivery.NotYet(seconds(retryAfter), "HTTP " + status);
      // The token expired between fetching and posting; the next attempt fetches a fresh one.
      case 401 -> new Delivery.NotYet(null, "HTTP 401");
      case 403, 404 ->
          new Delivery.Undeliverable(
              "HTTP " + status + ": chat gone or Kring removed", Delivery.Gone.CHANNEL);
      case 500 -> new Delivery.Unknown("HTTP 500");
      default -> new Delivery.Undeliverable("HTTP " + status);
    };
  }

  private static Duration seconds(Optional<String> retryAfter) {
    try {
      return retryAfter
          .map(String::strip)
          .map(Long::parseLong)
          .map(Duration::ofSeconds)
          .orElse(null);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String waitingId(String messageId) {
    return ShortDigest.of(messageId);
  }
}
