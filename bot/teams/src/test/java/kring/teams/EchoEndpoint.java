package kring.teams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bare Bot Framework echo bot on the same SDK and server, the yardstick of the benchmark: it
 * answers every message at once through the SDK's own connector client.
 */
@RestController
class EchoEndpoint {

  private final ObjectMapper json =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final BotFrameworkHttpAdapter adapter =
      new BotFrameworkHttpAdapter(new AccessConfiguration(TeamsHarness.unauthenticated()));

  @PostMapping("/api/echo")
  ResponseEntity<Void> echo(
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody String body)
      throws Exception {
    Activity activity = json.readValue(body, Activity.class);
    adapter
        .processIncomingActivity(
            authorization,
            activity,
            turn ->
                turn.sendActivity(MessageFactory.text("echo: " + turn.getActivity().getText()))
                    .thenApply(sent -> null))
        .join();
    return ResponseEntity.ok().build();
  }
}
