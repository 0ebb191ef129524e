package kring.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A data-subject request the operator runs from the command line, instead of starting Kring.
 *
 * @param task {@code export-person} or {@code erase-person}; empty to run Kring
 * @param person the person's account as Kring names it, {@code platform:space:user} (for example
 *     {@code slack:T0123:U0456})
 * @param out for an export, the file to write (readable by its owner only)
 */
@ConfigurationProperties("kring.operator")
public record OperatorSettings(String task, String person, Path out) {

  static final String EXPORT = "export-person";
  static final String ERASE = "erase-person";

  /** Whether the command line asks for an operator task rather than for Kring to run. */
  static boolean requested(String[] args) {
    for (String arg : args) {
      if (arg.startsWith("--kring.operator.task=")) {
        return true;
      }
    }
    return false;
  }
}
