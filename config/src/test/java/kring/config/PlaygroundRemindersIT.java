package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kring.testing.HeadlessChromium;
import kring.testing.PlaygroundPage;
import kring.testing.PlaygroundPage.KringMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person watches the kickoff reminders arrive in the playground by moving its simulated clock
 * forward: privately, only for the partner who still has to confirm.
 */
class PlaygroundRemindersIT {

  private final Path work = Path.of("target", "e2e-reminders");
  private KringProcess kring;
  private HeadlessChromium chromium;

  @BeforeEach
  void start() throws Exception {
    kring = KringProcess.inFreshDirectory(work);
    chromium = HeadlessChromium.start(1280, 900);
  }

  @AfterEach
  void stop() throws Exception {
    chromium.close();
    kring.close();
    kring.assertEveryKeyListedInPrivacyMd();
  }

  @Test
  void theReminderReachesOnlyThePartnerWhoHasNotConfirmed() throws Exception {
    kring.start();
    PlaygroundPage page = new PlaygroundPage(chromium.driver(), kring.baseUrl()).open();
    page.createPerson("Anna").createRoom("Klas 5A");
    page.say("start");
    page.waitForKringMessage("is gestart");
    page.createPerson("Bert");
    page.say("aansluiten");
    page.form().fill("Je rol", "NAFT-coach").submit().waitUntilClosed();
    page.switchTo("Anna");
    page.clickButton("Aanvaarden");
    page.waitForKringMessage("maakt nu deel uit van deze casus");

    page.switchTo("Bert");
    // Two school days later, whatever today is; a summer start needs the most weeks.
    for (int week = 0;
        week < 12 && !page.showsMessageContaining("vriendelijke herinnering");
        week++) {
      page.moveTimeForward("+1 week");
      Thread.sleep(1500);
    }
    KringMessage reminder = page.waitForKringMessage("Een vriendelijke herinnering");
    assertThat(reminder.isPrivate()).isTrue();
    assertThat(reminder.buttons()).contains("Stel een doel voor");
    page.screenshot(work.resolve("reminder.png"));

    page.say("planning");
    KringMessage planning = page.waitForKringMessage("Gepland door Kring");
    assertThat(planning.isPrivate()).isTrue();
  }
}
