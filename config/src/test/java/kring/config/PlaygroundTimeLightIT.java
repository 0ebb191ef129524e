package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kring.testing.PlaygroundPage;
import kring.testing.PlaygroundPage.KringMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each step of a case costs a partner, counted in a real browser: every message typed, button
 * clicked, form field filled in and form sent. A partner joins in at most 4, confirms an agreement
 * in 1, answers a check-in in at most 3, skips one in 1 and answers a reflection round in at most
 * 10; and no message keeps a button that no longer works.
 */
class PlaygroundTimeLightIT {

  @RegisterExtension
  final KringInABrowser browser = new KringInABrowser(Path.of("target", "e2e-time-light"));

  final Map<String, Integer> counted = new LinkedHashMap<>();

  /** Counts what {@code step} costs on the page, and fails above {@code most}. */
  void costs(PlaygroundPage page, String what, int most, Step step) throws Exception {
    int before = page.interactions();
    step.run();
    int cost = page.interactions() - before;
    counted.put(what, cost);
    System.out.println("Interactions for " + what + ": " + cost + " (at most " + most + ")");
    assertThat(cost).as(what).isLessThanOrEqualTo(most);
  }

  interface Step {
    void run() throws Exception;
  }

  @Test
  void everyStepOfACaseStaysWithinItsInteractionsAndLeavesNoButtonThatNoLongerWorks()
      throws Exception {
    browser.kring().start();
    PlaygroundPage page = browser.page().open();
    page.createPerson("Anna").createRoom("Klas 4D");
    page.say("start");
    page.waitForKringMessage("is gestart");

    page.createPerson("Bert");
    costs(
        page,
        "joining",
        4,
        () -> {
          page.say("aansluiten");
          page.form().fill("Je rol", "CLB-medewerker").submit().waitUntilClosed();
        });
    page.switchTo("Anna");
    page.waitForKringMessage("vraagt om aan te sluiten");
    costs(page, "accepting a request to join", 1, () -> page.clickButton("Aanvaarden"));
    KringMessage handled = page.waitForKringMessage("Aanvaard door Anna");
    assertThat(handled.buttons()).as("the request's buttons are gone").isEmpty();

    page.say("doel");
    page.form().fill("Gezamenlijk doel", "Weer elke dag naar school").submit().waitUntilClosed();
    page.say("taken");
    page.form()
        .fill("Wat doet Anna", "Houdt de regie")
        .fill("Wat doet Bert", "Spreekt met de leerling")
        .submit()
        .waitUntilClosed();
    costs(page, "confirming (Anna)", 1, () -> page.clickButton("Bevestig versie 2"));
    page.waitForKringMessage("bevestigd door 1 van 2 partners");
    page.switchTo("Bert");
    costs(page, "confirming", 1, () -> page.clickButton("Bevestig versie 2"));
    page.waitForKringMessage("Iedereen bevestigde deze versie");
    assertThat(page.buttonsShown())
        .as("no request, version or count keeps a button that no longer works")
        .doesNotContain("Aanvaarden", "Weigeren", "Bevestig versie 1", "Bevestig versie 2");
    assertThat(page.messages()).noneMatch(m -> m.contains("bevestigd door 1 van 2 partners"));
    page.screenshot(browser.file("agreed.png"));

    // The first check-in comes some school weeks on.
    for (int week = 0; week < 12 && !page.showsMessageContaining("Check-in 1 voor casus"); week++) {
      page.moveTimeForward("+1 week");
      Thread.sleep(1000);
    }
    page.waitForKringMessage("Check-in 1 voor casus");
    costs(
        page,
        "a check-in",
        3,
        () -> {
          page.clickButtonAfter("Ligt ons gedeelde doel nog op koers?", "Ja");
          page.clickButtonAfter("Kreeg je van de anderen wat je nodig had, op tijd?", "Deels");
          page.clickButtonAfter("Is het duidelijk wie wat doet?", "Ja");
        });
    page.waitForKringMessage("je antwoorden zijn binnen");
    page.screenshot(browser.file("check-in-answered.png"));

    page.switchTo("Anna");
    page.waitForKringMessage("Check-in 1 voor casus");
    costs(page, "skipping a check-in", 1, () -> page.clickButton("Deze keer niet"));
    page.waitForKringMessage("1 van de 2 partners antwoordden");
    page.switchTo("Bert");
    page.waitForKringMessage("Check-in 1 is afgesloten");
    assertThat(page.buttonsShown())
        .as("a closed check-in's card has no answer buttons left")
        .doesNotContain("Ja", "Deels", "Nee", "✓ Ja", "✓ Deels", "Deze keer niet");

    page.switchTo("Anna");
    page.say("reflectie");
    page.form().submit().waitUntilClosed();
    page.switchTo("Bert");
    for (int step = 0; step < 8 && !page.showsMessageContaining("Privé antwoorden"); step++) {
      page.moveTimeForward("+1 hour");
      Thread.sleep(500);
    }
    costs(
        page,
        "a reflection round",
        10,
        () -> {
          page.clickButton("Privé antwoorden");
          page.form()
              .fill("Is ons gedeelde doel nog haalbaar?", "ja")
              .fill("Ik kreeg van de anderen de informatie die ik nodig had, op tijd.", "4")
              .fill("Is het duidelijk wie nu de regie heeft in deze casus?", "ja")
              .fill("Ik voel me vrij om in dit team twijfels uit te spreken.", "4")
              .fill("Ik kan erop rekenen dat de anderen onze afspraken nakomen.", "4")
              .fill("Ik weet wat elke partner wel en niet kan doen.", "3")
              .fill("Wat ging goed en willen we behouden?", "De korte lijnen")
              .submit()
              .waitUntilClosed();
        });
    page.waitForKringMessage("je antwoorden zijn bewaard");
    page.screenshot(browser.file("reflection-answered.png"));
    System.out.println("Interactions per step: " + counted);
  }
}
