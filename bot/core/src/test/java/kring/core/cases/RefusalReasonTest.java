package kring.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import org.junit.jupiter.api.Test;

class RefusalReasonTest {

  @Test
  void everyReasonHasItsTextInBothLanguages() {
    for (Language language : Language.values()) {
      for (RefusalReason reason : RefusalReason.values()) {
        assertThat(Texts.has(language, reason.key())).as(language + " " + reason).isTrue();
      }
    }
  }

  @Test
  void everyRefusalTextInTheBundlesIsAReason() throws IOException {
    Set<String> reasons =
        Arrays.stream(RefusalReason.values())
            .map(RefusalReason::key)
            .collect(Collectors.toCollection(TreeSet::new));
    for (String language : new String[] {"nl", "en"}) {
      Set<String> texts =
          bundle(language).stringPropertyNames().stream()
              .filter(key -> key.startsWith("refusal."))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(texts).as(language).isEqualTo(reasons);
    }
  }

  @Test
  void eachReasonIsNamedAfterItsOwnKey() {
    for (RefusalReason reason : RefusalReason.values()) {
      assertThat(reason.key()).startsWith("refusal.");
      String named =
          reason
              .key()
              .substring("refusal.".length())
              .replaceAll("[.-]", "_")
              .toUpperCase(Locale.ROOT);
      assertThat(reason.name()).as(reason.key()).isEqualTo(named);
    }
  }

  @Test
  void aRefusalCarriesItsReasonItsArgumentsAndTheKeyAsItsMessage() {
    Refusal refusal = new Refusal(RefusalReason.CASE_FULL, 12);

    assertThat(refusal.reason()).isSameAs(RefusalReason.CASE_FULL);
    assertThat(refusal.key()).isEqualTo("refusal.case-full");
    assertThat(refusal.args()).containsExactly(12);
    assertThat(refusal).hasMessage("refusal.case-full");
    assertThat(Texts.get(Language.EN, refusal.key(), refusal.args()))
        .isEqualTo("A case holds at most 12 people.");
  }

  private static Properties bundle(String language) throws IOException {
    Properties texts = new Properties();
    try (InputStream in =
        RefusalReasonTest.class.getResourceAsStream("/kring/texts_" + language + ".properties")) {
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return texts;
  }
}
