package kring.core.reply;

import java.util.List;
import kring.core.i18n.BidiControls;

/** Label and value pairs, such as the lines of the who-does-what card. */
public record Fields(List<Field> fields) implements Block {

  public Fields {
    fields = List.copyOf(fields);
  }

  /**
   * One label and its value.
   *
   * @param label what it is
   * @param value its value
   */
  public record Field(String label, String value) {

    public Field {
      label = BidiControls.strip(label);
      value = BidiControls.strip(value);
    }
  }
}
