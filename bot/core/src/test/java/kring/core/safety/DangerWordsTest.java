package kring.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kring.core.i18n.Language;
import kring.core.reply.Fields;
import kring.core.reply.Reply;
import kring.core.reply.Text;
import kring.testing.PrivacyDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DangerWordsTest {

  private final DangerWords danger = DangerWords.standard();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "help, de leerling praat over zelfmoord",
        "Hij heeft zelfmoordgedachten sinds de kerstvakantie",
        "Ze zegt dat ze dood wil. Nee: ze wil dood.",
        "Vermoeden van kindermishandeling thuis",
        "vader mishandelt hem",
        "Er is sprake van seksueel grensoverschrijdend gedrag",
        "Hij is sinds gisteren vermist",
        "She said she wants to die",
        "He talked about killing himself",
        "We suspect child abuse at home",
        "He was threatened with a knife after school",
        "Signs of self-harm on her arms",
        "status: the therapist thinks she was raped",
      })
  void findsDangerInDutchAndEnglish(String text) {
    assertThat(danger.in(text)).as(text).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SUÏCIDAAL gedrag gemeld",
        "Zelfmóórd?",
        "suïcidegedachten",
        "Self‐Harm",
        "ＲＡＰＥＤ",
        "Ze zei: \"ik wil   dood\"",
      })
  void ignoresCaseAccentsWidthAndPunctuation(String text) {
    assertThat(danger.in(text)).as(text).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Die leerling komt morgen terug in de klas.",
        "Ik ben doodmoe na dat overleg, die planning is moordend.",
        "Hij maakt misbruik van de pauze om te gamen.",
        "We doden de tijd met een spelletje.",
        "Ze wil dolgraag mee op uitstap.",
        "Ik heb je gemist op het zorgoverleg.",
        "De rapen zijn gaar.",
        "Suikervrije koeken voor de verjaardag",
        "Let's kill some time before the meeting.",
        "This homework is killing me.",
        "She has great social skills and the therapist agrees.",
        "I would die for a coffee.",
        "Please do not abuse the printer.",
        "Grapes, drapes and rapeseed oil",
        "We talked about the end of his lifelong hobby.",
        "Contact: Zelfmoordlijn 1813 en het Vertrouwenscentrum Kindermishandeling",
      })
  void leavesEverydayLanguageAlone(String text) {
    assertThat(danger.in(text)).as(text).isFalse();
  }

  @Test
  void aHelpingServiceNamedBesideRealDangerDoesNotHideIt() {
    assertThat(danger.in("Vertrouwenscentrum Kindermishandeling: hij wordt thuis mishandeld"))
        .isTrue();
    assertThat(danger.in("Zelfmoordlijn gebeld; ze heeft zelfmoordgedachten")).isTrue();
  }

  @Test
  void nothingAndNullAreNoDanger() {
    assertThat(danger.in("")).isFalse();
    assertThat(danger.anyIn(Arrays.asList(null, "", "   "))).isFalse();
    assertThat(danger.anyIn(List.of("fine", "ze wil dood"))).isTrue();
  }

  @Test
  void everyEntryFindsItselfAsWritten() {
    for (String section : List.of("nl", "en")) {
      for (String entry : danger.written().get(section)) {
        String asText = entry.replace("*", "en");
        assertThat(danger.in("… " + asText + " …")).as(entry).isTrue();
      }
    }
  }

  @Test
  void privacyMdShowsExactlyTheListKringUses() {
    Map<String, List<String>> documented = documented();
    Map<String, List<String>> used = danger.written();

    for (String section : DangerWords.SECTIONS) {
      assertThat(documented.get(section))
          .as("section [%s] of %s and PRIVACY.md", section, DangerWords.RESOURCE)
          .containsExactlyInAnyOrderElementsOf(used.get(section));
    }
  }

  @Test
  void theCardSaysWhereToGetHelpInBothLanguagesAndNothingElse() {
    for (Language language : Language.values()) {
      String card = words(SafetyCard.in(language));
      assertThat(card).contains("112", "1712", "Awel", "102", "1813");
      assertThat(card)
          .contains(language == Language.NL ? "geen meldkanaal" : "not a reporting channel")
          .contains(language == Language.NL ? "eigen organisatie" : "own organisation");
    }
  }

  /** The safety table of PRIVACY.md by section: Dutch and English columns, and the never row. */
  private static Map<String, List<String>> documented() {
    List<String> nl = new ArrayList<>();
    List<String> en = new ArrayList<>();
    List<String> never = new ArrayList<>();
    Pattern code = Pattern.compile("`([^`]+)`");
    for (String line : PrivacyDocument.inRepository().section("Safety card")) {
      if (!line.startsWith("| ") || line.startsWith("| kind")) {
        continue;
      }
      String[] cells = line.split("\\|");
      List<List<String>> columns =
          cells[1].strip().startsWith("never") ? List.of(never, never) : List.of(nl, en);
      for (int column = 0; column < 2; column++) {
        Matcher entry = code.matcher(cells[column + 2]);
        while (entry.find()) {
          columns.get(column).add(entry.group(1));
        }
      }
    }
    return Map.of("nl", nl, "en", en, "never", never);
  }

  static String words(Reply reply) {
    StringBuilder all = new StringBuilder();
    reply
        .blocks()
        .forEach(
            block -> {
              if (block instanceof Text text) {
                all.append(text.text()).append('\n');
              } else if (block instanceof Fields fields) {
                fields.fields().forEach(f -> all.append(f.label()).append(f.value()).append('\n'));
              }
            });
    return all.toString();
  }
}
