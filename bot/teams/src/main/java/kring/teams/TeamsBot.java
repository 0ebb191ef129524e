package kring.teams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import kring.core.conversation.Conversation;
import kring.core.identity.Platform;
import kring.core.outbox.Outbox;
import kring.storage.RedisOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kring's Teams bot behind {@code /api/messages}: parses an activity with the SDK's own JSON types,
 * lets the SDK check its token, and answers with the HTTP status and body Teams expects. The one
 * error boundary of the Teams adapter: nothing it answers carries a stack trace.
 */
public final class TeamsBot {

  private static final Logger LOG = LoggerFactory.getLogger(TeamsBot.class);

  private final ObjectMapper json =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final BotFrameworkHttpAdapter adapter;
  private final TeamsTurns turns;
  private final TeamsAccess access;
  private final AtomicLong busy = new AtomicLong();
  private final AtomicLong lastBusyNote = new AtomicLong();

  private static final Duration BUSY_NOTE_EVERY = Duration.ofSeconds(10);

  /**
   * @param wake tells the outbox relay that messages are waiting
   * @param work runs the work of an activity after its acknowledgement
   */
  public TeamsBot(
      TeamsAccess access,
      Conversation conversation,
      TeamsDirectory directory,
      RedisOnce once,
      Outbox outbox,
      Runnable wake,
      Clock clock,
      AfterAcknowledgement work) {
    this.access = access;
    conversation.commandsTyped(Platform.TEAMS, TeamsTexts::typed);
    this.adapter = new BotFrameworkHttpAdapter(new AccessConfiguration(access));
    this.turns = new TeamsTurns(conversation, directory, once, outbox, wake, clock, access, work);
  }

  int maxBodyBytes() {
    return access.maxBodyBytes();
  }

  /** What {@code /api/messages} answers: a status and a JSON body, or no body. */
  record Answer(int status, String body) {}

  Answer handle(String authorization, String body) {
    Activity activity;
    try {
      JsonNode tree = json.readTree(body);
      Optional<String> problem = IncomingActivity.problem(tree);
      if (problem.isPresent()) {
        // Without a token there is nothing to say about the body but that.
        if (access.authenticates() && (authorization == null || authorization.isBlank())) {
          LOG.info("Refused a Teams activity without a token");
          return new Answer(401, null);
        }
        LOG.info("Refused a Teams activity Kring cannot read: {}", problem.get());
        return new Answer(400, null);
      }
      activity = json.treeToValue(tree, Activity.class);
    } catch (Exception e) {
      LOG.info("Refused a Teams activity that is not an activity's JSON");
      return new Answer(400, null);
    }
    try {
      // The SDK authenticates and hands over the activity; Kring's own work then runs on its own
      // threads (or, for an invoke's answer, on the request thread), never on the SDK's small
      // shared pool.
      AtomicReference<Activity> authenticated = new AtomicReference<>();
      adapter
          .processIncomingActivity(
              authorization,
              activity,
              turn -> {
                authenticated.set(turn.getActivity());
                return CompletableFuture.completedFuture(null);
              })
          .join();
      if (authenticated.get() == null) {
        return new Answer(401, null);
      }
      ObjectNode answer = turns.handle(authenticated.get());
      return new Answer(200, answer == null ? null : json.writeValueAsString(answer));
    } catch (Exception e) {
      return failed(e);
    }
  }

  private Answer failed(Exception e) {
    Throwable cause = e;
    while ((cause instanceof CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof Refused refused && refused.status() == 503) {
      // A flood is told about once every little while, not once an activity.
      long refusals = busy.incrementAndGet();
      long now = System.nanoTime();
      long last = lastBusyNote.get();
      if ((now - last > BUSY_NOTE_EVERY.toNanos() || refusals == 1)
          && lastBusyNote.compareAndSet(last, now)) {
        LOG.warn("{}: {} Teams activities refused so far", refused.getMessage(), refusals);
      }
      return new Answer(503, null);
    }
    if (cause instanceof Refused refused) {
      LOG.info("Refused a Teams activity: {}", refused.getMessage());
      return new Answer(refused.status(), null);
    }
    // A malformed header fails while the SDK decodes it, before any check: still a 401.
    if (cause instanceof AuthenticationException
        || cause instanceof com.auth0.jwt.exceptions.JWTVerificationException) {
      LOG.info("Refused a Teams activity without a valid token: {}", cause.getMessage());
      return new Answer(401, null);
    }
    LOG.error("Could not handle a Teams activity", e);
    return new Answer(500, null);
  }
}
