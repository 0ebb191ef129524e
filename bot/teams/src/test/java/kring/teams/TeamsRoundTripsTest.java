package kring.teams;

import static kring.teams.Activities.ANNA;
import static kring.teams.Activities.BERT;
import static kring.teams.Activities.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kring.storage.RedisOnce;
import kring.storage.RedisTeamsMemory;
import kring.testing.RedisKring;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * What an activity costs in Redis before Teams gets its acknowledgement: none for a message
 * (whether Teams sent it before is decided by its turn's read, after the acknowledgement), one for
 * another activity, the claim against redelivery; the rest of the work waits until after it. Every
 * Redis client of the bot counts the connections it borrows (one for each command, pipeline or
 * transaction), and the work after the acknowledgement is held until the test lets it run.
 */
class TeamsRoundTripsTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  private final AtomicInteger trips = new AtomicInteger();
  private final List<Runnable> held = new ArrayList<>();
  private static final String SERVICE_URL = "https://smba.trafficmanager.net/emea/";

  private final Activities activities = new Activities(SERVICE_URL);
  private UnifiedJedis counting;
  private RedisKring kring;
  private TeamsBot bot;

  @BeforeEach
  void wire() {
    counting = countingClient(TestRedis.machineUrl(), trips);
    Clock clock = Clock.system(ZoneId.of("Europe/Brussels"));
    kring = RedisKring.on(counting, redis.keys(), clock);
    bot =
        new TeamsBot(
            TeamsHarness.unauthenticated(),
            kring.conversation(),
            new TeamsDirectory(new RedisTeamsMemory(counting, redis.keys())),
            new RedisOnce(counting, redis.keys()),
            kring.outbox(),
            () -> {},
            clock,
            new AfterAcknowledgement(3, held::add));
  }

  @AfterEach
  void close() {
    counting.close();
  }

  /** A message, and a card button that opens no dialog (a message with a value). */
  static List<Arguments> messages() {
    Activities activities = new Activities(SERVICE_URL);
    ObjectNode button = Activities.JSON.createObjectNode();
    button.putObject("kring").put("a", "help").put("v", "");
    return List.of(
        Arguments.of("a message", activities.mention(ANNA, "help")),
        Arguments.of("a card button", activities.submitted(CHANNEL, "channel", ANNA, button)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void aMessageGoesToRedisOnlyAfterItsAcknowledgement(String what, ObjectNode activity) {
    int beforeAck = tripsUntilAcknowledged(activity);
    int afterAck = runHeldWork();

    assertThat(beforeAck).isZero();
    assertThat(afterAck).isPositive();
    System.out.printf("%s: %d round trips before the ack, %d after%n", what, beforeAck, afterAck);
  }

  @Test
  void aMemberWhoJoinsCostsOneRoundTripBeforeTheAcknowledgementAndWorksAfterIt() {
    int beforeAck = tripsUntilAcknowledged(activities.memberAdded(ANNA, BERT));
    int afterAck = runHeldWork();

    assertThat(beforeAck).isEqualTo(1);
    assertThat(afterAck).isPositive();
  }

  @Test
  void aMessagesAnswerIsWrittenAfterTheAcknowledgement() {
    long before = kring.outbox().pending();

    tripsUntilAcknowledged(activities.mention(ANNA, "help"));

    assertThat(kring.outbox().pending()).isEqualTo(before);
    runHeldWork();
    assertThat(kring.outbox().pending()).isGreaterThan(before);
  }

  @Test
  void aMessageDeliveredAgainIsDroppedByItsTurnsReadAfterTheAcknowledgement() {
    ObjectNode mention = activities.mention(ANNA, "help");
    tripsUntilAcknowledged(mention);
    runHeldWork();
    long before = kring.outbox().pending();

    assertThat(tripsUntilAcknowledged(mention)).isZero();
    assertThat(runHeldWork())
        .as(
            "what Kring knows of the conversation and the person, then the turn's read, which drops it")
        .isEqualTo(2);
    assertThat(kring.outbox().pending()).as("nothing said again").isEqualTo(before);
  }

  @Test
  void anotherActivityDeliveredAgainCostsOneRoundTripAndNoWork() {
    ObjectNode joined = activities.memberAdded(ANNA, BERT);
    tripsUntilAcknowledged(joined);
    runHeldWork();

    assertThat(tripsUntilAcknowledged(joined)).isEqualTo(1);
    assertThat(held).isEmpty();
  }

  @Test
  void aPressThatOpensADialogIsAnsweredInsideTheRequest() {
    ObjectNode data = Activities.JSON.createObjectNode();
    data.putObject("msteams").put("type", "task/fetch");
    data.putObject("kring").put("a", "help").put("v", "");

    trips.set(0);
    TeamsBot.Answer answer =
        bot.handle(null, activities.invoke(ANNA, "task/fetch", data).toString());
    int inside = trips.get();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).contains("\"task\"");
    assertThat(held).isEmpty();
    System.out.printf(
        "A button's task/fetch, answered inside the request: %d round trips%n", inside);
  }

  @Test
  void whenTheWorkIsFullAnActivityIsRefusedWithoutTouchingRedisAndItsRetryIsHandled() {
    List<ObjectNode> mentions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      mentions.add(activities.mention(ANNA, "help"));
    }
    for (int i = 0; i < 3; i++) {
      assertThat(bot.handle(null, mentions.get(i).toString()).status()).isEqualTo(200);
    }

    trips.set(0);
    TeamsBot.Answer refused = bot.handle(null, mentions.get(3).toString());

    assertThat(refused.status()).isEqualTo(503);
    assertThat(trips.get()).isZero();
    assertThat(held).hasSize(3);
    runHeldWork();
    long before = kring.outbox().pending();
    assertThat(bot.handle(null, mentions.get(3).toString()).status()).isEqualTo(200);
    assertThat(held).hasSize(1);
    runHeldWork();
    assertThat(kring.outbox().pending()).isGreaterThan(before);
  }

  /** The round trips from the request's arrival to its acknowledgement, which must be a 200. */
  private int tripsUntilAcknowledged(ObjectNode activity) {
    trips.set(0);
    TeamsBot.Answer answer = bot.handle(null, activity.toString());
    assertThat(answer.status()).isEqualTo(200);
    return trips.get();
  }

  /** Runs the work held since the last acknowledgements; returns its round trips. */
  private int runHeldWork() {
    trips.set(0);
    List<Runnable> work = new ArrayList<>(held);
    held.clear();
    work.forEach(Runnable::run);
    return trips.get();
  }

  /** A client on this Redis that counts every connection it borrows. */
  private static UnifiedJedis countingClient(String url, AtomicInteger trips) {
    URI uri = URI.create(url);
    PooledConnectionProvider pool =
        new PooledConnectionProvider(
            new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()));
    ConnectionProvider counted =
        new ConnectionProvider() {
          @Override
          public Connection getConnection() {
            trips.incrementAndGet();
            return pool.getConnection();
          }

          @Override
          public Connection getConnection(CommandArguments args) {
            trips.incrementAndGet();
            return pool.getConnection(args);
          }

          @Override
          public void close() {
            pool.close();
          }
        };
    return new UnifiedJedis(counted, RedisProtocol.RESP2) {};
  }
}
