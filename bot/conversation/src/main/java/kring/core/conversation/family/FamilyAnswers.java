package kring.core.conversation.family;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a represented person answered on their page, apart from consent.
 *
 * @param pupil whether the pupil answered (the picture scale) rather than a parent
 * @param howItGoes how the help goes, 1 (bad) to 5 (good), or 0 when not answered
 * @param heard for a parent, whether they feel heard, 1 to 5, or 0
 * @param helpers for the pupil, who helps them, at most {@link #HELPERS_MAX} characters
 * @param message what they want the partners to know or change (a parent) or one wish (the pupil),
 *     at most {@link #MESSAGE_MAX} characters
 * @param givenAt when they sent it
 */
public record FamilyAnswers(
    boolean pupil, int howItGoes, int heard, String helpers, String message, Instant givenAt) {

  public static final int HELPERS_MAX = 200;
  public static final int MESSAGE_MAX = 500;
  public static final int SCALE_MAX = 5;

  public FamilyAnswers {
    helpers = helpers == null ? "" : helpers.strip();
    message = message == null ? "" : message.strip();
    if (howItGoes < 0 || howItGoes > SCALE_MAX || heard < 0 || heard > SCALE_MAX) {
      throw new IllegalArgumentException("A scale goes from 1 to " + SCALE_MAX);
    }
    if (helpers.length() > HELPERS_MAX || message.length() > MESSAGE_MAX || givenAt == null) {
      throw new IllegalArgumentException("The answers are short");
    }
  }

  /** Whether anything was answered at all. */
  public boolean empty() {
    return howItGoes == 0 && heard == 0 && helpers.isEmpty() && message.isEmpty();
  }

  /** The answers as one line of text, to keep until they are shared. */
  public String encode() {
    Map<String, String> values =
        Map.of(
            "pupil", String.valueOf(pupil),
            "how", String.valueOf(howItGoes),
            "heard", String.valueOf(heard),
            "helpers", helpers,
            "message", message,
            "at", String.valueOf(givenAt.toEpochMilli()));
    StringBuilder line = new StringBuilder();
    values.forEach(
        (k, v) ->
            line.append(line.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return line.toString();
  }

  /** The answers {@link #encode} wrote. */
  public static FamilyAnswers decode(String line) {
    Map<String, String> values = new HashMap<>();
    for (String pair : line.split("&")) {
      String[] kv = pair.split("=", 2);
      values.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    if (!values.keySet().containsAll(Set.of("pupil", "how", "heard", "helpers", "message", "at"))) {
      throw new IllegalArgumentException("Not a family's answers");
    }
    return new FamilyAnswers(
        Boolean.parseBoolean(values.get("pupil")),
        Integer.parseInt(values.get("how")),
        Integer.parseInt(values.get("heard")),
        values.get("helpers"),
        values.get("message"),
        Instant.ofEpochMilli(Long.parseLong(values.get("at"))));
  }

  /** The names of the scales a page asks, for the pupil or a parent. */
  public static List<String> scales(boolean pupil) {
    return pupil ? List.of("how") : List.of("how", "heard");
  }
}
