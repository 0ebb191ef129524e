package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import kring.testing.PlaygroundPage;
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

    for (String[] newcomer : new String[][] {{"Bert", "CLB-medewerker"}, {"Chris", "NAFT-coach"}}) {
      page.createPerson(newcomer[0]);
      costs(
          page,
          "joining (" + newcomer[0] + ")",
          4,
          () -> {
            page.say("aansluiten");
            page.form().fill("Je rol", newcomer[1]).submit().waitUntilClosed();
          });
      page.switchTo("Anna");
      page.waitForKringMessage(newcomer[0] + " (");
      costs(page, "accepting " + newcomer[0], 1, () -> page.clickButton("Aanvaarden"));
      page.waitForKringMessage("Aanvaard door Anna");
    }
    // The requests' buttons go once handled (the page learns of it as Kring updates its posts).
    page.waitUntilNoButton("Aanvaarden", "Weigeren");

    page.say("doel");
    page.form().fill("Gezamenlijk doel", "Weer elke dag naar school").submit().waitUntilClosed();
    page.say("taken");
    page.form()
        .fill("Wat doet Anna", "Houdt de regie")
        .fill("Wat doet Bert", "Spreekt met de leerling")
        .fill("Wat doet Chris", "Begeleidt thuis")
        .submit()
        .waitUntilClosed();
    costs(page, "confirming (Anna)", 1, () -> page.clickButton("Bevestig versie 2"));
    page.waitForKringMessage("bevestigd door 1 van 3 partners");
    for (String partner : new String[] {"Bert", "Chris"}) {
      page.switchTo(partner);
      costs(page, "confirming (" + partner + ")", 1, () -> page.clickButton("Bevestig versie 2"));
    }
    page.waitForKringMessage("Iedereen bevestigde deze versie");
    page.waitUntilNoButton("Bevestig versie 1", "Bevestig versie 2");
    assertThat(page.messages()).noneMatch(m -> m.contains("bevestigd door 2 van 3 partners"));
    page.screenshot(browser.file("agreed.png"));

    // The first check-in comes some school weeks on; a day at a time, so that it is still open.
    page.switchTo("Bert");
    for (int day = 0; day < 70 && !page.showsMessageContaining("Check-in 1 voor casus"); day++) {
      page.moveTimeForward(Duration.ofDays(1));
      Thread.sleep(300);
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

    for (String partner : new String[] {"Anna", "Chris"}) {
      page.switchTo(partner);
      page.waitForKringMessage("Check-in 1 voor casus");
      costs(
          page,
          "skipping a check-in (" + partner + ")",
          1,
          () -> page.clickButton("Deze keer niet"));
    }
    page.waitForKringMessage("1 van de 3 partners antwoordden");
    page.switchTo("Bert");
    page.waitForKringMessage("Check-in 1 is afgesloten");
    page.waitUntilNoButton("Ja", "Deels", "Nee", "✓ Ja", "✓ Deels", "Deze keer niet");

    page.switchTo("Anna");
    page.say("reflectie");
    page.form().submit().waitUntilClosed();
    page.switchTo("Bert");
    for (int step = 0; step < 8 && !page.showsMessageContaining("Privé antwoorden"); step++) {
      page.moveTimeForward(Duration.ofHours(1));
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
