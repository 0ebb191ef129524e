package kring.slack;

import com.slack.api.model.view.ViewState;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kring.core.reply.Form;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a Kring modal carries in its {@code private_metadata}: the channel the form belongs to, the
 * form's hidden values and the names of its inputs. Slack hands it back unchanged with the signed
 * submission; on reading, only the named inputs are taken from the person's answers and the hidden
 * values always win, so no answer can pose as a hidden value.
 *
 * @param channel the channel id the form was opened in
 * @param hidden the form's hidden values
 * @param inputs the names of the form's inputs
 */
record ModalMetadata(String channel, Map<String, String> hidden, List<String> inputs) {

  /** The action id of every input element; the block id is the input's name. */
  static final String VALUE = "value";

  /** Slack's limit on private_metadata. */
  static final int LIMIT = 3000;

  private static final JsonMapper JSON = JsonMapper.shared();

  ModalMetadata {
    hidden = Collections.unmodifiableSortedMap(new TreeMap<>(hidden));
    inputs = List.copyOf(inputs);
  }

  static ModalMetadata of(String channel, Form form) {
    return new ModalMetadata(
        channel, form.hidden(), form.inputs().stream().map(Form.Input::name).toList());
  }

  String write() {
    String written = JSON.writeValueAsString(this);
    if (written.length() > LIMIT) {
      throw new IllegalArgumentException(
          "A form's hidden values must stay short; Slack keeps only " + LIMIT + " characters");
    }
    return written;
  }

  static Optional<ModalMetadata> read(String written) {
    if (written == null || written.isBlank() || written.length() > LIMIT) {
      return Optional.empty();
    }
    try {
      ModalMetadata metadata = JSON.readValue(written, ModalMetadata.class);
      return metadata.channel() == null ? Optional.empty() : Optional.of(metadata);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** The submitted values: the form's own inputs, then its hidden values on top. */
  Map<String, String> values(ViewState state) {
    Map<String, String> values = new HashMap<>();
    Map<String, Map<String, ViewState.Value>> answers =
        state == null || state.getValues() == null ? Map.of() : state.getValues();
    for (String name : inputs) {
      Map<String, ViewState.Value> input = answers.get(name);
      ViewState.Value answer = input == null ? null : input.get(VALUE);
      if (answer == null) {
        continue;
      }
      String value;
      if (answer.getSelectedOptions() != null) {
        value =
            answer.getSelectedOptions().stream()
                .map(ViewState.SelectedOption::getValue)
                .filter(Objects::nonNull)
                .collect(Collectors.joining(Form.SEPARATOR));
      } else if (answer.getSelectedOption() != null) {
        value = answer.getSelectedOption().getValue();
      } else {
        value = answer.getValue();
      }
      if (value != null) {
        values.put(name, value);
      }
    }
    values.putAll(hidden);
    return values;
  }
}
