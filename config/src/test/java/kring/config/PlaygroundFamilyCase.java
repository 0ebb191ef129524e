package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A playground case where Anna coordinates, Bert (P2, CLB) represents the mother (P3) and asked for
 * her private link, asking consent for wellbeing; the link as the playground shows it to Bert.
 */
record PlaygroundFamilyCase(String room, String anna, String bert, String url, String token) {

  private static final Pattern LINK =
      Pattern.compile("http://localhost:(\\d+)/familie/([A-Za-z0-9_-]{43})");

  static PlaygroundFamilyCase start(PlaygroundHttp api) throws Exception {
    String anna = api.person("Anna");
    String bert = api.person("Bert");
    String room = api.caseJoinedBy("Klas 5A", anna, bert);
    api.say(room, anna, "vertegenwoordig moeder P2");
    api.awaitKring(room, anna, "moeder");
    api.say(room, bert, "stemlink P3 welbevinden");
    JsonNode linkMessage = api.awaitKring(room, bert, "/familie/");
    assertThat(api.timeline(room, anna).toString()).doesNotContain("/familie/");
    Matcher link = link(linkMessage);
    String url = "http://127.0.0.1:" + link.group(1) + "/familie/" + link.group(2);
    return new PlaygroundFamilyCase(room, anna, bert, url, link.group(2));
  }

  /** The address of a second link, for the pupil Bert is then made to represent too (P4). */
  String pupilUrl(PlaygroundHttp api) throws Exception {
    api.say(room, anna, "vertegenwoordig leerling P2");
    api.awaitKring(room, anna, "voegde leerling toe");
    api.say(room, bert, "stemlink P4 welbevinden");
    JsonNode linkMessage =
        api.awaitKring(
            room,
            bert,
            entry -> entry.toString().contains("/familie/") && !entry.toString().contains(token),
            "the pupil's link");
    Matcher link = link(linkMessage);
    return "http://127.0.0.1:" + link.group(1) + "/familie/" + link.group(2);
  }

  private static Matcher link(JsonNode message) {
    Matcher link = LINK.matcher(message.toString());
    assertThat(link.find()).as(message.toString()).isTrue();
    return link;
  }
}
