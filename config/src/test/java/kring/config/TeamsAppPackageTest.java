package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import kring.json.KringJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;

/** The zip a Teams admin uploads, as Kring makes it for the bot it is configured as. */
class TeamsAppPackageTest {

  /** A Microsoft App ID as an Azure Bot registration gives one. */
  static final String APP_ID = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";

  @TempDir static Path folder;

  static Map<String, byte[]> entries = new HashMap<>();

  @BeforeAll
  static void makeThePackageForTheConfiguredBot() throws Exception {
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    Path zip = folder.resolve("kring-teams-app.zip");
    int status =
        TeamsAppPackage.run(
            new String[] {"--kring.teams.app-package=" + zip},
            environment(Map.of("KRING_TEAMS_APP_ID", APP_ID)),
            new PrintStream(said, true, StandardCharsets.UTF_8));
    assertThat(status).as(said.toString(StandardCharsets.UTF_8)).isZero();
    entries = unzip(zip);
  }

  static Map<String, byte[]> unzip(Path file) throws IOException {
    Map<String, byte[]> found = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        found.put(entry.getName(), zip.readAllBytes());
      }
    }
    return found;
  }

  /** Kring's settings with this process environment and nothing else from the machine. */
  static StandardEnvironment environment(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    environment
        .getPropertySources()
        .replace(name, new SystemEnvironmentPropertySource(name, variables));
    return environment;
  }

  /** Makes a package as an operator would, and returns what it said and whether a file is there. */
  static String refused(Map<String, Object> variables, String... args) {
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    Path zip = folder.resolve("refused-" + System.nanoTime() + ".zip");
    String[] all =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of("--kring.teams.app-package=" + zip),
                java.util.Arrays.stream(args))
            .toArray(String[]::new);
    int status =
        TeamsAppPackage.run(
            all, environment(variables), new PrintStream(said, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(zip).doesNotExist();
    return said.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theBotIdIsTheConfiguredAppId() {
    assertThat(json("manifest.json").path("bots").get(0).path("botId").asString())
        .isEqualTo(APP_ID);
  }

  @Test
  void theAppIdMayBeGivenOnTheCommandLine() throws Exception {
    Path zip = folder.resolve("from-the-command-line.zip");
    String other = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    int status =
        TeamsAppPackage.run(
            new String[] {"--kring.teams.app-package=" + zip, "--kring.teams.app-id=" + other},
            environment(Map.of()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    String manifest = new String(unzip(zip).get("manifest.json"), StandardCharsets.UTF_8);
    assertThat(manifest).contains("\"botId\": \"" + other + "\"");
  }

  @Test
  void withoutAnAppIdThereIsNoPackageAndTheMessageNamesTheSetting() {
    assertThat(refused(Map.of())).contains("KRING_TEAMS_APP_ID", "Microsoft App ID");
    assertThat(refused(Map.of("KRING_TEAMS_APP_ID", "  "))).contains("KRING_TEAMS_APP_ID");
  }

  @Test
  void anAppIdThatIsNoGuidOrAllZeroesMakesNoPackage() {
    assertThat(refused(Map.of("KRING_TEAMS_APP_ID", "00000000-0000-0000-0000-000000000000")))
        .contains("KRING_TEAMS_APP_ID", "GUID");
    assertThat(refused(Map.of("KRING_TEAMS_APP_ID", "kring-bot"))).contains("GUID");
    assertThat(refused(Map.of(), "--kring.teams.app-id=" + APP_ID + "\"}")).contains("GUID");
  }

  @Test
  void theCommandLineAsksForThePackageOnlyWithTheOption() {
    assertThat(TeamsAppPackage.requested(new String[] {"--kring.teams.app-package=k.zip"}))
        .isTrue();
    assertThat(TeamsAppPackage.requested(new String[] {"--kring.operator.task=export"})).isFalse();
    assertThat(TeamsAppPackage.requested(new String[0])).isFalse();
  }

  @Test
  void holdsTheManifestItsTranslationAndTwoIconsAtTheRoot() {
    assertThat(entries).containsOnlyKeys("manifest.json", "en.json", "color.png", "outline.png");
  }

  @Test
  void theManifestDescribesABotForTeamsGroupChatsAndPersonalChats() {
    JsonNode manifest = json("manifest.json");
    assertThat(manifest.path("id").asString()).matches(GUID);
    JsonNode bot = manifest.path("bots").get(0);
    assertThat(bot.path("botId").asString()).matches(GUID);
    assertThat(bot.path("scopes").toString()).contains("team", "groupChat", "personal");
    // The export is offered as a file in the personal chat, which needs Teams' file consent.
    assertThat(bot.path("supportsFiles").asBoolean()).isTrue();
    JsonNode commands = bot.path("commandLists").get(0).path("commands");
    assertThat(commands.size()).isBetween(1, 10);
    assertThat(commands.toString()).contains("\"aansluiten\"", "\"doel\"");
    assertThat(manifest.path("version").asString()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(manifest.has("permissions")).isFalse();
    assertThat(new String(entries.get("manifest.json"), StandardCharsets.UTF_8))
        .doesNotContain("@kring.", "{{");
  }

  @Test
  void theEnglishTranslationNamesEveryCommand() {
    JsonNode english = json("en.json");
    int commands =
        json("manifest.json")
            .path("bots")
            .get(0)
            .path("commandLists")
            .get(0)
            .path("commands")
            .size();
    for (int i = 0; i < commands; i++) {
      assertThat(english.path("bots[0].commandLists[0].commands[" + i + "].title").asString())
          .isNotBlank();
    }
    assertThat(english.path("bots[0].commandLists[0].commands[1].title").asString())
        .isEqualTo("join");
  }

  @Test
  void theIconsHaveTheSizesTeamsRequires() throws Exception {
    BufferedImage color = ImageIO.read(new ByteArrayInputStream(entries.get("color.png")));
    BufferedImage outline = ImageIO.read(new ByteArrayInputStream(entries.get("outline.png")));
    assertThat(List.of(color.getWidth(), color.getHeight())).containsExactly(192, 192);
    assertThat(List.of(outline.getWidth(), outline.getHeight())).containsExactly(32, 32);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int argb = outline.getRGB(x, y);
        boolean transparent = (argb >>> 24) == 0;
        boolean white = (argb & 0xFFFFFF) == 0xFFFFFF;
        assertThat(transparent || white).as("outline pixel %d,%d", x, y).isTrue();
      }
    }
  }

  private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static JsonNode json(String name) {
    return KringJson.mapper().readTree(entries.get(name));
  }
}
