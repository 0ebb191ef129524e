package kring.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessChromiumTest {

  private static final String PROPERTY = "kring.testing.headless-chromium-test";

  @TempDir Path dir;

  @Test
  void aConfiguredPathThatIsNoProgramIsRefusedWithTheSettingsName() throws IOException {
    Path notAProgram = file("chromium", "", "rw-------");
    System.setProperty(PROPERTY, notAProgram.toString());
    try {
      assertThatThrownBy(() -> HeadlessChromium.configuredOrOnPath(PROPERTY, List.of("chromium")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(PROPERTY)
          .hasMessageContaining("not a program");
    } finally {
      System.clearProperty(PROPERTY);
    }
  }

  @Test
  void aConfiguredProgramWinsAndWithoutOneThePathIsSearched() throws IOException {
    Path program = file("browser", "#!/bin/sh\n", "rwx------");
    System.setProperty(PROPERTY, program.toString());
    try {
      assertThat(HeadlessChromium.configuredOrOnPath(PROPERTY, List.of("sh"))).contains(program);
    } finally {
      System.clearProperty(PROPERTY);
    }
    assertThat(HeadlessChromium.configuredOrOnPath(PROPERTY, List.of("sh")))
        .hasValueSatisfying(sh -> assertThat(sh.getFileName()).hasToString("sh"));
    assertThat(HeadlessChromium.configuredOrOnPath(PROPERTY, List.of("no-such-program-x7")))
        .isEmpty();
  }

  private Path file(String name, String content, String permissions) throws IOException {
    Path file = Files.writeString(dir.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }
}
