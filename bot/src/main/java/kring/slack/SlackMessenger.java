package kring.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kring.core.identity.Platform;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages to Slack: a channel message with {@code chat.postMessage}, the answer to
 * a person's own action as an ephemeral message in the channel, anything else private as a direct
 * message. Slack's errors are classified by name; a refused token marks the workspace broken.
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
  private static final Set<String> LATER =
      Set.of("ratelimited", "service_unavailable", "internal_error", "fatal_error");

  private final Slack slack;
  private final SlackWorkspaces workspaces;

  /**
   * @param slack the Slack client (its configuration says where the Web API is)
   * @param workspaces the bot token of each workspace
   */
  public SlackMessenger(Slack slack, SlackWorkspaces workspaces) {
    this.slack = slack;
    this.workspaces = workspaces;
  }

  @Override
  public Platform platform() {
    return Platform.SLACK;
  }

  @Override
  public Duration pace() {
    return PACE;
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    Recipient to = message.to();
    String team = to.channel().space();
    Optional<String> token = workspaces.botToken(team);
    if (token.isEmpty()) {
      return new Delivery.Undeliverable("Kring is not installed in this Slack workspace");
    }
    MethodsClient api = slack.methods(token.get());
    String blocks = BlockKit.json(BlockKit.message(message.reply()));
    String text = BlockKit.fallback(message.reply());
    String channel = to.channel().channel();
    try {
      SlackApiTextResponse sent;
      if (!to.isPrivate()) {
        sent = api.chatPostMessage(r -> r.channel(channel).text(text).blocksAsString(blocks));
      } else if (message.kind() == MessageKind.ANSWER) {
        String user = to.person().user();
        sent =
            api.chatPostEphemeral(
                r -> r.channel(channel).user(user).text(text).blocksAsString(blocks));
      } else {
        ConversationsOpenResponse im =
            api.conversationsOpen(r -> r.users(List.of(to.person().user())));
        if (!im.isOk()) {
          return classify(team, im.getError(), message);
        }
        String dm = im.getChannel().getId();
        sent = api.chatPostMessage(r -> r.channel(dm).text(text).blocksAsString(blocks));
      }
      return sent.isOk() ? new Delivery.Delivered() : classify(team, sent.getError(), message);
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
    if (status == 429) {
      return new Delivery.NotYet(retryAfter(e.getResponse().header("Retry-After")), "ratelimited");
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
