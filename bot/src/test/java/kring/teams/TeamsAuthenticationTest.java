package kring.teams;

import static kring.teams.Activities.ANNA;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
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
  static final String ISSUER = "https://api.botframework.com";

  static TeamsHarness teams;
  static KeyPair signing;
  static KeyPair stranger;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    signing = generator.generateKeyPair();
    stranger = generator.generateKeyPair();
    teams =
        new TeamsHarness(
            redis,
            connector -> {
              connector.serve(
                  "/openid",
                  "{\"issuer\":\""
                      + ISSUER
                      + "\",\"jwks_uri\":\""
                      + connector.url()
                      + "/keys\","
                      + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
              connector.serve("/keys", jwks((RSAPublicKey) signing.getPublic()));
              return new TeamsAccess(
                  APP_ID,
                  "a-secret",
                  "",
                  Set.of(Activities.TENANT),
                  connector.url() + "/openid",
                  256 * 1024);
            },
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
    Instant now = Instant.now();
    JWTCreator.Builder builder =
        JWT.create()
            .withKeyId("kring-test-key")
            .withIssuer(ISSUER)
            .withAudience(APP_ID)
            .withNotBefore(Date.from(now.minusSeconds(60)))
            .withExpiresAt(Date.from(now.plusSeconds(3600)))
            .withClaim("serviceurl", teams.connector.url());
    change.accept(builder);
    return "Bearer "
        + builder.sign(
            Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate()));
  }

  static String jwks(RSAPublicKey key) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"kring-test-key\",\"alg\":\"RS256\","
        + "\"n\":\""
        + url.encodeToString(unsigned(key.getModulus().toByteArray()))
        + "\",\"e\":\""
        + url.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
        + "\",\"endorsements\":[\"msteams\"]}]}";
  }

  private static byte[] unsigned(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0
        ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length)
        : bytes;
  }
}
