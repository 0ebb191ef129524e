package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * People who come and go and a case that moves, through the playground's API against the real
 * Kring: a represented mother's view recorded by her representative, the case moved to another
 * room, and a partner who leaves asked for a handover.
 */
class PlaygroundTeamTest {

  @RegisterExtension static final TestRedis redis = TestRedis.machine();

  @RegisterExtension final PlaygroundHttp api = new PlaygroundHttp(redis);

  @Test
  void aRepresentedMothersViewIsRecordedTheCaseMovesAndALeaverIsAskedForAHandover()
      throws Exception {
    String anna = api.person("Anna");
    String bert = api.person("Bert");
    String room = api.caseJoinedBy("Klas 4B", anna, bert);
    String code =
        api.awaitKring(room, anna, "is gestart").toString().replaceAll(".*(K-[2-9A-Z]{4}).*", "$1");

    api.say(room, anna, "vertegenwoordig moeder P2");
    api.awaitKring(room, bert, "voegde moeder toe");
    api.fill(
        room, bert, api.say(room, bert, "stem"), Map.of("goal", "Dat hij terug naar school kan."));
    api.awaitKring(room, anna, "De kijk van moeder werd vandaag genoteerd");

    String newRoom = api.room("Klas 5B", anna);
    api.say(newRoom, anna, "verhuis " + code);
    api.awaitKring(newRoom, anna, "woont nu in dit kanaal");
    api.awaitKring(room, anna, "verhuisde naar een ander kanaal");

    api.say(newRoom, bert, "vertrek");
    api.awaitKring(newRoom, anna, "verliet de casus");
    JsonNode thanks = api.awaitKring(newRoom, bert, "Dank je voor je inzet");
    assertThat(thanks.path("visibleTo").asString()).isEqualTo(bert);
  }
}
