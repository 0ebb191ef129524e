package kring.core.reflection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
