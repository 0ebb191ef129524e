package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kring.core.identity.Platform;
import kring.core.outbox.Posted;
import kring.json.KringJson;
import org.junit.jupiter.api.Test;

class PostedRecordsTest {

  static String json(Posted posted) {
    return KringJson.mapper().writeValueAsString(posted);
  }

  @Test
  void aConversationsEntryHoldsEachOfItsItems() {
    Posted one = Posted.message(Platform.TEAMS, "https://smba.example/emea/", "19:x@thread", "1:2");
    Posted two = Posted.message(Platform.TEAMS, "https://smba.example/emea/", "19:x@thread", "17");
    Posted file = Posted.file(Platform.SLACK, "T9", "F0CHART");

    assertThat(PostedRecords.head(one))
        .contains("TEAMS MESSAGE https://smba.example/emea/ 19:x@thread");
    assertThat(PostedRecords.items(PostedRecords.head(one).get() + " 1:2 17"))
        .containsExactly(json(one), json(two));
    assertThat(PostedRecords.head(file)).contains("SLACK FILE T9 ");
    assertThat(PostedRecords.items("SLACK FILE T9  F0CHART")).containsExactly(json(file));
  }

  @Test
  void anItemWithASpaceHasNoConversationEntryAndIsKeptWhole() {
    Posted odd = Posted.message(Platform.PLAYGROUND, "local", "room one", "7");

    assertThat(PostedRecords.head(odd)).isEmpty();
    assertThat(PostedRecords.items(json(odd))).containsExactly(json(odd));
  }

  @Test
  void anEntryOfNeitherFormHoldsNothing() {
    for (String entry :
        List.of("", "SLACK MESSAGE T9 C1", "SKYPE MESSAGE T9 C1 1.1", "SLACK NOTE T9 C1 1.1")) {
      assertThat(PostedRecords.items(entry)).as(entry).isEmpty();
    }
  }
}
