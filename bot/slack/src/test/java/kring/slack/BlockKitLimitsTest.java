package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockKitLimitsTest {

  private static FakeSlack.Call call(String method, String name, String json) {
    return new FakeSlack.Call(method, Map.of(name, json), "", Instant.EPOCH);
  }

  private static String button(String text) {
    return "[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"a\","
        + "\"text\":{\"type\":\"plain_text\",\"text\":\""
        + text
        + "\"},\"value\":\"v\"}]}]";
  }

  @Test
  void aMessageWithinTheLimitsPasses() {
    assertThat(BlockKitLimits.violations(call("chat.postMessage", "blocks", button("Confirm"))))
        .isEmpty();
  }

  @Test
  void aButtonTextOver75CharactersIsCaught() {
    assertThat(
            BlockKitLimits.violations(call("chat.postMessage", "blocks", button("x".repeat(76)))))
        .singleElement()
        .asString()
        .startsWith("button text over 75");
  }

  @Test
  void aModalTitleOver24CharactersAndTooManyOptionsAreCaught() {
    StringBuilder options = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      options
          .append(i == 0 ? "" : ",")
          .append("{\"text\":{\"type\":\"plain_text\",\"text\":\"o\"},\"value\":\"")
          .append(i)
          .append("\"}");
    }
    String view =
        "{\"type\":\"modal\",\"title\":{\"type\":\"plain_text\",\"text\":\"Gezamenlijk doel K-7F3Q x\"},"
            + "\"blocks\":[{\"type\":\"input\",\"label\":{\"type\":\"plain_text\",\"text\":\"L\"},"
            + "\"element\":{\"type\":\"static_select\",\"action_id\":\"s\",\"options\":["
            + options
            + "]}}]}";

    assertThat(BlockKitLimits.violations(call("views.open", "view", view)))
        .anyMatch(v -> v.startsWith("modal title over 24"))
        .anyMatch(v -> v.startsWith("more than 100 options"));
  }
}
