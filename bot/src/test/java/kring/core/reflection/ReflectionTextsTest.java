package kring.core.reflection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import org.junit.jupiter.api.Test;

class ReflectionTextsTest {

  @Test
  void everyQuestionThemeAndOptionReadsInBothLanguages() {
    List<Question> questions = new ArrayList<>(QuestionBank.ALL);
    questions.addAll(QuestionBank.FINAL);
    for (Language language : Language.values()) {
      for (Theme theme : Theme.values()) {
        assertThat(Texts.has(language, theme.nameKey())).as(theme.nameKey()).isTrue();
      }
      for (Question question : questions) {
        assertThat(Texts.has(language, question.textKey())).as(question.textKey()).isTrue();
        for (String option : question.options()) {
          assertThat(Texts.has(language, question.textKey() + "." + option)).isTrue();
        }
      }
      for (String value : AnswerType.YES_PARTLY_NO.fixedValues()) {
        assertThat(Texts.has(language, "reflection.answer." + value)).isTrue();
      }
      for (String value : AnswerType.SCALE.fixedValues()) {
        assertThat(Texts.has(language, "reflection.scale." + value)).isTrue();
      }
    }
  }

  /** The general texts test knows the older prefixes; this one covers reflection's own keys. */
  @Test
  void everyReflectionKeyTheCodeNamesExistsInBothLanguages() throws IOException {
    Pattern literal = Pattern.compile("\"(reflection\\.[a-z0-9.\\-]+)\"");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java/kring/core"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = literal.matcher(Files.readString(source));
        while (m.find()) {
          String key = m.group(1);
          for (Language language : Language.values()) {
            if (!key.endsWith(".") && !Texts.has(language, key) && !isAction(key)) {
              missing.add(language + " " + key);
            }
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  private static boolean isAction(String key) {
    return key.startsWith("reflection.action.") || key.startsWith("reflection.form.id.");
  }
}
