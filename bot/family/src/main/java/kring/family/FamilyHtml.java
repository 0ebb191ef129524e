package kring.family;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kring.core.conversation.family.FamilyAnswers;
import kring.core.conversation.family.FamilyPage;
import kring.core.partners.Role;

/**
 * The family page as HTML: one server-rendered document per answer, mobile first, no script, its
 * one style sheet inline and allowed by its hash. Every text from outside is escaped.
 */
final class FamilyHtml {

  /** The faces of the pupil's picture scale, from very bad to very good. */
  static final List<String> FACES = List.of("😢", "🙁", "😐", "🙂", "😄");

  private final FamilyTexts texts;
  private final String style;
  private final String styleHash;

  FamilyHtml(FamilyTexts texts) {
    this.texts = texts;
    this.style = load("family.css");
    this.styleHash = sha256Base64(style);
  }

  /** The Content-Security-Policy of every response: nothing but this page and its own style. */
  String contentSecurityPolicy() {
    return "default-src 'self'; script-src 'none'; style-src 'sha256-"
        + styleHash
        + "'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }

  /** What a person filled in, to show again next to an error. */
  record Filled(Map<String, String> values, String error) {
    String value(String name) {
      return values.getOrDefault(name, "");
    }
  }

  /** The page of a working link: the questions, the consent, the safety card. */
  String form(FamilyPage page, String lang, String formKey, String path, Filled filled) {
    boolean pupil = page.pupil();
    String who = pupil ? "pupil" : "parent";
    StringBuilder html = start(lang, texts.get(lang, pupil ? "page.title.pupil" : "page.title"));
    html.append(languages(lang, path));
    html.append("<h1>").append(t(lang, pupil ? "page.title.pupil" : "page.title")).append("</h1>");
    html.append("<p>").append(t(lang, "intro." + who)).append("</p>");
    if (!page.goal().isEmpty()) {
      // Only the words the representative wrote for the family, never the partners' own goal.
      html.append("<h2>").append(t(lang, "goal.title")).append("</h2>");
      html.append("<p class=\"goal\" dir=\"auto\">").append(escape(page.goal())).append("</p>");
    }
    if (!page.roles().isEmpty()) {
      html.append("<h2>").append(t(lang, "partners.title")).append("</h2>");
      html.append("<p>").append(t(lang, "partners." + who)).append("</p><ul class=\"partners\">");
      for (Role role : page.roles()) {
        html.append("<li>").append(t(lang, "role." + role.name())).append("</li>");
      }
      html.append("</ul>");
    }
    if (filled.error() != null) {
      html.append("<p class=\"error\" role=\"alert\">")
          .append(t(lang, filled.error()))
          .append("</p>");
    }
    html.append("<form method=\"post\" action=\"").append(escape(path)).append("\">");
    html.append(hidden("form", formKey)).append(hidden("taal", lang));
    scale(html, lang, "how", t(lang, "how." + who), "scale", pupil, filled);
    if (pupil) {
      text(html, lang, "helpers", t(lang, "helpers.pupil"), FamilyAnswers.HELPERS_MAX, who, filled);
      text(html, lang, "message", t(lang, "wish.pupil"), FamilyAnswers.HELPERS_MAX, who, filled);
    } else {
      scale(html, lang, "heard", t(lang, "heard.parent"), "heard", false, filled);
      text(
          html, lang, "message", t(lang, "message.parent"), FamilyAnswers.MESSAGE_MAX, who, filled);
    }
    if (!page.questions().isEmpty()) {
      consent(html, page, lang, who, filled);
    }
    html.append("<button type=\"submit\">").append(t(lang, "submit")).append("</button></form>");
    return end(html, lang);
  }

  /** The words of a consent question as the person reads them, recorded with their yes. */
  String wording(FamilyPage page, FamilyPage.Question q, String lang) {
    String who = page.pupil() ? "pupil" : "parent";
    String role = texts.get(lang, "role." + q.role().name());
    String sentence =
        texts.get(
            lang,
            "consent.question",
            Character.toUpperCase(role.charAt(0)) + role.substring(1),
            texts.get(lang, "kind." + who + "." + q.kind().name()));
    return sentence
        + " "
        + texts.get(lang, "consent.purpose." + who)
        + " "
        + texts.get(lang, "consent.until", date(page.until(), lang));
  }

  private void consent(
      StringBuilder html, FamilyPage page, String lang, String who, Filled filled) {
    html.append("<h2>").append(t(lang, "consent.title")).append("</h2>");
    html.append("<p>").append(t(lang, "consent.intro." + who)).append("</p>");
    if (page.questions().stream().anyMatch(q -> !q.before().isEmpty())) {
      html.append("<p>").append(t(lang, "consent.before." + who)).append("</p>");
    }
    for (FamilyPage.Question q : page.questions()) {
      String id = q.id();
      html.append("<fieldset><legend>").append(escape(wording(page, q, lang))).append("</legend>");
      html.append("<div class=\"yesno\">");
      for (String answer : List.of("yes", "no")) {
        html.append("<label><input type=\"radio\" name=\"")
            .append(id)
            .append("\" value=\"")
            .append(answer)
            .append('"')
            .append(answer.equals(filled.values().getOrDefault(id, q.before())) ? " checked" : "")
            .append("> ")
            .append(t(lang, "consent." + answer))
            .append("</label>");
      }
      html.append("</div></fieldset>");
    }
    html.append("<p class=\"hint\">").append(t(lang, "consent.later." + who)).append("</p>");
  }

  private void scale(
      StringBuilder html,
      String lang,
      String name,
      String question,
      String labels,
      boolean faces,
      Filled filled) {
    html.append("<fieldset><legend>").append(question).append("</legend><div class=\"scale\">");
    for (int i = 1; i <= FamilyAnswers.SCALE_MAX; i++) {
      html.append("<label><input type=\"radio\" name=\"")
          .append(name)
          .append("\" value=\"")
          .append(i)
          .append('"')
          .append(String.valueOf(i).equals(filled.value(name)) ? " checked" : "")
          .append('>');
      if (faces) {
        html.append("<span class=\"face\" aria-hidden=\"true\">")
            .append(FACES.get(i - 1))
            .append("</span>");
      }
      html.append("<span>").append(t(lang, labels + "." + i)).append("</span></label>");
    }
    html.append("</div></fieldset>");
  }

  private void text(
      StringBuilder html,
      String lang,
      String name,
      String label,
      int max,
      String who,
      Filled filled) {
    String hintId = name + "-hint";
    html.append("<label class=\"text\" for=\"")
        .append(name)
        .append("\">")
        .append(label)
        .append("</label>");
    html.append("<p class=\"hint\" id=\"")
        .append(hintId)
        .append("\">")
        .append(t(lang, who.equals("pupil") ? "optional.pupil" : "optional"))
        .append(' ')
        .append(t(lang, "max", max))
        .append("</p>");
    html.append("<textarea id=\"")
        .append(name)
        .append("\" name=\"")
        .append(name)
        .append("\" maxlength=\"")
        .append(max)
        .append("\" dir=\"auto\" aria-describedby=\"")
        .append(hintId)
        .append("\">")
        .append(escape(filled.value(name)))
        .append("</textarea>");
  }

  /** A page that says one thing (thanks, not found, wait) and shows the safety card. */
  String message(String lang, String title, String body) {
    StringBuilder html = start(lang, texts.get(lang, title));
    html.append("<h1>").append(t(lang, title)).append("</h1>");
    html.append("<p>").append(t(lang, body)).append("</p>");
    return end(html, lang);
  }

  private StringBuilder start(String lang, String title) {
    return new StringBuilder(4096)
        .append("<!DOCTYPE html><html lang=\"")
        .append(lang)
        .append("\" dir=\"ltr\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"referrer\" content=\"no-referrer\">")
        .append("<meta name=\"robots\" content=\"noindex, nofollow\">")
        .append("<title>")
        .append(escape(title))
        .append("</title><style>")
        .append(style)
        .append("</style></head><body><main>");
  }

  private String end(StringBuilder html, String lang) {
    html.append("<aside class=\"safety\" aria-labelledby=\"safety-title\"><h2 id=\"safety-title\">")
        .append(t(lang, "safety.title"))
        .append("</h2>");
    for (String key : List.of("safety.112", "safety.1712", "safety.awel")) {
      html.append("<p>").append(t(lang, key)).append("</p>");
    }
    return html.append("</aside></main></body></html>").toString();
  }

  private String languages(String lang, String path) {
    StringBuilder nav = new StringBuilder("<nav aria-label=\"");
    nav.append(t(lang, "page.language")).append("\">");
    Map<String, String> names = Map.of("nl", "Nederlands", "en", "English", "fr", "Français");
    for (String other : FamilyTexts.LANGUAGES) {
      if (!other.equals(lang)) {
        nav.append("<a lang=\"")
            .append(other)
            .append("\" hreflang=\"")
            .append(other)
            .append("\" href=\"")
            .append(escape(path))
            .append("?taal=")
            .append(other)
            .append("\">")
            .append(names.get(other))
            .append("</a>");
      }
    }
    return nav.append("</nav>").toString();
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }

  private String t(String lang, String key, Object... args) {
    return escape(texts.get(lang, key, args));
  }

  static String date(LocalDate day, String lang) {
    return day.format(
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(Locale.forLanguageTag(lang)));
  }

  /** Text made safe for HTML, in an element or an attribute. */
  static String escape(String text) {
    StringBuilder safe = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> safe.append("&lt;");
        case '>' -> safe.append("&gt;");
        case '&' -> safe.append("&amp;");
        case '"' -> safe.append("&quot;");
        case '\'' -> safe.append("&#39;");
        default -> safe.append(c);
      }
    }
    return safe.toString();
  }

  private static String load(String name) {
    try (InputStream in =
        FamilyHtml.class.getClassLoader().getResourceAsStream("kring/family/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The family page is missing " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256Base64(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
