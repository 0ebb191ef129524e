package kring.family;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kring.core.conversation.family.FamilyAnswers;
import kring.core.conversation.family.FamilyDesk;
import kring.core.conversation.family.FamilyFlow;
import kring.core.conversation.family.FamilyPage;
import kring.core.conversation.family.WrongLinkTally;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The private page of a family link, at {@code /familie/<token>}: GET shows the questions, POST
 * takes the answers. A link that does not work (unknown, expired, revoked, of a closed or erased
 * case) gets one polite page that reveals nothing; a client that keeps bringing wrong links is
 * slowed down. Every response carries strict security headers and is never cached.
 */
@Controller
class FamilyPageController {

  private static final Logger LOG = LoggerFactory.getLogger(FamilyPageController.class);

  /** The cookie of the double-submitted form key, only sent back to this page's own path. */
  static final String COOKIE = "kring_family_form";

  /** The most fields a submitted page carries; the page has fewer. */
  static final int MOST_FIELDS = 64;

  /** The longest value read at all; each text has its own, smaller limit. */
  static final int LONGEST_VALUE = 2_000;

  /** How long a person is asked to wait when Kring cannot answer. */
  static final Duration TRY_AGAIN = Duration.ofSeconds(30);

  private static final MediaType HTML =
      new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

  private final FamilyDesk desk;
  private final FamilyTexts texts = new FamilyTexts();
  private final FamilyHtml html = new FamilyHtml(texts);
  private final WrongLinks wrong;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  FamilyPageController(FamilyDesk desk, WrongLinkTally wrongLinks, Clock clock) {
    this.desk = desk;
    this.clock = clock;
    this.wrong = new WrongLinks(wrongLinks);
  }

  @GetMapping({"/familie", "/familie/"})
  ResponseEntity<byte[]> noLink(
      @RequestParam(name = "taal", required = false) String taal, HttpServletRequest request) {
    String lang = FamilyTexts.language(taal, request.getLocales());
    return page(HttpStatus.NOT_FOUND, html.message(lang, "gone.title", "gone.body"));
  }

  @GetMapping("/familie/{token}")
  ResponseEntity<byte[]> show(
      @PathVariable String token,
      @RequestParam(name = "taal", required = false) String taal,
      HttpServletRequest request) {
    Optional<ResponseEntity<byte[]>> refused = slowedOrGone(token, taal, request);
    if (refused.isPresent()) {
      return refused.get();
    }
    FamilyPage page = desk.page(token).orElseThrow();
    String lang =
        taal == null
            ? page.language().name().toLowerCase(java.util.Locale.ROOT)
            : FamilyTexts.language(taal);
    String formKey = newFormKey();
    String body =
        html.form(page, lang, formKey, path(token), new FamilyHtml.Filled(Map.of(), null));
    return ResponseEntity.status(HttpStatus.OK)
        .headers(headers())
        .header(HttpHeaders.SET_COOKIE, cookie(formKey, request).toString())
        .contentType(HTML)
        .body(bytes(body));
  }

