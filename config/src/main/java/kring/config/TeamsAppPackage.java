package kring.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The zip a Teams admin uploads, made for one bot: its manifest carries the Microsoft App ID Kring
 * runs with ({@code KRING_TEAMS_APP_ID}), so that Teams sends the app's activities to this bot.
 * Without an app id there is no package, and the refusal names the setting to give.
 *
 * <pre>java -jar kring.jar --kring.teams.app-package=kring-teams-app.zip</pre>
 */
final class TeamsAppPackage {

  /** The command-line option that asks for the package, with the file to write. */
  static final String OPTION = "kring.teams.app-package";

  /** Where the build puts the manifest, its translation and the icons on the class path. */
  static final String TEMPLATE = "kring/teams-app/";

  /** Where the manifest takes the bot id. */
  static final String BOT_ID = "{{kring.teams.bot-id}}";

  static final List<String> FILES = List.of("manifest.json", "en.json", "color.png", "outline.png");

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private TeamsAppPackage() {}

  /** Whether the command line asks for the package. */
  static boolean requested(String[] args) {
    return new SimpleCommandLinePropertySource(args).containsProperty(OPTION);
  }

  /**
   * Writes the package the command line asks for, with the app id from the settings Kring runs with
   * (the environment, then the command line), and says what it did.
   *
   * @return the exit status: 0 when the package is written, 2 when it was not
   */
  static int run(String[] args, ConfigurableEnvironment environment, PrintStream out) {
    environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    Binder settings = Binder.get(environment);
    String target = settings.bind(OPTION, String.class).orElse("").strip();
    String appId = settings.bind("kring.teams.app-id", String.class).orElse("");
    try {
      Path zip = write(appId, Path.of(target.isEmpty() ? "kring-teams-app.zip" : target));
      out.println("Teams app package for bot " + botId(appId) + " written to " + zip);
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      out.println(e.getMessage());
      return 2;
    }
  }

  static int run(String[] args) {
    return run(args, new StandardEnvironment(), System.out);
  }

  /**
   * Writes the package for the bot with this Microsoft App ID, whole or not at all.
   *
   * @throws IllegalArgumentException when the app id is missing or no GUID, saying which setting to
   *     give
   */
  static Path write(String appId, Path zip) {
    String id = botId(appId);
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "No Teams app package: set KRING_TEAMS_APP_ID (kring.teams.app-id) to the bot's"
              + " Microsoft App ID from its Azure Bot registration.");
    }
    if (!GUID.matcher(id).matches() || id.replace("-", "").chars().allMatch(c -> c == '0')) {
      throw new IllegalArgumentException(
          "No Teams app package: KRING_TEAMS_APP_ID (kring.teams.app-id) must be the bot's"
              + " Microsoft App ID, a GUID like 1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d.");
    }
    Path absolute = zip.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path partial = Files.createTempFile(absolute.getParent(), ".kring-teams-app", ".zip");
      try {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
          for (String name : FILES) {
            out.putNextEntry(new ZipEntry(name));
            byte[] bytes = template(name);
            if (name.equals("manifest.json")) {
              bytes =
                  new String(bytes, StandardCharsets.UTF_8)
                      .replace(BOT_ID, id)
                      .getBytes(StandardCharsets.UTF_8);
            }
            out.write(bytes);
            out.closeEntry();
          }
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
      return absolute;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Teams app package to " + absolute, e);
    }
  }

  private static String botId(String appId) {
    return appId == null ? "" : appId.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] template(String name) throws IOException {
    try (InputStream in =
        TeamsAppPackage.class.getClassLoader().getResourceAsStream(TEMPLATE + name)) {
      if (in == null) {
        throw new IllegalStateException("The build did not put " + TEMPLATE + name + " in Kring");
      }
      return in.readAllBytes();
    }
  }
}
