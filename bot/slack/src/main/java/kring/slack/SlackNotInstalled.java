package kring.slack;

import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to a person who uses Kring in a workspace that has not installed it, given in the
 * request itself: Kring does not know the person's language yet, so it says it in Dutch and in
 * English, and it never depends on the response URL, which may not be reachable.
 */
final class SlackNotInstalled {

  private static final JsonMapper JSON = JsonMapper.shared();

  static final String TEXT =
      "Kring is niet geïnstalleerd in deze Slack-werkruimte. Een beheerder van de werkruimte, of"
          + " wie hier apps mag toevoegen, kan Kring installeren.\n\n"
          + "Kring is not installed in this Slack workspace. A workspace admin, or anyone allowed"
          + " to add apps here, can install it.";

  private SlackNotInstalled() {}

  /**
   * A 200 with a body Slack shows the person: an ephemeral message for a command or a button, an
   * updated form for a form that was sent.
   */
  static Response answer(RequestType type) {
    ObjectNode body = JSON.createObjectNode();
    if (type == RequestType.ViewSubmission) {
      body.put("response_action", "update");
      ObjectNode view = body.putObject("view");
      view.put("type", "modal");
      view.putObject("title").put("type", "plain_text").put("text", "Kring");
      ObjectNode section = view.putArray("blocks").addObject();
      section.put("type", "section");
      section.putObject("text").put("type", "plain_text").put("text", TEXT);
    } else {
      body.put("response_type", "ephemeral");
      body.put("text", TEXT);
    }
    return Response.builder()
        .statusCode(200)
        .contentType("application/json; charset=utf-8")
        .body(JSON.writeValueAsString(body))
        .build();
  }
}