  @PostMapping("/familie/{token}")
  ResponseEntity<byte[]> answer(
      @PathVariable String token,
      @RequestParam MultiValueMap<String, String> form,
      HttpServletRequest request) {
    String lang = FamilyTexts.language(form.getFirst("taal"), request.getLocales());
    Optional<ResponseEntity<byte[]>> refused = slowedOrGone(token, lang, request);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!sameSite(request) || !formKeyMatches(form.getFirst("form"), request)) {
      LOG.info("Refused a family page's form that was not sent from the page itself");
      return page(HttpStatus.FORBIDDEN, html.message(lang, "refused.title", "refused.body"));
    }
    if (form.size() > MOST_FIELDS
        || form.values().stream()
            .anyMatch(v -> v.size() != 1 || v.get(0).length() > LONGEST_VALUE)) {
      return page(HttpStatus.BAD_REQUEST, html.message(lang, "refused.title", "refused.body"));
    }
    FamilyPage page = desk.page(token).orElseThrow();
    Map<String, String> values = new LinkedHashMap<>();
    form.forEach((k, v) -> values.put(k, v.get(0)));
    Optional<Integer> how = scale(values.get("how"));
    Optional<Integer> heard = page.pupil() ? Optional.of(0) : scale(values.get("heard"));
    if (how.isEmpty() || heard.isEmpty()) {
      return page(HttpStatus.BAD_REQUEST, html.message(lang, "refused.title", "refused.body"));
    }
    String helpers = page.pupil() ? values.getOrDefault("helpers", "").strip() : "";
    String message = values.getOrDefault("message", "").strip();
    int messageMax = page.pupil() ? FamilyAnswers.HELPERS_MAX : FamilyAnswers.MESSAGE_MAX;
    if (helpers.length() > FamilyAnswers.HELPERS_MAX || message.length() > messageMax) {
      String formKey = newFormKey();
      String body =
          html.form(page, lang, formKey, path(token), new FamilyHtml.Filled(values, "too-long"));
      return ResponseEntity.status(HttpStatus.BAD_REQUEST)
          .headers(headers())
          .header(HttpHeaders.SET_COOKIE, cookie(formKey, request).toString())
          .contentType(HTML)
          .body(bytes(body));
    }
    Map<String, String> consents = new LinkedHashMap<>();
    Set<String> noes = new HashSet<>();
    for (FamilyPage.Question q : page.questions()) {
      String said = values.get(q.id());
      if (said != null && !List.of("yes", "no").contains(said)) {
        return page(HttpStatus.BAD_REQUEST, html.message(lang, "refused.title", "refused.body"));
      }
      if ("yes".equals(said)) {
        consents.put(q.id(), html.wording(page, q, lang));
      } else if ("no".equals(said)) {
        noes.add(q.id());
      }
    }
    FamilyAnswers answers =
        new FamilyAnswers(page.pupil(), how.get(), heard.get(), helpers, message, clock.instant());
    if (!desk.answer(token, answers, consents, noes)) {
      return page(HttpStatus.NOT_FOUND, html.message(lang, "gone.title", "gone.body"));
    }
    String who = page.pupil() ? "pupil" : "parent";
    return page(
        HttpStatus.OK,
        html.message(lang, page.pupil() ? "thanks.title.pupil" : "thanks.title", "thanks." + who));
  }

  /**
   * Whatever went wrong on Kring's side (its Redis out of reach, say): a polite page in the
   * language asked for, to try again a little later, never a stack trace or the link.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> trouble(Exception e, HttpServletRequest request) {
    LOG.error("The family page could not answer: {}", e.getClass().getSimpleName());
    String asked;
    try {
      asked = request.getParameter("taal");
    } catch (RuntimeException unreadable) {
      asked = null;
    }
    String lang = FamilyTexts.language(asked, request.getLocales());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .headers(headers())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(TRY_AGAIN.toSeconds()))
        .contentType(HTML)
        .body(bytes(html.message(lang, "trouble.title", "trouble.body")));
  }

  /** A refusal when the client must wait or the link does not work; empty when it works. */
  private Optional<ResponseEntity<byte[]>> slowedOrGone(
      String token, String taal, HttpServletRequest request) {
    String lang = FamilyTexts.language(taal, request.getLocales());
    String address = request.getRemoteAddr();
    Duration wait = wrong.wait(address);
    if (!wait.isZero() && !wait.isNegative()) {
      return Optional.of(
          ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
              .headers(headers())
              .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())))
              .contentType(HTML)
              .body(bytes(html.message(lang, "slow.title", "slow.body"))));
    }
    if (desk.page(token).isEmpty()) {
      wrong.wrong(address);
      return Optional.of(page(HttpStatus.NOT_FOUND, html.message(lang, "gone.title", "gone.body")));
    }
    return Optional.empty();
  }

  private static Optional<Integer> scale(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of(0);
    }
    return value.matches("[1-" + FamilyAnswers.SCALE_MAX + "]")
        ? Optional.of(Integer.parseInt(value))
        : Optional.empty();
  }

  /**
   * Whether the browser says the form came from this site: no {@code Sec-Fetch-Site} other than
   * same-origin, and an {@code Origin}, when sent, of this very host.
   */
  private static boolean sameSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin")) {
      return false;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      return true;
    }
    if (origin.equals("null")) {
      // A page that sends no referrer posts its forms with an opaque origin: the browser's own
      // word that the post comes from the same origin must stand in for it.
      return "same-origin".equals(site);
    }
    try {
      URI from = URI.create(origin);
      String host = request.getHeader(HttpHeaders.HOST);
      String authority =
          from.getPort() < 0 ? from.getHost() : from.getHost() + ":" + from.getPort();
      return host != null
          && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(from.getHost()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether the form's key is the one its page set in the cookie (a double submit). */
  private static boolean formKeyMatches(String submitted, HttpServletRequest request) {
    if (submitted == null || submitted.length() != 43 || request.getCookies() == null) {
      return false;
    }
    for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
      if (COOKIE.equals(cookie.getName())
          && java.security.MessageDigest.isEqual(
              cookie.getValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              submitted.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  private String newFormKey() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  private static ResponseCookie cookie(String formKey, HttpServletRequest request) {
    return ResponseCookie.from(COOKIE, formKey)
        .path(FamilyFlow.PATH)
        .httpOnly(true)
        .secure(request.isSecure())
        .sameSite("Strict")
        .maxAge(Duration.ofHours(12))
        .build();
  }

  private static String path(String token) {
    return FamilyFlow.PATH + token;
  }

  private ResponseEntity<byte[]> page(HttpStatus status, String body) {
    return ResponseEntity.status(status).headers(headers()).contentType(HTML).body(bytes(body));
  }

  private HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Security-Policy", html.contentSecurityPolicy());
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    headers.setCacheControl(CacheControl.noStore());
    return headers;
  }

  private static byte[] bytes(String body) {
    return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
