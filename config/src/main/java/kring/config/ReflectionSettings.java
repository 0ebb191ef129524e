package kring.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import kring.core.reflection.Anonymity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reflection rounds.
 *
 * @param minAnswers how many partners must have answered a question before its answers are shown in
 *     a summary (KRING_REFLECTION_MIN_ANSWERS); never fewer than 3, because in a team of three to
 *     six anyone could tell who gave fewer. A case with fewer acting partners gets no round and is
 *     offered a named discussion instead.
 */
@Validated
@ConfigurationProperties("kring.reflection")
public record ReflectionSettings(
    @Min(
            value = Anonymity.MINIMUM,
            message =
                "set kring.reflection.min-answers (KRING_REFLECTION_MIN_ANSWERS) to at least 3:"
                    + " fewer answers would let partners tell who said what")
        @Max(
            value = Anonymity.MAXIMUM,
            message =
                "set kring.reflection.min-answers (KRING_REFLECTION_MIN_ANSWERS) to at most 40:"
                    + " more would hide every answer")
        @DefaultValue("3")
        int minAnswers) {

  Anonymity anonymity() {
    return new Anonymity(minAnswers);
  }
}
