package kring.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import kring.core.conversation.DataSubjects;
import kring.core.identity.UserRef;
import kring.json.KringJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Runs the operator's data-subject request given on the command line: exports everything Kring
 * holds about one person to a file only its owner can read, or forgets them in every case (each
 * case's channel is told). The log says what was done, never about whom.
 */
final class OperatorTask implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorTask.class);

  private final OperatorSettings settings;
  private final DataSubjects subjects;

  OperatorTask(OperatorSettings settings, DataSubjects subjects) {
    this.settings = settings;
    this.subjects = subjects;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    UserRef person = person();
    switch (settings.task()) {
      case OperatorSettings.EXPORT -> export(person);
      case OperatorSettings.ERASE -> {
        int cases = subjects.erase(person);
        LOG.info("Operator erasure done: the person was taken out of {} case(s)", cases);
      }
      default ->
          throw new IllegalArgumentException(
              "kring.operator.task must be "
                  + OperatorSettings.EXPORT
                  + " or "
                  + OperatorSettings.ERASE);
    }
  }

  private UserRef person() {
    try {
      return UserRef.parse(settings.person() == null ? "" : settings.person());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "kring.operator.person must name an account as platform:space:user,"
              + " like slack:T0123:U0456",
          e);
    }
  }

  private void export(UserRef person) {
    Path out = settings.out();
    if (out == null) {
      throw new IllegalArgumentException(
          "kring.operator.out must name the file to write the export to");
    }
    try {
      Files.deleteIfExists(out);
      Files.createFile(
          out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          out,
          KringJson.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(subjects.export(person)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the export to " + out, e);
    }
    LOG.info("Operator export written to {}", out.toAbsolutePath());
  }
}
