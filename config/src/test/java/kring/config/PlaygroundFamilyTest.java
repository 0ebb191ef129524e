package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The family's own voice through the real Kring: the representative asks for a link in the
 * playground and gets it privately, the link's page is served by Kring's own web server on the
 * playground's address, the parent's answers and consent come back to the representative only, and
 * sharing them puts "the view of the parents" on the case card.
 */
class PlaygroundFamilyTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @RegisterExtension final PlaygroundHttp api = new PlaygroundHttp(redis);

  private static final Pattern FORM_KEY =
      Pattern.compile("name=\"form\" value=\"([A-Za-z0-9_-]{43})\"");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aParentAnswersThroughTheirLinkAndTheRepresentativeSharesIt() throws Exception {
    PlaygroundFamilyCase family = PlaygroundFamilyCase.start(api);
    String room = family.room();
    String anna = family.anna();
    String bert = family.bert();
    String page = family.url();

    HttpResponse<String> opened =
        http.send(
            HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(opened.body()).contains("Voelt u zich gehoord?").doesNotContain("Anna", "Bert");
    Matcher key = FORM_KEY.matcher(opened.body());
    assertThat(key.find()).isTrue();
    String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

    Map<String, String> answers =
        Map.of(
            "form", key.group(1),
            "taal", "nl",
            "how", "4",
            "heard", "3",
            "message", "Graag één vast aanspreekpunt.",
            "c-wellbeing-2", "yes");
    HttpResponse<String> sent =
        http.send(
            HttpRequest.newBuilder(URI.create(page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form(answers)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(sent.body()).contains("Uw antwoorden zijn aangekomen");

    JsonNode received = api.awaitKring(room, bert, "antwoordde via de privélink");
    assertThat(received.toString()).contains("Graag één vast aanspreekpunt.");
    assertThat(api.timeline(room, anna).toString()).doesNotContain("aanspreekpunt");
    api.press(room, bert, received, "family.share");
    api.awaitKring(room, anna, "Visie van de ouders, 12 maart".substring(0, 20));

    api.say(room, anna, "kaart");
    JsonNode card = api.awaitKring(room, anna, "aanspreekpunt");
    assertThat(card.toString()).contains("Visie van de ouders");
    // Kring keeps hashes only; the link itself is in the playground's timeline, as on a platform.
    String kept =
        redis.storedText().lines().filter(l -> !l.contains("{playground}:")).toList().toString();
    assertThat(kept).doesNotContain(family.token()).contains(":family = {link:3=");
    assertThat(kept).doesNotContain("answers:3");
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
