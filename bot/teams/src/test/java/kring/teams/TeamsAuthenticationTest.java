package kring.teams;

import static kring.teams.Activities.ANNA;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWTCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Bot Framework token check with a signing key made here, announced by the fake connector in an
 * OpenID configuration and a key set, the way the Bot Connector announces its own.
 */
class TeamsAuthenticationTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  static final String APP_ID = "5f0c8d3e-0000-4000-8000-00000000a11d";

  static TeamsHarness teams;
  static KeyPair signing;
  static KeyPair stranger;

  @BeforeAll
  static void start() throws Exception {
    ConnectorSigning connectorKey = new ConnectorSigning();
    signing = connectorKey.key;
    stranger = new ConnectorSigning().key;
    teams =
        new TeamsHarness(
            redis,
            connector -> connectorKey.announceOn(connector, APP_ID, "a-secret"),
            () -> Optional.of("outgoing-token"));
  }

  @AfterAll
  static void stop() {
    teams.close();
  }

  @Test
  void aValidTokenIsAccepted() {
    assertThat(status(activity(), token(b -> {}))).isEqualTo(200);
  }

  @Test
  void aTokenForAnotherBotIsRefused() {
    assertThat(status(activity(), token(b -> b.withAudience("another-bot")))).isEqualTo(401);
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    assertThat(status(activity(), token(b -> b.withIssuer("https://sts.example.org/"))))
        .isEqualTo(401);
  }

  @Test
  void anExpiredTokenIsRefused() {
    Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
    assertThat(
            status(
                activity(),
                token(
                    b ->
                        b.withNotBefore(Date.from(past.minusSeconds(600)))
                            .withExpiresAt(Date.from(past)))))
        .isEqualTo(401);
  }

  @Test
  void aTokenSignedByAnUnknownKeyIsRefused() {
    assertThat(status(activity(), token(b -> {}, stranger))).isEqualTo(401);
  }

  @Test
  void aTokenForAnotherServiceUrlIsRefused() {
    assertThat(status(activity(), token(b -> b.withClaim("serviceurl", "https://evil.example"))))
        .isEqualTo(401);
  }

  @Test
  void anActivityFromATenantNotAllowedIsRefused() {
    ObjectNode activity = activity();
    ((ObjectNode) activity.get("conversation"))
        .put("tenantId", "00000000-dead-beef-0000-000000000000");
    assertThat(status(activity, token(b -> {}))).isEqualTo(403);
  }

  @Test
  void anActivityFromAnotherChannelIsRefused() {
    ObjectNode activity = activity();
    activity.put("channelId", "webchat");
    assertThat(status(activity, token(b -> {}))).isIn(401, 403);
  }

  @Test
  void aMalformedAuthorizationHeaderIsRefused() {
    assertThat(status(activity(), "Bearer not-a-token")).isEqualTo(401);
    assertThat(status(activity(), "Bearer")).isEqualTo(401);
    assertThat(status(activity(), "Basic YWxhZGRpbjpvcGVuc2VzYW1l")).isEqualTo(401);
  }

  @Test
  void anActivityWithoutAuthorizationIsRefused() {
    assertThat(status(activity(), null)).isEqualTo(401);
  }

  @Test
  void postsToTheConnectorCarryKringsOwnToken() {
    teams.connector.clear();
    assertThat(status(teams.activities.mention(ANNA, "start"), token(b -> {}))).isEqualTo(200);
    teams.drain();
    assertThat(teams.connector.posted())
        .isNotEmpty()
        .allMatch(p -> "Bearer outgoing-token".equals(p.authorization()));
  }

  private static ObjectNode activity() {
    return teams.activities.personal(ANNA, "help");
  }

  private static int status(ObjectNode activity, String authorization) {
    return teams.post(activity, authorization).statusCode();
  }

  private static String token(Consumer<JWTCreator.Builder> change) {
    return token(change, signing);
  }

  private static String token(Consumer<JWTCreator.Builder> change, KeyPair key) {
    return ConnectorSigning.bearer(key, APP_ID, teams.connector.url(), change);
  }
}
