package kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import tools.jackson.databind.JsonNode;

/** The zip a Teams admin uploads, as the build makes it. */
class TeamsAppPackageTest {

  static final Path ZIP = Path.of("target", "kring-teams-app.zip");

  static Map<String, byte[]> entries = new HashMap<>();

  @BeforeAll
  static void unzip() throws Exception {
    assertThat(ZIP).as("the build makes the Teams app package").exists();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ZIP))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        entries.put(entry.getName(), zip.readAllBytes());
      }
    }
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
    JsonNode commands = bot.path("commandLists").get(0).path("commands");
    assertThat(commands.size()).isBetween(1, 10);
    assertThat(commands.toString()).contains("\"aansluiten\"", "\"doel\"");
    assertThat(manifest.path("version").asString()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(manifest.has("permissions")).isFalse();
    assertThat(new String(entries.get("manifest.json"))).doesNotContain("@kring.");
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
