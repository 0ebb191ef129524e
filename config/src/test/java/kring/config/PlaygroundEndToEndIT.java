package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kring.testing.PlaygroundPage;
import kring.testing.PlaygroundPage.KringMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first real flow, in a real browser against a real Kring with its embedded Redis: two partners
 * start a case, introduce themselves, agree, and the case is active — and still is after Kring is
 * killed with SIGKILL and started again.
 */
class PlaygroundEndToEndIT {

  @RegisterExtension final KringInABrowser browser = new KringInABrowser(Path.of("target", "e2e"));

  @Test
  void twoPartnersAgreeAndTheCaseSurvivesAHardKill() throws Exception {
    browser.kring().start();
    PlaygroundPage page = browser.page().open();
    try {
      agreeAndRestart(page);
    } catch (AssertionError | RuntimeException e) {
      page.screenshot(browser.file("failure.png"));
      Object state =
          browser
              .chromium()
              .driver()
              .executeScript(
                  "return [document.getElementById('composer-error').textContent,"
                      + " document.activeElement && document.activeElement.id,"
                      + " document.getElementById('composer-input').value,"
                      + " document.getElementById('composer-input').disabled].join(' | ')");
      throw new AssertionError("Page state: " + state, e);
    }
  }

  private void agreeAndRestart(PlaygroundPage page) throws Exception {
    page.createPerson("Anna").createRoom("Klas 3B");
    page.waitForKringMessage("Hallo, ik ben Kring");
    page.say("start AB");
    page.waitForKringMessage("is gestart");

    page.clickButton("Stel je voor");
    page.form()
        .fill("Je rol", "Zorgcoördinator")
        .fill("Organisatie", "Sint-Jozef")
        .submit()
        .waitUntilClosed();
    page.waitForKringMessage("Anna — Zorgcoördinator, Sint-Jozef stelde zich voor");

    page.createPerson("Bert");
    page.say("aansluiten");
    page.form()
        .fill("Je rol", "CLB-medewerker")
        .fill("Organisatie", "CLB Noord")
        .submit()
        .waitUntilClosed();
    page.waitForKringMessage("vraagt om aan te sluiten");

    page.switchTo("Anna");
    page.clickButton("Aanvaarden");
    page.waitForKringMessage("maakt nu deel uit van deze casus");

    page.say("kaart");
    KringMessage card = page.waitForKringMessage("Wie doet wat — casus");
    assertThat(card.isPrivate()).isTrue();
    assertThat(String.join("\n", card.fields()))
        .contains("Anna — Zorgcoördinator, Sint-Jozef")
        .contains("Bert — CLB-medewerker, CLB Noord");

    page.say("doel");
    page.form()
        .fill("Gezamenlijk doel", "Weer voltijds in de klas tegen de paasvakantie")
        .submit()
        .waitUntilClosed();
    page.waitForKringMessage("stelde versie 1 van de afspraken voor");

    page.say("taken");
    page.form()
        .fill("Wat doet Anna", "Leidt het zorgoverleg en houdt de regie")
        .fill("Wat doet Bert", "Spreekt met de ouders en de leerling")
        .submit()
        .waitUntilClosed();
    page.waitForKringMessage("stelde versie 2 van de afspraken voor");

    page.clickButton("Bevestig versie 2");
    page.waitForKringMessage("bevestigd door 1 van 2 partners");
    page.switchTo("Bert");
    page.clickButton("Bevestig versie 2");
    page.waitForKringMessage("Iedereen bevestigde versie 2");
    page.say("stand");
    assertThat(page.waitForKringMessage("Stand van casus").fields())
        .anyMatch(f -> f.contains("Actief"));
    page.screenshot(browser.file("agreed.png"));

    browser.kring().kill();
    page.waitForOfflineBanner(true);
    browser.kring().start();
    page.waitForOfflineBanner(false);

    page.open().openRoom("Klas 3B").switchTo("Bert");
    assertThat(page.showsMessageContaining("Iedereen bevestigde versie 2")).isTrue();
    page.say("wie");
    KringMessage after = page.waitForKringMessage("Gezamenlijk doel");
    assertThat(String.join("\n", after.fields()))
        .contains("Weer voltijds in de klas tegen de paasvakantie")
        .contains("Actief")
        .contains("Spreekt met de ouders en de leerling");
    page.screenshot(browser.file("after-restart.png"));
  }
}
