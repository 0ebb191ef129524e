package kring.slack;

import static kring.testing.UpdatedInPlace.asked;
import static kring.testing.UpdatedInPlace.handled;
import static kring.testing.UpdatedInPlace.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.OutboxRelay;
import kring.core.outbox.Place;
import kring.core.outbox.Posted;
import kring.core.outbox.Recipient;
import kring.core.outbox.Retraction;
import kring.core.reply.Document;
import kring.core.reply.Reply;
import kring.storage.RedisOutbox;
import kring.storage.RedisSlackWorkspaces;
import kring.testing.MovableClock;
import kring.testing.RedisKring;
import kring.testing.Samples;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

class SlackMessengerTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final ChannelRef CHANNEL = new ChannelRef(Platform.SLACK, "T9", "C0MSG");
  static final UserRef ANNA = new UserRef(Platform.SLACK, "T9", "UANNA");

  static FakeSlack api;
  SlackMessenger messenger;

  @BeforeAll
  static void startApi() throws Exception {
    api = FakeSlack.start();
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @BeforeEach
  void setUp() {
    api.clear();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(api.methodsUrl());
    messenger = messenger(Slack.getInstance(config), redis);
  }

  /** A messenger into the one workspace of the tests, which draws every chart as a tiny picture. */
  static SlackMessenger messenger(Slack client, TestRedis redis) {
    return new SlackMessenger(
        client,
        new SingleWorkspace(
            SlackHarness.TOKEN, new RedisSlackWorkspaces(redis.client(), redis.keys())),
        (chart, max) -> Optional.of(Samples.TINY_PNG));
  }

  static OutboundMessage withChart(Recipient to, MessageKind kind) {
    Reply reply = Reply.builder().heading("Reflection round 3").chart(Samples.trendChart()).build();
    return new OutboundMessage("m-" + System.nanoTime(), to, reply, kind, null, Instant.now());
  }

  @Test
  void aChartIsUploadedIntoTheChannelRightAfterItsMessage() throws Exception {
    Delivery result =
        messenger.deliver(withChart(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));

    assertThat(result).isInstanceOf(Delivery.Delivered.class);
    assertThat(FakeSlack.methods(api.calls()))
        .containsExactly(
            "chat.postMessage",
            "files.getUploadURLExternal",
            "upload",
            "files.completeUploadExternal");
    assertThat(api.calls("chat.postMessage").get(0).param("blocks"))
        .contains("Reflection round 3")
        .doesNotContain("image");
    FakeSlack.Call url = api.calls("files.getUploadURLExternal").get(0);
    assertThat(url.param("filename")).isEqualTo("kring-trend.png");
    assertThat(url.param("length")).isEqualTo(String.valueOf(Samples.TINY_PNG.length));
    assertThat(url.param("alt_txt")).isEqualTo(Samples.trendChart().alt());
    FakeSlack.Call upload = api.calls("upload").get(0);
    // The signed upload address gets the picture, never the bot token.
    assertThat(upload.authorization()).isNull();
    assertThat(upload.param("content_type")).startsWith("multipart/form-data");
    byte[] sent = api.uploaded(upload.param("file_id"));
    assertThat(indexOf(sent, Samples.TINY_PNG)).isPositive();
    FakeSlack.Call complete = api.calls("files.completeUploadExternal").get(0);
    assertThat(complete.param("channel_id")).isEqualTo("C0MSG");
    JSONAssert.assertEquals(
        "[{\"id\":\""
            + upload.param("file_id")
            + "\",\"title\":\"How the themes went, case K-7F3Q\"}]",
        complete.param("files"),
        JSONCompareMode.STRICT);
  }

  @Test
  void aPictureSlackRefusesLeavesTheMessageDeliveredAndIsNotTriedAgain() {
    api.errorNext("files.getUploadURLExternal", "file_uploads_disabled");
    assertThat(messenger.deliver(withChart(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT)))
        .isInstanceOf(Delivery.Delivered.class);
    api.failNext("upload", 500, "upload failed", Map.of());
    assertThat(messenger.deliver(withChart(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT)))
        .isInstanceOf(Delivery.Delivered.class);

    assertThat(api.calls("chat.postMessage")).hasSize(2);
    assertThat(api.calls("upload")).hasSize(1);
    assertThat(api.calls("files.completeUploadExternal")).isEmpty();
  }

  @Test
  void aPictureGoesOnlyToAnUploadAddressOverTls() {
    api.failNext(
        "files.getUploadURLExternal",
        200,
        "{\"ok\":true,\"upload_url\":\"http://files.example.org/upload/v1/F1\",\"file_id\":\"F1\"}",
        Map.of());

    assertThat(messenger.deliver(withChart(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT)))
        .isInstanceOf(Delivery.Delivered.class);
    assertThat(FakeSlack.methods(api.calls()))
        .containsExactly("chat.postMessage", "files.getUploadURLExternal");
  }

  @Test
  void anEphemeralAnswerGetsNoPictureAndADirectMessageGetsItInItsConversation() {
    messenger.deliver(withChart(Recipient.privately(CHANNEL, ANNA), MessageKind.ANSWER));
    assertThat(api.calls("files.getUploadURLExternal")).isEmpty();

    messenger.deliver(withChart(Recipient.privately(CHANNEL, ANNA), MessageKind.REMINDER));
    assertThat(api.calls("files.completeUploadExternal").get(0).param("channel_id"))
        .isEqualTo(FakeSlack.im("UANNA"));
  }

  @Test
  void aDocumentIsUploadedAsAFileIntoTheDirectMessageAfterItsWordsAndDeletedWithTheCase() {
    String markdown = "# Casus K-7F3Q\n\n| Wanneer | Wie | Wat |\n|---|---|---|\n| 1 | P2 | ü |\n";
    Reply reply =
        Reply.builder()
            .text("Je export van casus K-7F3Q zit in het bestand hieronder.")
            .document(new Document("kring-K-7F3Q-2026-12-18.md", Document.MARKDOWN, markdown))
            .build();

    Delivery result =
        messenger.deliver(
            new OutboundMessage(
                "m-export",
                Recipient.privately(CHANNEL, ANNA),
                reply,
                MessageKind.ANNOUNCEMENT,
                null,
                Instant.now()));

    assertThat(FakeSlack.methods(api.calls()))
        .containsExactly(
            "conversations.open",
            "chat.postMessage",
            "files.getUploadURLExternal",
            "upload",
            "files.completeUploadExternal");
    byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
    FakeSlack.Call url = api.calls("files.getUploadURLExternal").get(0);
    assertThat(List.of(url.param("filename"), url.param("length")))
        .containsExactly("kring-K-7F3Q-2026-12-18.md", String.valueOf(bytes.length));
    assertThat(url.param("alt_txt")).isNullOrEmpty();
    // The message itself is readable without the file.
    String words = api.calls("chat.postMessage").get(0).param("blocks");
    assertThat(words).contains("Je export van casus K-7F3Q").doesNotContain("Wanneer");
    FakeSlack.Call upload = api.calls("upload").get(0);
    assertThat(indexOf(api.uploaded(upload.param("file_id")), bytes)).isPositive();
    FakeSlack.Call complete = api.calls("files.completeUploadExternal").get(0);
    assertThat(complete.param("channel_id")).isEqualTo(FakeSlack.im("UANNA"));
    assertThat(complete.param("files")).contains("kring-K-7F3Q-2026-12-18.md");
    assertThat(((Delivery.Delivered) result).posted())
        .contains(Posted.file(Platform.SLACK, "T9", upload.param("file_id")));
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static OutboundMessage message(Recipient to, MessageKind kind) {
    return new OutboundMessage(
        "m-" + System.nanoTime(), to, Reply.text("Hallo"), kind, null, Instant.now());
  }

  @Test
  void aChannelMessageIsPostedInTheChannel() {
    Delivery result =
        messenger.deliver(message(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));

    assertThat(result).isInstanceOf(Delivery.Delivered.class);
    FakeSlack.Call post = api.calls("chat.postMessage").get(0);
    assertThat(post.param("channel")).isEqualTo("C0MSG");
    assertThat(post.param("text")).isEqualTo("Hallo");
  }

  @Test
  void anAnswerToAPersonsOwnActionIsEphemeralInTheChannel() {
    messenger.deliver(message(Recipient.privately(CHANNEL, ANNA), MessageKind.ANSWER));

    FakeSlack.Call post = api.calls("chat.postEphemeral").get(0);
    assertThat(post.param("channel")).isEqualTo("C0MSG");
    assertThat(post.param("user")).isEqualTo("UANNA");
  }

  /**
   * Words and blocks reach Slack exactly as Kring meant them, whatever characters they hold, with
   * nothing else in the form than what each call needs.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a+b=c&d;e",
        "100% %41 %zz %",
        "Één café\nnaïef – “zo”",
        "👩‍👧 ok 🇧🇪",
        "\"quoted\" <tag> {\"json\": [1]} \\ back",
        "tab\there ~*_.-!'()",
        " leading and trailing ",
        "?x=1#frag /path",
        "\u0000 nul and \u007f del"
      })
  void wordsAndBlocksReachSlackExactlyAsMeantWithNothingElseInTheForm(String words) {
    Reply reply = Reply.builder().heading(words).text(words).build();
    String blocks = BlockKit.json(BlockKit.message(reply));
    String text = BlockKit.fallback(reply);

    Delivery posted =
        messenger.deliver(
            new OutboundMessage(
                "m-1",
                Recipient.channel(CHANNEL),
                reply,
                MessageKind.ANNOUNCEMENT,
                null,
                Instant.now()));
    messenger.deliver(
        new OutboundMessage(
            "m-2",
            Recipient.privately(CHANNEL, ANNA),
            reply,
            MessageKind.ANSWER,
            null,
            Instant.now()));
    Posted shown = ((Delivery.Delivered) posted).posted().get(0);
    assertThat(
            messenger.update(shown, message(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT)))
        .isEqualTo(Delivery.Delivered.updated(shown));

    FakeSlack.Call post = api.calls("chat.postMessage").get(0);
    assertThat(post.params())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "channel",
                "C0MSG",
                "text",
                text,
                "blocks",
                blocks,
                "mrkdwn",
                "1",
                "link_names",
                "0",
                "unfurl_links",
                "0",
                "unfurl_media",
                "0",
                "reply_broadcast",
                "0"));
    FakeSlack.Call answer = api.calls("chat.postEphemeral").get(0);
    assertThat(answer.params())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "channel",
                "C0MSG",
                "user",
                "UANNA",
                "text",
                text,
                "blocks",
                blocks,
                "link_names",
                "0"));
    FakeSlack.Call update = api.calls("chat.update").get(0);
    assertThat(update.params())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "channel",
                "C0MSG",
                "ts",
                shown.id(),
                "text",
                "Hallo",
                "blocks",
                BlockKit.json(BlockKit.message(Reply.text("Hallo"))),
                "link_names",
                "0"));
    assertThat(List.of(post, answer, update))
        .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + SlackHarness.TOKEN));
  }

  @Test
  void anyOtherPrivateMessageIsADirectMessage() {
    messenger.deliver(message(Recipient.privately(CHANNEL, ANNA), MessageKind.REMINDER));

    assertThat(api.calls("conversations.open").get(0).param("users")).isEqualTo("UANNA");
    assertThat(api.calls("chat.postMessage").get(0).param("channel")).startsWith("D");
    assertThat(api.calls("chat.postEphemeral")).isEmpty();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "not_in_channel, CHANNEL",
    "channel_not_found, CHANNEL",
    "is_archived, CHANNEL",
    "account_inactive, PERSON"
  })
  void aChannelOrPersonThatIsGoneIsUndeliverableAndSaysWhatIsGone(
      String error, Delivery.Gone gone) {
    api.errorNext("chat.postMessage", error);

    Delivery result =
        messenger.deliver(message(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));

    assertThat(result).isEqualTo(new Delivery.Undeliverable(error, gone));
    assertThat(redis.client().exists(redis.keys().slackBroken("T9"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalid_auth", "token_revoked"})
  void aRefusedTokenMarksTheWorkspaceBrokenAndNothingIsSentThereAnyMore(String error) {
    api.errorNext("chat.postMessage", error);

    Delivery first =
        messenger.deliver(message(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));
    Delivery next =
        messenger.deliver(message(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));

    assertThat(first).isEqualTo(new Delivery.Undeliverable(error));
    assertThat(redis.client().get(redis.keys().slackBroken("T9"))).isEqualTo(error);
    assertThat(next).isInstanceOf(Delivery.Undeliverable.class);
    assertThat(api.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void aRateLimitIsNotYetWithSlacksRetryAfter() {
    api.failNext(
        "chat.postMessage",
        429,
        "{\"ok\":false,\"error\":\"ratelimited\"}",
        Map.of("Retry-After", "7"));

    Delivery result =
        messenger.deliver(message(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));

    assertThat(result).isEqualTo(Delivery.NotYet.rateLimited(Duration.ofSeconds(7), "ratelimited"));
  }

  @Test
  void aServerErrorIsNotYet() {
    api.failNext("chat.postMessage", 503, "{\"ok\":false}", Map.of());

    assertThat(messenger.deliver(message(Recipient.channel(CHANNEL), MessageKind.REMINDER)))
        .isInstanceOf(Delivery.NotYet.class);
  }

  @Test
  void noConnectionBeforeSendingIsNotYet() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix("http://127.0.0.1:1/api/");
    SlackMessenger unreachable =
        new SlackMessenger(
            Slack.getInstance(config),
            new SingleWorkspace(
                SlackHarness.TOKEN, new RedisSlackWorkspaces(redis.client(), redis.keys())));

    assertThat(unreachable.deliver(message(Recipient.channel(CHANNEL), MessageKind.REMINDER)))
        .isInstanceOf(Delivery.NotYet.class);
  }

  @Test
  void noAnswerInTimeAfterSendingIsUnknown() throws Exception {
    try (FakeSlack slow = FakeSlack.start()) {
      slowAnswer(slow);
    }
  }

  private void slowAnswer(FakeSlack slow) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slow.methodsUrl());
    config.setHttpClientReadTimeoutMillis(300);
    SlackMessenger impatient =
        new SlackMessenger(
            Slack.getInstance(config),
            new SingleWorkspace(
                SlackHarness.TOKEN, new RedisSlackWorkspaces(redis.client(), redis.keys())));
    slow.delayNext("chat.postMessage", Duration.ofSeconds(1));

    assertThat(impatient.deliver(message(Recipient.channel(CHANNEL), MessageKind.REMINDER)))
        .isInstanceOf(Delivery.Unknown.class);
    assertThat(slow.calls("chat.postMessage")).isNotEmpty();
  }

  @Test
  void aChannelMessageAndItsChartAreReportedBySlacksIdsSoTheyCanBeDeleted() {
    Delivery result =
        messenger.deliver(withChart(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));

    String ts = api.messages().iterator().next().substring("C0MSG/".length());
    String file = api.files().iterator().next();
    assertThat(((Delivery.Delivered) result).posted())
        .containsExactly(
            Posted.message(Platform.SLACK, "T9", "C0MSG", ts),
            Posted.file(Platform.SLACK, "T9", file));
  }

  @Test
  void aDirectMessageIsReportedInItsConversationAndAnEphemeralAnswerNotAtAll() {
    Delivery direct =
        messenger.deliver(message(Recipient.privately(CHANNEL, ANNA), MessageKind.REMINDER));
    Delivery ephemeral =
        messenger.deliver(message(Recipient.privately(CHANNEL, ANNA), MessageKind.ANSWER));

    assertThat(((Delivery.Delivered) direct).posted())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.conversation()).isEqualTo(FakeSlack.im("UANNA"));
              assertThat(api.messages())
                  .containsExactly(FakeSlack.message(p.conversation(), p.id()));
            });
    assertThat(((Delivery.Delivered) ephemeral).posted()).isEmpty();
  }

  @Test
  void whatKringPostedIsDeletedWithItsBotTokenAndWhatIsGoneCountsAsDeleted() {
    Delivery.Delivered result =
        (Delivery.Delivered)
            messenger.deliver(withChart(Recipient.channel(CHANNEL), MessageKind.ANNOUNCEMENT));
    Posted message = result.posted().get(0);
    Posted file = result.posted().get(1);

    assertThat(messenger.retract(message)).isEqualTo(new Retraction.Done());
    assertThat(messenger.retract(file)).isEqualTo(new Retraction.Done());

    assertThat(api.messages()).isEmpty();
    assertThat(api.files()).isEmpty();
    FakeSlack.Call delete = api.calls("chat.delete").get(0);
    assertThat(delete.param("channel")).isEqualTo("C0MSG");
    assertThat(delete.param("ts")).isEqualTo(message.id());
    assertThat(delete.authorization()).isEqualTo("Bearer " + SlackHarness.TOKEN);
    assertThat(api.calls("files.delete").get(0).param("file")).isEqualTo(file.id());

    assertThat(messenger.retract(message)).as("message_not_found").isEqualTo(new Retraction.Done());
    assertThat(messenger.retract(file)).as("file_not_found").isEqualTo(new Retraction.Done());
  }

  @Test
  void aDeletionSlackCannotTakeNowIsTriedAgainAndOneItMayNotIsGivenUp() {
    Posted message = Posted.message(Platform.SLACK, "T9", "C0MSG", "1700000000.000001");

    api.rateLimitNext("chat.delete", 7);
    assertThat(messenger.retract(message))
        .isEqualTo(new Retraction.Later(Duration.ofSeconds(7), "ratelimited"));
    api.failNext("chat.delete", 503, "unavailable", Map.of());
    assertThat(messenger.retract(message)).isInstanceOf(Retraction.Later.class);
    api.errorNext("chat.delete", "internal_error");
    assertThat(messenger.retract(message)).isInstanceOf(Retraction.Later.class);
    api.errorNext("chat.delete", "cant_delete_message");
    assertThat(messenger.retract(message))
        .isEqualTo(new Retraction.Impossible("cant_delete_message"));
    api.errorNext("files.delete", "cant_delete_file");
    assertThat(messenger.retract(Posted.file(Platform.SLACK, "T9", "F0X")))
        .isInstanceOf(Retraction.Impossible.class);
    assertThat(messenger.retract(Posted.message(Platform.TEAMS, "https://x.example", "19:a", "1")))
        .isInstanceOf(Retraction.Impossible.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalid_auth", "token_revoked"})
  void aDeletionWithARefusedTokenWaitsForTheWorkspaceToComeBack(String error) {
    Posted message = Posted.message(Platform.SLACK, "T9", "C0MSG", "1700000000.000001");
    api.errorNext("chat.delete", error);

    assertThat(messenger.retract(message)).isEqualTo(new Retraction.Waiting(error));
    assertThat(messenger.retract(message)).isInstanceOf(Retraction.Waiting.class);
    assertThat(redis.client().get(redis.keys().slackBroken("T9"))).isEqualTo(error);
    assertThat(api.calls("chat.delete")).hasSize(1);
  }

  @Test
  void pacesOneMessagePerSecondPerConversation() {
    assertThat(messenger.pace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(messenger.platform()).isEqualTo(Platform.SLACK);
  }

  /** Messages that stand for a place: posted once, then updated in place. */
  @Nested
  class UpdatesInPlace {

    static final CaseCode CODE = new CaseCode("K-7F3Q");

    MovableClock clock;

    @BeforeEach
    void rateLimited() {
      clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"), ZoneId.of("Europe/Brussels"));
      SlackConfig config = new SlackConfig();
      config.setMethodsEndpointUrlPrefix(api.methodsUrl());
      messenger =
          SlackMessengerTest.messenger(
              SlackRateLimits.slack(config, new SlackRateLimits(clock)), redis);
    }

    /** The join request with its buttons, posted in the channel. */
    Posted postAsked() {
      return shown(
          messenger.deliver(
              message(
                  Recipient.channel(CHANNEL),
                  asked(),
                  MessageKind.ANNOUNCEMENT,
                  Place.show("join:4", 1))));
    }

    static OutboundMessage message(Recipient to, Reply reply, MessageKind kind, Place place) {
      OutboundMessage message =
          new OutboundMessage(
              "m-" + System.nanoTime(),
              to,
              reply,
              kind,
              CODE,
              Instant.parse("2026-03-02T08:00:00Z"));
      return place == null ? message : message.at(place);
    }

    @Test
    void aChannelPostIsShownByItsTimestampAndALaterStateUpdatesItWithoutItsButtons() {
      Posted first = postAsked();
      String posted = api.messages().iterator().next();
      assertThat(first).isEqualTo(Posted.message(Platform.SLACK, "T9", "C0MSG", ts(posted)));
      assertThat(api.showing().get(posted).buttons("join.accept")).hasSize(1);

      Delivery later =
          messenger.update(
              first,
              message(
                  Recipient.channel(CHANNEL),
                  handled(),
                  MessageKind.ANNOUNCEMENT,
                  Place.show("join:4", 2)));

      assertThat(later).isEqualTo(Delivery.Delivered.updated(first));
      assertThat(api.calls("chat.postMessage")).hasSize(1);
      FakeSlack.Call update = api.calls("chat.update").get(0);
      assertThat(update.param("channel")).isEqualTo("C0MSG");
      assertThat(update.param("ts")).isEqualTo(first.id());
      assertThat(update.param("text")).contains("Accepted by Anna");
      assertThat(update.param("blocks")).contains("Accepted by Anna").doesNotContain("\"actions\"");
      assertThat(update.authorization()).isEqualTo("Bearer " + SlackHarness.TOKEN);
      assertThat(api.showing()).containsOnlyKeys(posted);
      assertThat(api.showing().get(posted).buttons("join.accept")).isEmpty();
      assertThat(api.showing().get(posted).buttons("join.decline")).isEmpty();
    }

    @Test
    void aDirectMessageIsShownInItsConversationAndUpdatedThere() {
      Recipient toAnna = Recipient.privately(CHANNEL, ANNA);
      Posted first =
          shown(
              messenger.deliver(
                  message(toAnna, asked(), MessageKind.REMINDER, Place.show("join:4", 1))));
      assertThat(first.conversation()).isEqualTo(FakeSlack.im("UANNA"));

      assertThat(
              messenger.update(
                  first, message(toAnna, handled(), MessageKind.REMINDER, Place.show("join:4", 2))))
          .isEqualTo(Delivery.Delivered.updated(first));
      assertThat(api.calls("chat.update").get(0).param("channel")).isEqualTo(FakeSlack.im("UANNA"));
      assertThat(api.showing().get(FakeSlack.message(first.conversation(), first.id())).words())
          .contains("Accepted by Anna");
    }

    @Test
    void anEphemeralAnswerIsNeverShownByAPostKringCouldUpdate() {
      Delivery answer =
          messenger.deliver(
              message(Recipient.privately(CHANNEL, ANNA), asked(), MessageKind.ANSWER, null));

      assertThat(api.calls("chat.postEphemeral")).hasSize(1);
      assertThat(shown(answer)).isNull();
    }

    @Test
    void aPostDeletedInSlackIsPostedAnewAndTheNewPostShowsTheLaterState() {
      Recipient channel = Recipient.channel(CHANNEL);
      Posted first = postAsked();
      api.deleteByHand(FakeSlack.message(first.conversation(), first.id()));

      Delivery later =
          messenger.update(
              first,
              message(channel, handled(), MessageKind.ANNOUNCEMENT, Place.show("join:4", 2)));

      Posted anew = shown(later);
      assertThat(anew).isNotNull().isNotEqualTo(first);
      assertThat(((Delivery.Delivered) later).posted()).containsExactly(anew);
      assertThat(FakeSlack.methods(api.calls()))
          .containsExactly("chat.postMessage", "chat.update", "chat.postMessage");
      assertThat(api.showing()).containsOnlyKeys(FakeSlack.message(anew.conversation(), anew.id()));
      assertThat(api.showing().values().iterator().next().words()).contains("Accepted by Anna");
    }

    @Test
    void anUpdateSlackRefusesForAnotherReasonIsClassifiedLikeAPost() {
      Posted first = postAsked();
      OutboundMessage later =
          message(
              Recipient.channel(CHANNEL),
              handled(),
              MessageKind.ANNOUNCEMENT,
              Place.show("join:4", 2));

      api.errorNext("chat.update", "is_archived");
      assertThat(messenger.update(first, later))
          .isEqualTo(new Delivery.Undeliverable("is_archived", Delivery.Gone.CHANNEL));
      api.errorNext("chat.update", "internal_error");
      assertThat(messenger.update(first, later)).isInstanceOf(Delivery.NotYet.class);
      api.rateLimitNext("chat.update", 4);
      assertThat(messenger.update(first, later))
          .isEqualTo(Delivery.NotYet.rateLimited(Duration.ofSeconds(4), "ratelimited"));
      // Slack asked to wait: the method rests, and the next update waits without reaching Slack.
      assertThat(messenger.update(first, later)).isInstanceOf(Delivery.Waits.class);
      assertThat(api.calls("chat.update")).hasSize(3);
      assertThat(api.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void anUpdateInAWorkspaceKringIsNotInstalledInIsUndeliverable() {
      Posted elsewhere = Posted.message(Platform.SLACK, "T9", "C0MSG", "1700000000.000001");
      SlackConfig config = new SlackConfig();
      config.setMethodsEndpointUrlPrefix(api.methodsUrl());
      SlackMessenger uninstalled =
          new SlackMessenger(
              Slack.getInstance(config),
              new SlackWorkspaces() {
                @Override
                public Optional<String> botToken(String team) {
                  return Optional.empty();
                }

                @Override
                public void broken(String team, String reason) {}
              });

      assertThat(
              uninstalled.update(
                  elsewhere,
                  message(
                      Recipient.channel(CHANNEL),
                      handled(),
                      MessageKind.ANNOUNCEMENT,
                      Place.show("join:4", 2))))
          .isInstanceOf(Delivery.Undeliverable.class);
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void throughTheRelayARateLimitedUpdateIsMadeLaterOnTheSamePost() {
      RedisOutbox outbox = RedisKring.on(redis.client(), redis.keys(), clock).outbox();
      OutboxRelay relay = RedisKring.relay(redis.client(), redis.keys(), clock, outbox, messenger);
      Recipient channel = Recipient.channel(CHANNEL);
      outbox.enqueue(message(channel, asked(), MessageKind.ANNOUNCEMENT, Place.show("join:4", 1)));
      relay.deliverDue();
      String posted = api.messages().iterator().next();

      api.rateLimitNext("chat.update", 5);
      // Past the pace of one post a second in the channel.
      clock.advance(Duration.ofSeconds(2));
      outbox.enqueue(
          message(channel, handled(), MessageKind.ANNOUNCEMENT, Place.show("join:4", 2)));
      relay.deliverDue();
      assertThat(api.calls("chat.update")).hasSize(1);
      assertThat(outbox.pending()).as("the update waits for Slack's Retry-After").isEqualTo(1);
      clock.advance(Duration.ofMinutes(2));
      relay.deliverDue();

      assertThat(outbox.pending()).isZero();
      assertThat(api.calls("chat.postMessage")).hasSize(1);
      assertThat(api.calls("chat.update"))
          .hasSize(2)
          .allSatisfy(u -> assertThat(u.param("ts")).isEqualTo(ts(posted)));
      assertThat(api.showing()).containsOnlyKeys(posted);
      assertThat(api.showing().get(posted).words()).contains("Accepted by Anna");
      assertThat(api.showing().get(posted).buttons("join.accept")).isEmpty();
    }

    private static String ts(String message) {
      return message.substring(message.indexOf('/') + 1);
    }
  }
}
