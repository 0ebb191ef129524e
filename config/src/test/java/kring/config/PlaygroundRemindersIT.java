package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import kring.testing.PlaygroundPage;
import kring.testing.PlaygroundPage.KringMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A person watches the kickoff reminders arrive in the playground by moving its simulated clock
 * forward: privately, only for the partner who still has to confirm.
 */
class PlaygroundRemindersIT {

  @RegisterExtension
  final KringInABrowser browser = new KringInABrowser(Path.of("target", "e2e-reminders"));

  @Test
  void theReminderReachesOnlyThePartnerWhoHasNotConfirmed() throws Exception {
    browser.kring().start();
    PlaygroundPage page = browser.page().open();
    page.createPerson("Anna").createRoom("Klas 5A");
    page.say("start");
    page.waitForKringMessage("is gestart");
    page.createPerson("Bert");
    page.say("aansluiten");
    page.form().fill("Je rol", "NAFT-coach").submit().waitUntilClosed();
    page.switchTo("Anna");
    page.waitForKringMessage("vraagt om aan te sluiten");
    page.clickButton("Aanvaarden");
    page.waitForKringMessage("maakt nu deel uit van deze casus");

    page.switchTo("Bert");
    // Two school days later, whatever today is; a summer start needs the most weeks.
    for (int week = 0;
        week < 12 && !page.showsMessageContaining("vriendelijke herinnering");
        week++) {
      page.moveTimeForward(Duration.ofDays(7));
      Thread.sleep(1500);
    }
    KringMessage reminder = page.waitForKringMessage("Een vriendelijke herinnering");
    assertThat(reminder.isPrivate()).isTrue();
    assertThat(reminder.buttons()).contains("Stel een doel voor");
    page.screenshot(browser.file("reminder.png"));

    page.say("planning");
    KringMessage planning = page.waitForKringMessage("Gepland door Kring");
    assertThat(planning.isPrivate()).isTrue();
  }

  @Test
  void aCheckInArrivesPrivatelyAndItsSummaryReachesTheChannelWhenEveryoneAnswered()
      throws Exception {
    browser.kring().start();
    PlaygroundPage page = browser.page().open();
    page.createPerson("Anna").createRoom("Klas 2C");
    page.say("start");
    page.waitForKringMessage("is gestart");
    page.createPerson("Bert");
    page.say("aansluiten");
    page.form().fill("Je rol", "CLB-medewerker").submit().waitUntilClosed();
    page.switchTo("Anna");
    page.waitForKringMessage("vraagt om aan te sluiten");
    page.clickButton("Aanvaarden");
    page.waitForKringMessage("maakt nu deel uit van deze casus");
    page.say("doel");
    page.form().fill("Gezamenlijk doel", "Weer elke dag naar school").submit().waitUntilClosed();
    page.waitForKringMessage("stelde versie 1 van de afspraken voor");
    page.say("taken");
    page.form()
        .fill("Wat doet Anna", "Houdt de regie")
        .fill("Wat doet Bert", "Spreekt met de leerling")
        .submit()
        .waitUntilClosed();
    page.clickButton("Bevestig versie 2");
    page.waitForKringMessage("bevestigd door 1 van 2 partners");
    page.switchTo("Bert");
    page.clickButton("Bevestig versie 2");
    page.waitForKringMessage("Iedereen bevestigde versie 2");

    // The coordination level's rhythm: a check-in four school weeks on, holidays not counted.
    for (int day = 0; day < 70 && !page.showsMessageContaining("Check-in 1 voor casus"); day++) {
      page.moveTimeForward(Duration.ofDays(1));
      Thread.sleep(300);
    }
    KringMessage checkIn = page.waitForKringMessage("Check-in 1 voor casus");
    assertThat(checkIn.isPrivate()).isTrue();
    assertThat(checkIn.buttons()).contains("Ja", "Deels", "Nee", "Deze keer niet");
    page.screenshot(browser.file("check-in.png"));
    answer(page);
    page.waitForKringMessage("je antwoorden zijn binnen");
    assertThat(page.waitForKringMessage("je antwoorden zijn binnen").buttons())
        .as("the card shows the answers given, in place")
        .contains("✓ Ja", "✓ Deels")
        .doesNotContain("Deze keer niet");

    page.switchTo("Anna");
    // Her view loads after the switch; on a busy machine the button is not there at once.
    page.waitForKringMessage("Check-in 1 voor casus");
    answer(page);
    KringMessage summary = page.waitForKringMessage("2 van de 2 partners antwoordden");
    assertThat(summary.isPrivate()).isFalse();
    assertThat(summary.text()).doesNotContain("Anna").doesNotContain("Bert");
    page.screenshot(browser.file("check-in-summary.png"));
  }

  /** Three clicks: one answer per question, on the card itself. */
  private static void answer(PlaygroundPage page) {
    page.clickButtonAfter("Ligt ons gedeelde doel nog op koers?", "Ja");
    page.clickButtonAfter("Kreeg je van de anderen wat je nodig had, op tijd?", "Deels");
    page.clickButtonAfter("Is het duidelijk wie wat doet?", "Ja");
  }
}
