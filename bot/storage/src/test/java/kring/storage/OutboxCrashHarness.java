package kring.storage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import kring.core.identity.Platform;
import kring.core.outbox.Delivery;
import kring.core.outbox.MessageKind;
import kring.core.outbox.Messenger;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.OutboxRelay;
import kring.json.KringJson;
import kring.testing.Samples;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Kring cut down to its outbox, run in its own JVM by {@link OutboxCrashTest} so that the test
 * can SIGKILL it at a chosen moment. It writes to a Redis outbox and relays to a fake platform that
 * records every POST.
 *
 * <p>Arguments: mode, Redis URL, key prefix, platform URL, lease in ms. Modes: {@code
 * write-then-wait} writes an answer and a reminder, then waits without relaying; {@code
 * write-then-relay} writes both to one channel and relays with two workers, the way two pollers
 * would; {@code relay} relays until the outbox is empty, then exits.
 */
final class OutboxCrashHarness {

  static final Duration PACE = Duration.ofMillis(200);
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(20);

  private OutboxCrashHarness() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    UnifiedJedis client = RedisConnections.open(args[1]);
    RedisOutbox outbox = new RedisOutbox(client, new RedisKeys(args[2]));
    OutboxRelay relay =
        new OutboxRelay(
            outbox,
            List.of(new PostingMessenger(URI.create(args[3]))),
            Clock.systemUTC(),
            new Random(),
            letter -> System.out.println("PARKED " + letter.id()),
            Duration.ofMillis(Long.parseLong(args[4])));
    switch (mode) {
      case "write-then-wait" -> {
        outbox.enqueue(message("answer-1", MessageKind.ANSWER, "C1"));
        outbox.enqueue(message("reminder-1", MessageKind.REMINDER, "C2"));
        System.out.println("WRITTEN");
        Thread.sleep(Long.MAX_VALUE);
      }
      case "write-then-relay" -> {
        outbox.enqueue(message("reminder-2", MessageKind.REMINDER, "C3"));
        outbox.enqueue(message("answer-2", MessageKind.ANSWER, "C3"));
        System.out.println("WRITTEN");
        Thread second = new Thread(() -> relayForever(relay), "second-poller");
        second.start();
        relayForever(relay);
      }
      case "relay" -> {
        Instant limit = Instant.now().plus(DRAIN_LIMIT);
        while (outbox.pending() > 0 && Instant.now().isBefore(limit)) {
          relay.deliverDue();
          Thread.sleep(50);
        }
        System.out.println(outbox.pending() == 0 ? "DRAINED" : "NOT DRAINED");
        client.close();
        System.exit(0);
      }
      default -> throw new IllegalArgumentException("Unknown mode " + mode);
    }
  }

  private static void relayForever(OutboxRelay relay) {
    while (true) {
      relay.deliverDue();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static OutboundMessage message(String id, MessageKind kind, String channel) {
    return Samples.message(id, kind, Samples.slackChannel(channel), Instant.now());
  }

  /** Posts each message to the fake platform; only a 200 counts as delivered. */
  private record PostingMessenger(URI endpoint) implements Messenger {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
      HttpRequest post =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(60))
              .header("X-Message-Id", message.id())
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      KringJson.mapper().writeValueAsString(message.reply())))
              .build();
      try {
        int status = HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
        return status == 200
            ? new Delivery.Delivered()
            : new Delivery.NotYet(null, "status " + status);
      } catch (IOException e) {
        return new Delivery.Unknown(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Delivery.Unknown("interrupted");
      }
    }
  }
}
