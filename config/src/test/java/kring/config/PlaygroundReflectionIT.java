package kring.config;

import static kring.config.PlaygroundReflectionCase.ROUND_ONE;
import static kring.config.PlaygroundReflectionCase.ROUND_TWO;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kring.testing.PlaygroundPage;
import kring.testing.PlaygroundPage.KringMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * The reflection round's summary with its trend chart as a person sees it in a real browser. The
 * case and its first round go through the playground's API for speed; in the second round, the
 * coordinator answers last in the page's form, which closes the round, and the summary shows with
 * the chart's picture loaded.
 */
class PlaygroundReflectionIT {

  @RegisterExtension
  final KringInABrowser browser = new KringInABrowser(Path.of("target", "e2e-reflection"));

  @Test
  void theCoordinatorAnswersLastInTheFormAndEveryoneSeesTheSummaryWithTheChart() throws Exception {
    browser.kring().start();
    PlaygroundReflectionCase c =
        PlaygroundReflectionCase.agreed(PlaygroundHttp.at(browser.kring().baseUrl()), "Klas 6B");
    c.start(1);
    c.answer(c.bert, 1, ROUND_ONE.get("Bert"));
    c.answer(c.chris, 1, ROUND_ONE.get("Chris"));
    c.answer(c.dana, 1, ROUND_ONE.get("Dana"));
    c.closeAtDeadline(1);
    c.start(2);
    c.answer(c.bert, 2, ROUND_TWO.get("Bert"));
    c.answer(c.chris, 2, ROUND_TWO.get("Chris"));
    c.answer(c.dana, 2, ROUND_TWO.get("Dana"));

    PlaygroundPage page = browser.page().open();
    page.switchTo("Anna").openRoom("Klas 6B");
    page.waitForKringMessage("Reflectieronde 2 — casus");
    page.clickButton("Privé antwoorden");
    PlaygroundPage.FormDialog form = page.form();
    assertThat(form.title()).isEqualTo("Reflectieronde 2");
    form.fill("Is ons gedeelde doel nog haalbaar?", "ja")
        .fill("Ik kreeg van de anderen de informatie die ik nodig had, op tijd.", "5 — helemaal")
        .fill("Is het duidelijk wie nu de regie heeft in deze casus?", "deels")
        .fill("Ik voel me vrij om in dit team twijfels uit te spreken.", "3")
        .fill("Ik kan erop rekenen dat de anderen onze afspraken nakomen.", "3")
        .fill("Ik weet wat elke partner wel en niet kan doen.", "3")
        .fill("Wat ging goed en willen we behouden?", ROUND_TWO.get("Anna").get("keep"))
        .fill("Toon mijn naam bij mijn geschreven antwoorden", "Ja, onderteken ze met mijn naam");
    page.screenshot(browser.file("answer-form.png"));
    form.submit().waitUntilClosed();

    KringMessage summary = page.waitForKringMessage("4 van de 4 partners deden mee");
    assertThat(summary.isPrivate()).isFalse();
    assertThat(summary.fields())
        .contains("Vertrouwen: ▆▅  3,5", "Rollen en verantwoordelijkheden: ·▆  4,0");
    assertThat(summary.chartWidth()).as("the chart's picture loaded").isGreaterThan(0);
    assertThat(summary.chartFits()).isTrue();
    assertThat(summary.chartOpensAtFullSize()).isTrue();
    // The picture carries its title; the page does not repeat it under the picture.
    assertThat(summary.text()).doesNotContain("Verloop per thema");
    summary.scrollToChart();
    page.screenshot(browser.file("summary-chart.png"));

    // The whole summary at once, for a person reviewing what the page shows.
    browser.chromium().driver().manage().window().setSize(new Dimension(1280, 2600));
    page.screenshot(browser.file("summary-whole.png"));
    browser.chromium().driver().manage().window().setSize(new Dimension(1280, 900));

    // Bert sees the same summary, and the picture loads for him too.
    page.switchTo("Bert");
    KringMessage his = page.waitForKringMessage("4 van de 4 partners deden mee");
    assertThat(his.chartWidth()).isGreaterThan(0);

    // On a phone-sized window the picture shrinks with the message instead of overflowing it.
    browser.chromium().driver().manage().window().setSize(new Dimension(420, 900));
    KringMessage narrow = page.waitForKringMessage("4 van de 4 partners deden mee");
    assertThat(narrow.chartFits()).isTrue();
    narrow.scrollToChart();
    page.screenshot(browser.file("summary-chart-narrow.png"));
  }
}
