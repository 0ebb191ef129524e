package kring.core.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.CaseStatus;
import kring.core.cases.TransitionKind;
import kring.core.checkin.CheckInAnswer;
import kring.core.checkin.CheckInQuestion;
import kring.core.consent.Basis;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.conversation.Command;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.scheduler.planning.PromptKind;
import kring.testing.EntryPoints;
import org.junit.jupiter.api.Test;

class TextsTest {

  static Properties bundle(String language) throws IOException {
    Properties texts = new Properties();
    try (InputStream in =
        TextsTest.class.getResourceAsStream("/kring/texts_" + language + ".properties")) {
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return texts;
  }

  @Test
  void dutchAndEnglishHaveTheSameSentences() throws IOException {
    assertThat(new TreeSet<>(bundle("nl").stringPropertyNames()))
        .isEqualTo(new TreeSet<>(bundle("en").stringPropertyNames()));
  }

  @Test
  void everyKeyTheCodeNamesExists() throws IOException {
    Set<String> keys = bundle("en").stringPropertyNames();
    Pattern literal =
        Pattern.compile(
            "\"((?:refusal|form|card|agreement|button|status|welcome|start|added|help|unknown|log|join|introduce|confirm|close|language|next|delivery|hours|free-day|cadence|schedule|proposal|reflection|safety|erase|forget|retention|operator|consent|export|update|info-kind|transition)\\.[a-z0-9.\\-]+)\"");
    Set<String> missing = new TreeSet<>();
    // The platform-free code that names texts: this module and the core beside it.
    List<Path> roots = List.of(Path.of("src/main/java"), Path.of("../core/src/main/java"));
    for (Path root : roots) {
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(root)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
      }
      for (Path source : sources) {
        Matcher m = literal.matcher(Files.readString(source));
        while (m.find()) {
          String key = m.group(1);
          // prefixes completed at run time, such as "status." + status
          if (!key.endsWith(".") && !keys.contains(key) && !isActionOrFormId(key)) {
            missing.add(key);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  private static boolean isActionOrFormId(String key) {
    return Set.of(
            "agreement.confirm",
            "agreement.read",
            "agreement.goal",
            "agreement.roles",
            "form.open",
            "join.accept",
            "join.decline",
            "consent.record",
            "consent.withdraw",
            "update.check",
            "update.post",
            "update.nothing-new")
        .contains(key);
  }

  @Test
  void everyEnumThatIsShownHasItsTextInBothLanguages() {
    for (Language language : Language.values()) {
      for (Role role : Role.values()) {
        assertThat(Texts.has(language, role.nameKey())).as(role.nameKey()).isTrue();
        assertThat(Texts.has(language, role.aboutKey())).as(role.aboutKey()).isTrue();
      }
      for (Command command : EntryPoints.commands()) {
        assertThat(Texts.has(language, command.helpKey())).as(command.helpKey()).isTrue();
      }
      for (Sector sector : Sector.values()) {
        assertThat(Texts.has(language, "sector." + key(sector))).isTrue();
      }
      for (CollaborationLevel level : CollaborationLevel.values()) {
        assertThat(Texts.has(language, "level." + key(level) + ".explained")).isTrue();
      }
      for (CaseStatus status : CaseStatus.values()) {
        assertThat(Texts.has(language, "status." + key(status))).isTrue();
      }
      for (PromptKind kind : PromptKind.values()) {
        assertThat(Texts.has(language, "schedule.kind." + key(kind))).as(kind.name()).isTrue();
      }
      for (CheckInQuestion question : CheckInQuestion.values()) {
        assertThat(Texts.has(language, "check-in.q." + key(question))).isTrue();
      }
      for (InfoKind kind : InfoKind.values()) {
        assertThat(Texts.has(language, kind.nameKey())).as(kind.nameKey()).isTrue();
      }
      for (GivenBy who : GivenBy.values()) {
        assertThat(Texts.has(language, "consent.given-by." + key(who))).isTrue();
      }
      for (Basis basis : Basis.values()) {
        assertThat(Texts.has(language, "consent.basis." + key(basis))).isTrue();
      }
      for (TransitionKind kind : TransitionKind.values()) {
        assertThat(Texts.has(language, kind.nameKey())).as(kind.nameKey()).isTrue();
      }
      for (CheckInAnswer answer : CheckInAnswer.values()) {
        assertThat(Texts.has(language, "check-in.answer." + key(answer))).isTrue();
      }
    }
  }

  @Test
  void fillsArgumentsAndChoosesSingularOrPlural() {
    assertThat(Texts.get(Language.EN, "agreement.school-days", 1)).isEqualTo("1 school day");
    assertThat(Texts.get(Language.NL, "agreement.school-days", 3)).isEqualTo("3 schooldagen");
  }

  private static String key(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
