package kring.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.consent.ConsentRecord;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.conversation.family.FamilyFlow;
import kring.core.conversation.family.FamilyWorld;
import kring.core.conversation.family.MemoryWrongLinkTally;
import kring.core.outbox.OutboundMessage;
import kring.testing.CapturedLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The family page over HTTP: what it shows and never shows, its headers, the links that do not
 * work, cross-site posts, guessing, bad input, and answers that reach the representative privately
 * and consent that lands in the register as the family's own.
 */
class FamilyPageHttpTest {

  @RegisterExtension
  @Order(0)
  static final CapturedLog log = new CapturedLog();

  static final Pattern FORM_KEY = Pattern.compile("name=\"form\" value=\"([A-Za-z0-9_-]{43})\"");

  FamilyWorld world;
  MockMvc http;

  @BeforeEach
  void setUp() {
    world = new FamilyWorld();
    http =
        MockMvcBuilders.standaloneSetup(
                new FamilyPageController(
                    world.kring.family(), new MemoryWrongLinkTally(world.clock()), world.clock()))
            .build();
  }

  MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
    return send(request, "192.0.2.1");
  }

  MockHttpServletResponse send(MockHttpServletRequestBuilder request, String address)
      throws Exception {
    MockHttpServletResponse response =
        http.perform(
                request
                    .header("Accept-Language", "en-GB,en;q=0.8")
                    .with(FamilyRequests.from(address)))
            .andReturn()
            .getResponse();
    response.setCharacterEncoding("UTF-8");
    assertThat(response.getStatus()).as("never a server error").isLessThan(500);
    return response;
  }

  /** The page's form key and the cookie that carries it. */
  record Opened(String body, String formKey, Cookie cookie) {}

  Opened open(String token) throws Exception {
    MockHttpServletResponse page = send(get(FamilyFlow.PATH + token));
    assertThat(page.getStatus()).isEqualTo(200);
    Matcher key = FORM_KEY.matcher(page.getContentAsString());
    assertThat(key.find()).isTrue();
    return new Opened(
        page.getContentAsString(), key.group(1), page.getCookie(FamilyPageController.COOKIE));
  }

  MockHttpServletRequestBuilder answer(String token, Opened opened, Map<String, String> fields) {
    MockHttpServletRequestBuilder post =
        post(FamilyFlow.PATH + token)
            .contentType("application/x-www-form-urlencoded")
            .characterEncoding(StandardCharsets.UTF_8)
            .param("form", opened.formKey())
            .cookie(opened.cookie());
    fields.forEach(post::param);
    return post;
  }

  /** What a page opened through a new link answered, and what came back. */
  record Answered(Opened opened, MockHttpServletResponse response) {}

  Answered answerThroughLink(
      String command,
      Map<String, String> fields,
      java.util.function.UnaryOperator<MockHttpServletRequestBuilder> headers)
      throws Exception {
    String token = world.link(command);
    Opened opened = open(token);
    return new Answered(opened, send(headers.apply(answer(token, opened, fields))));
  }

  void assertRevealsNothing(MockHttpServletResponse response) throws Exception {
    assertThat(response.getContentAsString())
        .doesNotContain(FamilyWorld.CODE.value())
        .doesNotContain("Anna")
        .doesNotContain("Bert")
        .doesNotContain("Carl")
        .doesNotContain("Partner ")
        .doesNotContain("mother");
    assertThat(response.getHeaderNames().toString()).doesNotContain(FamilyWorld.CODE.value());
  }

  @Test
  void aParentsPageShowsRolesAndQuestionsButNoCodeOrNameAndTheSafetyCard() throws Exception {
    String token = world.link("voicelink P" + world.mother + " wellbeing");

    MockHttpServletResponse page = send(get(FamilyFlow.PATH + token));

    assertThat(page.getStatus()).isEqualTo(200);
    FamilyRequests.assertStrictHeaders(page);
    assertRevealsNothing(page);
    String body = page.getContentAsString();
    assertThat(body)
        .contains("<html lang=\"en\"")
        .contains("Do you feel heard?")
        .contains("a pupil guidance centre (CLB) worker")
        .contains("may know how your child feels")
        .contains("112")
        .contains("1712")
        .contains("Awel on 102")
        .doesNotContain("<script");
    assertThat(page.getCookie(FamilyPageController.COOKIE).isHttpOnly()).isTrue();
    assertThat(page.getHeader("Set-Cookie")).contains("SameSite=Strict");

    MockHttpServletResponse dutch = send(get(FamilyFlow.PATH + token + "?taal=nl"));
    assertThat(dutch.getContentAsString()).contains("Voelt u zich gehoord?").contains("Bel 1712");
    MockHttpServletResponse french = send(get(FamilyFlow.PATH + token + "?taal=fr"));
    assertThat(french.getContentAsString()).contains("Vous sentez-vous écouté ?");
  }

  @Test
  void aPupilsPageHasAPictureScaleWithWordsAndAsksWhoHelpsAndOneWish() throws Exception {
    String token = world.link("voicelink P" + world.pupil);

    String body = send(get(FamilyFlow.PATH + token + "?taal=nl")).getContentAsString();

    assertThat(body).contains("Hoe gaat het met jou?").contains("😄").contains("heel goed");
    assertThat(body).contains("Wie helpt jou?").contains("Wat is één wens van jou?");
    assertThat(body).doesNotContain("Voelt u zich gehoord?");
  }

  @Test
  void expiredRevokedUnknownClosedAndErasedLinksGetTheSamePoliteNotFound() throws Exception {
    String expired = world.link("voicelink P" + world.mother);
    world.clock.advance(Duration.ofDays(15));
    String revoked = world.link("voicelink P" + world.pupil);
    world.kring.say(FamilyWorld.BERT, FamilyWorld.ROOM, "voicelink P" + world.pupil + " revoke");
    String closed = world.link("voicelink P" + world.mother);
    Opened before = open(closed);

    world.cases.update(
        world.theCase().close(FamilyWorld.ANNA.user(), world.clock.instant(), new Random(1)));

    List<String> bodies = new ArrayList<>();
    for (String token : List.of(expired, revoked, closed, "A".repeat(43), "ABCD-EFGH", "x")) {
      MockHttpServletResponse gone =
          send(get(FamilyFlow.PATH + token), "198.51.100." + bodies.size());
      assertThat(gone.getStatus()).as(token).isEqualTo(404);
      FamilyRequests.assertStrictHeaders(gone);
      assertRevealsNothing(gone);
      bodies.add(gone.getContentAsString());
    }
    assertThat(bodies).containsOnly(bodies.get(0));
    assertThat(bodies.get(0)).contains("does not work").contains("112");

    MockHttpServletResponse posted =
        send(answer(closed, before, Map.of("how", "4")), "203.0.113.9");
    assertThat(posted.getStatus()).isEqualTo(404);
    assertThat(world.outbox.messages()).isEmpty();

    world.links.erase(FamilyWorld.CODE);
    assertThat(send(get(FamilyFlow.PATH + closed), "203.0.113.10").getStatus()).isEqualTo(404);
  }

  @Test
  void aFormWithoutItsKeyOrFromAnotherSiteIsRefusedAndChangesNothing() throws Exception {
    String token = world.link("voicelink P" + world.mother + " wellbeing");
    Opened opened = open(token);
    String question = "c-wellbeing-2";

    MockHttpServletResponse noCookie =
        send(
            post(FamilyFlow.PATH + token)
                .contentType("application/x-www-form-urlencoded")
                .param("form", opened.formKey())
                .param("how", "4")
                .param(question, "yes"));
    MockHttpServletResponse otherKey =
        send(
            post(FamilyFlow.PATH + token)
                .contentType("application/x-www-form-urlencoded")
                .param("form", opened.formKey())
                .param("how", "4")
                .param(question, "yes")
                .cookie(new Cookie(FamilyPageController.COOKIE, "B".repeat(43))));
    MockHttpServletResponse crossSite =
        send(
            answer(token, opened, Map.of("how", "4", question, "yes"))
                .header("Origin", "https://evil.example")
                .header("Host", "kring.example"));
    MockHttpServletResponse opaqueOrigin =
        send(
            answer(token, opened, Map.of("how", "4", question, "yes"))
                .header("Origin", "null")
                .header("Sec-Fetch-Site", "cross-site"));
    MockHttpServletResponse fetchedCrossSite =
        send(
            answer(token, opened, Map.of("how", "4", question, "yes"))
                .header("Sec-Fetch-Site", "cross-site"));

    for (MockHttpServletResponse refused :
        List.of(noCookie, otherKey, crossSite, opaqueOrigin, fetchedCrossSite)) {
      assertThat(refused.getStatus()).isEqualTo(403);
      FamilyRequests.assertStrictHeaders(refused);
    }
    assertThat(world.theCase().consents().records()).isEmpty();
    assertThat(world.outbox.messages()).isEmpty();
  }

  @Test
  void answersReachTheRepresentativePrivatelyAndConsentIsTheParentsOwn() throws Exception {
    Answered answered =
        answerThroughLink(
            "voicelink P" + world.mother + " wellbeing",
            Map.of(
                "how", "4",
                "heard", "2",
                "message", "We would like one contact person.",
                "c-wellbeing-2", "yes",
                "c-wellbeing-3", "no"),
            post ->
                post.header("Origin", "http://localhost")
                    .header("Host", "localhost")
                    .header("Sec-Fetch-Site", "same-origin"));
    Opened opened = answered.opened();
    MockHttpServletResponse thanks = answered.response();

    assertThat(thanks.getStatus()).isEqualTo(200);
    assertRevealsNothing(thanks);
    assertThat(thanks.getContentAsString()).contains("Your answers have arrived");
    List<OutboundMessage> said = world.outbox.messages();
    assertThat(said).hasSize(1);
    assertThat(said.get(0).to().isPrivate()).isTrue();
    assertThat(said.get(0).to().person()).isEqualTo(FamilyWorld.BERT.user());
    assertThat(said.get(0).reply().blocks().toString())
        .contains("We would like one contact person.")
        .contains("Feeling heard: 2 out of 5");
    List<ConsentRecord> records = world.theCase().consents().records();
    assertThat(records).hasSize(1);
    ConsentRecord record = records.get(0);
    assertThat(record.terms().givenBy()).isEqualTo(GivenBy.PARENTS);
    assertThat(record.recordedBySeq()).isEqualTo(world.mother);
    assertThat(record.terms().kinds()).containsExactly(InfoKind.WELLBEING);
    assertThat(record.terms().towardsPartners()).containsExactly(2);
    assertThat(record.terms().purpose())
        .isEqualTo(
            "A pupil guidance centre (CLB) worker may know how your child feels. This helps them"
                + " work together for your child. This holds until June 30, 2026.");
    assertThat(opened.body()).contains(record.terms().purpose().substring(0, 60));
  }

  @Test
  void thePageShowsTheGoalOnlyInTheWordsTheRepresentativeWrote() throws Exception {
    String token = world.link("voicelink P" + world.mother);
    String before = send(get(FamilyFlow.PATH + token)).getContentAsString();
    assertThat(before).doesNotContain("What we want to reach together").doesNotContain("Back in");

    world.kring.say(
        FamilyWorld.BERT,
        FamilyWorld.ROOM,
        "familygoal P" + world.mother + " Jonas <b>likes</b> school again & sleeps well.");

    MockHttpServletResponse page = send(get(FamilyFlow.PATH + token));
    assertRevealsNothing(page);
    assertThat(page.getContentAsString())
        .contains("What we want to reach together")
        .contains("Jonas &lt;b&gt;likes&lt;/b&gt; school again &amp; sleeps well.")
        .doesNotContain("<b>likes")
        .doesNotContain("Back in class");
    assertThat(send(get(FamilyFlow.PATH + token + "?taal=fr")).getContentAsString())
        .contains("Ce que nous voulons atteindre ensemble");
    assertThat(send(get(FamilyFlow.PATH + token + "?taal=nl")).getContentAsString())
        .contains("Wat we samen willen bereiken");
  }

  @Test
  void aConsentGivenIsShownOnANewLinkAndItsNoWithdrawsItInTheRegister() throws Exception {
    java.util.function.UnaryOperator<MockHttpServletRequestBuilder> sameSite =
        post ->
            post.header("Origin", "http://localhost")
                .header("Host", "localhost")
                .header("Sec-Fetch-Site", "same-origin");
    answerThroughLink(
        "voicelink P" + world.mother + " wellbeing",
        Map.of("how", "4", "c-wellbeing-2", "yes", "c-wellbeing-3", "no"),
        sameSite);
    assertThat(world.theCase().consents().records()).hasSize(1);
    int number = world.theCase().consents().records().get(0).number();

    world.clock.advance(Duration.ofDays(21));
    String token = world.link("voicelink P" + world.mother);
    Opened opened = open(token);
    assertThat(opened.body())
        .contains("Your earlier choices are already filled in.")
        .contains("name=\"c-wellbeing-2\" value=\"yes\" checked")
        .contains("name=\"c-wellbeing-3\" value=\"no\" checked")
        .doesNotContain("name=\"c-wellbeing-2\" value=\"no\" checked");

    world.outbox.clear();
    MockHttpServletResponse thanks =
        send(sameSite.apply(answer(token, opened, Map.of("how", "3", "c-wellbeing-2", "no"))));

    assertThat(thanks.getStatus()).isEqualTo(200);
    ConsentRecord record = world.theCase().consents().record(number).orElseThrow();
    assertThat(record.recordedBySeq()).isEqualTo(world.mother);
    assertThat(record.withdrawn()).isTrue();
    assertThat(record.withdrawal().bySeq()).isEqualTo(world.mother);
    assertThat(record.withdrawal().at()).isEqualTo(world.clock.instant());
    world.outbox.clear();
    world.kring.say(FamilyWorld.ANNA, FamilyWorld.ROOM, "consent");
    String register = world.outbox.messages().toString();
    assertThat(register)
        .contains("Recorded by mother on 12 Mar 2026 09:00")
        .contains("Withdrawn (marked so by mother on 2 Apr 2026 10:00)");
  }

  @Test
  void aPupilsAnswersAndConsentAreThePupilsOwn() throws Exception {
    MockHttpServletResponse thanks =
        answerThroughLink(
                "voicelink P" + world.pupil + " attendance",
                Map.of(
                    "how", "2",
                    "helpers", "Mijn juf en mijn broer",
                    "message", "Minder toetsen op maandag",
                    "c-attendance-3", "yes"),
                post -> post)
            .response();

    assertThat(thanks.getStatus()).isEqualTo(200);
    assertThat(thanks.getContentAsString()).contains("Thank you");
    String toBert = world.outbox.messages().toString();
    assertThat(toBert)
        .contains("Who helps: “Mijn juf en mijn broer”")
        .contains("One wish: “Minder toetsen op maandag”")
        .doesNotContain("Feeling heard");
    ConsentRecord record = world.theCase().consents().records().get(0);
    assertThat(record.terms().givenBy()).isEqualTo(GivenBy.PUPIL);
    assertThat(record.recordedBySeq()).isEqualTo(world.pupil);
    assertThat(record.terms().purpose())
        .startsWith("A pupil guidance centre (CLB) worker may know");
  }

  @Test
  void aThousandWrongLinksAreSlowedDownAndLoggedWithoutTheLinks() throws Exception {
    String real = world.link("voicelink P" + world.mother);
    Random random = new Random(7);
    List<String> guesses = new ArrayList<>();
    int notFound = 0;
    int slowed = 0;
    for (int i = 0; i < 1000; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String guess = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      guesses.add(guess);
      MockHttpServletResponse response = send(get(FamilyFlow.PATH + guess), "192.0.2.66");
      if (response.getStatus() == 404) {
        notFound++;
      } else {
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).matches("\\d+");
        assertThat(response.getContentAsString()).contains("Too many wrong links");
        slowed++;
      }
    }

    assertThat(notFound).isEqualTo(WrongLinks.ALLOWED);
    assertThat(slowed).isEqualTo(1000 - WrongLinks.ALLOWED);
    // Slowed down even with a link that works; another client is not.
    assertThat(send(get(FamilyFlow.PATH + real), "192.0.2.66").getStatus()).isEqualTo(429);
    assertThat(send(get(FamilyFlow.PATH + real), "192.0.2.67").getStatus()).isEqualTo(200);
    List<String> warnings =
        log.lines().stream().filter(l -> l.contains("wrong family links")).toList();
    assertThat(warnings).hasSizeGreaterThanOrEqualTo(2);
    assertThat(warnings.toString()).doesNotContain("192.0.2.66");
    // Kring's own lines hold no link; a library's request line is dropped by the log guard.
    List<String> kringLines = log.lines().stream().filter(l -> l.contains(" kring.")).toList();
    assertThat(kringLines).isNotEmpty();
    for (String link : guesses) {
      assertThat(kringLines.toString()).doesNotContain(link);
    }
    assertThat(kringLines.toString()).doesNotContain(real);
  }

  @Test
  void badInputGetsAPolite4xxAndTooLongTextIsShownAgain() throws Exception {
    String token = world.link("voicelink P" + world.mother + " wellbeing");
    Opened opened = open(token);

    assertThat(send(answer(token, opened, Map.of("how", "9"))).getStatus()).isEqualTo(400);
    assertThat(send(answer(token, opened, Map.of("heard", "-1"))).getStatus()).isEqualTo(400);
    assertThat(send(answer(token, opened, Map.of("c-wellbeing-2", "maybe"))).getStatus())
        .isEqualTo(400);
    MockHttpServletRequestBuilder many = answer(token, opened, Map.of());
    for (int i = 0; i < 100; i++) {
      many.param("f" + i, "x");
    }
    assertThat(send(many).getStatus()).isEqualTo(400);
    assertThat(send(answer(token, opened, Map.of("message", "y".repeat(5000)))).getStatus())
        .isEqualTo(400);

    MockHttpServletResponse tooLong =
        send(answer(token, opened, Map.of("how", "3", "message", "<b>z</b>".repeat(70))));
    assertThat(tooLong.getStatus()).isEqualTo(400);
    assertThat(tooLong.getContentAsString())
        .contains("This text is too long")
        .contains("&lt;b&gt;z&lt;/b&gt;")
        .doesNotContain("<b>z</b>");
    assertThat(world.outbox.messages()).isEmpty();
    assertThat(world.theCase().consents().records()).isEmpty();
  }
}
