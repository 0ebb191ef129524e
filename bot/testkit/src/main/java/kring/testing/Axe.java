package kring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The accessibility rules of axe-core, run on the page a browser shows: its {@code axe.min.js}
 * (from the test class path: the {@code com.deque.html.axe-core:selenium} artifact) is handed to
 * the browser by the driver, which a page's Content-Security-Policy does not stop, and the page is
 * checked against WCAG 2.0, 2.1 and 2.2 at levels A and AA.
 */
public final class Axe {

  /** The rules run: every WCAG 2.x rule of level A and AA. */
  public static final List<String> WCAG_AA =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private static final String RESOURCE = "axe.min.js";

  /** Runs axe on the whole document and hands back only what a reader needs of each violation. */
  private static final String RUN =
      """
      const done = arguments[arguments.length - 1];
      axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
        .then(r => done({
          passed: r.passes.length,
          violations: r.violations.map(v => ({
            id: v.id,
            impact: v.impact || '',
            help: v.help,
            nodes: v.nodes.map(n => ({
              target: n.target.map(String).join(' '),
              summary: n.failureSummary || ''
            }))
          }))
        }))
        .catch(e => done('axe failed: ' + e));
      """;

  private static volatile String script;

  private Axe() {}

  /** One place on the page that breaks a rule. */
  public record Node(String target, String summary) {}

  /** One rule the page breaks, and where. */
  public record Violation(String id, String impact, String help, List<Node> nodes) {
    @Override
    public String toString() {
      StringBuilder text =
          new StringBuilder(id).append(" (").append(impact).append("): ").append(help);
      for (Node node : nodes) {
        text.append("\n    target: ").append(node.target());
        node.summary().lines().forEach(line -> text.append("\n      ").append(line));
      }
      return text.toString();
    }
  }

  /** The WCAG A and AA rules the page the browser shows now breaks. */
  public static List<Violation> violations(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(script());
    Object result = js.executeAsyncScript(RUN, WCAG_AA);
    if (!(result instanceof Map<?, ?> report)
        || !(report.get("passed") instanceof Number passed)
        || passed.intValue() == 0) {
      // A page on which no rule passed was not checked at all (or is empty).
      throw new IllegalStateException("axe did not check the page: " + result);
    }
    List<Violation> violations = new ArrayList<>();
    for (Object each : (List<?>) report.get("violations")) {
      Map<?, ?> v = (Map<?, ?>) each;
      List<Node> nodes = new ArrayList<>();
      for (Object n : (List<?>) v.get("nodes")) {
        Map<?, ?> node = (Map<?, ?>) n;
        nodes.add(new Node((String) node.get("target"), (String) node.get("summary")));
      }
      violations.add(
          new Violation(
              (String) v.get("id"), (String) v.get("impact"), (String) v.get("help"), nodes));
    }
    return violations;
  }

  /** Fails, listing each violation readably, when the page breaks a WCAG A or AA rule. */
  public static void assertAccessible(WebDriver driver, String page) {
    List<Violation> violations = violations(driver);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          page
              + " breaks "
              + violations.size()
              + " accessibility rule(s):\n"
              + violations.stream().map(Violation::toString).collect(Collectors.joining("\n")));
    }
  }

  private static String script() {
    String loaded = script;
    if (loaded == null) {
      try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "No "
                  + RESOURCE
                  + " on the class path: add com.deque.html.axe-core:selenium as a test"
                  + " dependency");
        }
        loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      script = loaded;
    }
    return loaded;
  }
}
