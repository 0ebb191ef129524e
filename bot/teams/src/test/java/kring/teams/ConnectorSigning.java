package kring.teams;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A signing key made here that a fake connector announces the way the Bot Connector announces its
 * own (an OpenID configuration and a key set), and the tokens it signs for activities.
 */
final class ConnectorSigning {

  static final String ISSUER = "https://api.botframework.com";
  static final String KEY_ID = "kring-test-key";

  final KeyPair key;

  ConnectorSigning() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      key = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Announces this key on the connector; returns access settings that trust it. */
  TeamsAccess announceOn(FakeConnector connector, String appId, String appPassword) {
    connector.serve(
        "/openid",
        "{\"issuer\":\""
            + ISSUER
            + "\",\"jwks_uri\":\""
            + connector.url()
            + "/keys\","
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
    connector.serve("/keys", jwks((RSAPublicKey) key.getPublic()));
    return new TeamsAccess(
        appId, appPassword, "", Set.of(Activities.TENANT), connector.url() + "/openid", 256 * 1024);
  }

  /** An Authorization header for an activity to {@code appId} from {@code serviceUrl}. */
  static String bearer(
      KeyPair signer, String appId, String serviceUrl, Consumer<JWTCreator.Builder> change) {
    Instant now = Instant.now();
    JWTCreator.Builder builder =
        JWT.create()
            .withKeyId(KEY_ID)
            .withIssuer(ISSUER)
            .withAudience(appId)
            .withNotBefore(Date.from(now.minusSeconds(60)))
            .withExpiresAt(Date.from(now.plusSeconds(3600)))
            .withClaim("serviceurl", serviceUrl);
    change.accept(builder);
    return "Bearer "
        + builder.sign(
            Algorithm.RSA256(
                (RSAPublicKey) signer.getPublic(), (RSAPrivateKey) signer.getPrivate()));
  }

  static String jwks(RSAPublicKey key) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\""
        + KEY_ID
        + "\",\"alg\":\"RS256\","
        + "\"n\":\""
        + url.encodeToString(unsigned(key.getModulus().toByteArray()))
        + "\",\"e\":\""
        + url.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
        + "\",\"endorsements\":[\"msteams\"]}]}";
  }

  private static byte[] unsigned(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
