package kring.core.conversation.cases;

import static kring.testing.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.SplittableRandom;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.Transition;
import kring.core.cases.TransitionKind;
import kring.core.conversation.Cards;
import kring.core.i18n.Language;
import kring.testing.Samples;
import org.junit.jupiter.api.Test;

class AuditExportWordsTest {

  private final AuditExport export = new AuditExport(new Cards(ZoneId.of("Europe/Brussels")));

  private final Case full =
      Samples.fullCase(new CaseCode("K-7F3Q"), Samples.slackChannel("C42"))
          .addTransition(
              Samples.slackUser("U1"),
              new Transition(
                  at(0).atZone(ZoneId.of("UTC")).toLocalDate().plusMonths(2),
                  TransitionKind.EXAMS,
                  null),
              at(0).atZone(ZoneId.of("UTC")).toLocalDate(),
              at(20));

  @Test
  void theCoordinatorsExportSaysRolesAndEventsInWordsInTheReadersLanguage() {
    String dutch = export.markdown(full, Language.NL, at(30));

    assertThat(dutch)
        .contains("| P1, zorgcoördinator | stelde zich voor als Zorgcoördinator |")
        .contains("| P2, CLB-medewerker | vroeg om aan te sluiten als CLB-medewerker |")
        .contains("| Iemand uit het kanaal | vroeg om aan te sluiten als Ouder |")
        .contains("noteerde een gekende overgang (de examens)")
        .doesNotContain("CARE_COORDINATOR", "PARENT", "EXAMS", "join-asked", "audit.");
    assertThat(export.markdown(full, Language.EN, at(30)))
        .doesNotContain("CARE_COORDINATOR", "PARENT", "EXAMS", "audit.");
  }

  @Test
  void consentRecordsAndTheirAuditLinesShowNoConstantNames() {
    String dutch = export.markdown(Samples.consenting(full), Language.NL, at(30));

    assertThat(dutch)
        .contains("registreerde toestemming #1")
        .doesNotContain("PARENTS", "CONSENT", "ATTENDANCE", "WELLBEING", "CARE_COORDINATOR");
  }

  @Test
  void aClosedCaseShowsWhenItClosed() {
    Case closed = full.close(Samples.slackUser("U1"), at(40), new SplittableRandom(1));

    assertThat(export.markdown(closed, Language.NL, at(50))).contains("- **Afgesloten**: ");
  }
}
