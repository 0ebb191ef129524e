package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/ARCHITECTURE.md against the build: every module the build has is in the
 * map and every module in the map is built, each says there what it depends on as its pom does, and
 * each SDK is a dependency of exactly one module.
 */
class ModulesTest {

  /** Each SDK and the one module that may declare it. */
  private static final Map<String, String> SDKS =
      Map.of(
          "jedis", "bot/storage",
          "embedded-redis", "bot/storage",
          "bolt-jakarta-servlet", "bot/slack",
          "bolt-socket-mode", "bot/slack",
          "bot-builder", "bot/teams",
          "bot-integration-core", "bot/teams",
          "spring-boot-starter-quartz", "scheduler/clock",
          "jfreechart", "bot/chart");

  private static final Pattern DEPENDENCY =
      Pattern.compile(
          "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>",
          Pattern.DOTALL);

  @Test
  void eachSdkIsADependencyOfExactlyOneModule() throws IOException {
    Map<String, List<String>> declaredBy = new TreeMap<>();
    for (Map.Entry<String, String> module : modules().entrySet()) {
      for (String[] dependency : dependencies(module.getValue())) {
        if (SDKS.containsKey(dependency[1]) && !dependency[2].contains("<scope>test</scope>")) {
          declaredBy.computeIfAbsent(dependency[1], k -> new ArrayList<>()).add(module.getKey());
        }
      }
    }
    Map<String, List<String>> expected = new TreeMap<>();
    SDKS.forEach((sdk, module) -> expected.put(sdk, List.of(module)));
    assertThat(declaredBy).isEqualTo(expected);
  }

  @Test
  void theArchitectureDocumentMapsEveryModuleWithWhatItDependsOn() throws IOException {
    Map<String, String> poms = modules();
    Map<String, String> artifacts = new TreeMap<>();
    for (Map.Entry<String, String> module : poms.entrySet()) {
      artifacts.put(artifactId(module.getValue()), module.getKey());
    }
    Map<String, TreeSet<String>> built = new TreeMap<>();
    for (Map.Entry<String, String> module : poms.entrySet()) {
      TreeSet<String> uses = new TreeSet<>();
      for (String[] dependency : dependencies(module.getValue())) {
        if (dependency[0].equals("kring")
            && !dependency[2].contains("<scope>test</scope>")
            && artifacts.containsKey(dependency[1])) {
          uses.add(shortName(artifacts.get(dependency[1])));
        }
      }
      built.put(module.getKey(), uses);
    }

    Map<String, TreeSet<String>> documented = new TreeMap<>();
    Pattern row = Pattern.compile("^\\| `([a-z/]+)` \\| `[a-z-]+` \\| .* \\| (.*) \\|$");
    for (String line : Files.readAllLines(root().resolve("docs/ARCHITECTURE.md"))) {
      Matcher m = row.matcher(line);
      if (m.matches()) {
        TreeSet<String> uses = new TreeSet<>();
        for (String part : m.group(2).split(",")) {
          String name = part.strip();
          if (built.keySet().stream().anyMatch(dir -> shortName(dir).equals(name))) {
            uses.add(name);
          }
        }
        documented.put(m.group(1), uses);
      }
    }
    // The application's own line says "everything above" rather than listing them.
    documented.put("config", built.get("config"));
    assertThat(documented).isEqualTo(built);
  }

  private static String shortName(String dir) {
    return dir.substring(dir.lastIndexOf('/') + 1);
  }

  /** Every module of the build with a pom of its own and sources, by its folder. */
  private static Map<String, String> modules() throws IOException {
    Path root = root();
    Map<String, String> modules = new TreeMap<>();
    try (Stream<Path> poms = Files.walk(root, 3)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        Path dir = pom.getParent();
        if (Files.isDirectory(dir.resolve("src")) && !dir.equals(root)) {
          modules.put(root.relativize(dir).toString(), Files.readString(pom));
        }
      }
    }
    return modules;
  }

  private static List<String[]> dependencies(String pom) {
    List<String[]> found = new ArrayList<>();
    int start = pom.indexOf("<dependencies>");
    if (start < 0) {
      return found;
    }
    Matcher m = DEPENDENCY.matcher(pom.substring(start, pom.indexOf("</dependencies>")));
    while (m.find()) {
      found.add(new String[] {m.group(1).strip(), m.group(2).strip(), m.group(3)});
    }
    return found;
  }

  private static String artifactId(String pom) {
    String afterParent = pom.substring(pom.indexOf("</parent>"));
    Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new AssertionError("The repository's root is not above " + Path.of("").toAbsolutePath());
  }
}
