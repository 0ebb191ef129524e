package kring.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.conversation.family.FamilyFlow;
import kring.core.conversation.family.FamilyWorld;
import kring.storage.RedisConnections;
import kring.storage.RedisFamilyLinks;
import kring.storage.RedisKeys;
import kring.storage.RedisWrongLinkTally;
import kring.testing.CapturedLog;
import kring.testing.LocalRedisServer;
import kring.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import redis.clients.jedis.UnifiedJedis;

/**
 * When Kring's Redis stops answering, the family page answers a person who opens or sends it with a
 * polite "try again later" in their language, a 503 with Retry-After and every security header,
 * never a stack trace or their link.
 */
class FamilyPageRedisDownTest {

  @RegisterExtension static final CapturedLog log = new CapturedLog();

  private static final Pattern FORM_KEY =
      Pattern.compile("name=\"form\" value=\"([A-Za-z0-9_-]{43})\"");

  private final LocalRedisServer server = LocalRedisServer.start("save \"\"", "appendonly no");
  private final UnifiedJedis redis = RedisConnections.open(server.url());
  private final RedisKeys keys = new RedisKeys("family-down:");

  @AfterEach
  void stop() {
    redis.close();
    server.close();
  }

  @Test
  void aPersonGetsAPolitePageInTheirLanguageWhenRedisIsDown() throws Exception {
    FamilyWorld world = new FamilyWorld(clock -> new RedisFamilyLinks(redis, keys, clock));
    MockMvc http =
        MockMvcBuilders.standaloneSetup(
                new FamilyPageController(
                    world.kring.family(), new RedisWrongLinkTally(redis, keys), world.clock()))
            .build();
    String token = world.link("voicelink P" + world.mother + " wellbeing");
    MockHttpServletResponse opened =
        http.perform(get(FamilyFlow.PATH + token)).andReturn().getResponse();
    assertThat(opened.getStatus()).as("the link works while Redis does").isEqualTo(200);
    assertThat(TestRedis.scan(redis, keys.prefix() + "*")).isNotEmpty();
    Matcher formKey = FORM_KEY.matcher(opened.getContentAsString());
    assertThat(formKey.find()).isTrue();

    server.close();

    record Asked(MockHttpServletRequestBuilder request, String words) {}
    List<Asked> asked =
        List.of(
            new Asked(get(FamilyFlow.PATH + token + "?taal=fr"), "Un problème est survenu"),
            new Asked(
                get(FamilyFlow.PATH + token).header("Accept-Language", "en-GB,en;q=0.8"),
                "Something went wrong"),
            new Asked(
                get(FamilyFlow.PATH + token).header("Accept-Language", "de-DE"),
                "Er ging iets mis"),
            new Asked(
                post(FamilyFlow.PATH + token)
                    .contentType("application/x-www-form-urlencoded")
                    .characterEncoding(StandardCharsets.UTF_8)
                    .header("Accept-Language", "nl-BE")
                    .param("form", formKey.group(1))
                    .param("taal", "en")
                    .param("how", "4")
                    .cookie(opened.getCookie(FamilyPageController.COOKIE)),
                "Something went wrong"));
    for (Asked one : asked) {
      MockHttpServletResponse trouble = http.perform(one.request()).andReturn().getResponse();
      trouble.setCharacterEncoding("UTF-8");
      String body = trouble.getContentAsString();
      assertThat(trouble.getStatus()).as(one.words()).isEqualTo(503);
      assertThat(trouble.getHeader("Retry-After")).isEqualTo("30");
      FamilyRequests.assertStrictHeaders(trouble);
      assertThat(trouble.getContentType()).startsWith("text/html");
      assertThat(body)
          .contains(one.words())
          .contains("112")
          .doesNotContain(token)
          .doesNotContain("Exception")
          .doesNotContain("redis")
          .doesNotContain("at kring.");
      assertThat(trouble.getHeaderNames().stream().map(trouble::getHeader).toList().toString())
          .doesNotContain(token);
    }
    assertThat(log.lines()).anyMatch(l -> l.contains("The family page could not answer"));
    // Kring's own lines hold no link (a library's request line is dropped by the log guard).
    List<String> kringLines =
        log.lines().stream().filter(l -> l.matches("(?s)[A-Z]+ kring\\..*")).toList();
    assertThat(kringLines).isNotEmpty();
    assertThat(kringLines.toString()).doesNotContain(token).doesNotContain("\tat ");
  }
}
