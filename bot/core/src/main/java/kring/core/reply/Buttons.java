package kring.core.reply;

import java.util.List;
import kring.core.i18n.BidiControls;

/** A row of buttons. */
public record Buttons(List<Button> buttons) implements Block {

  public Buttons {
    buttons = List.copyOf(buttons);
  }

  /**
   * A button; pressing it sends its action and value back to the core.
   *
   * @param label what it says
   * @param action what it does, for example {@code agreement.confirm}
   * @param value what it does it to, for example {@code K-7F3Q:2}
   * @param primary whether it is the main thing to do
   */
  public record Button(String label, String action, String value, boolean primary) {

    public Button {
      label = BidiControls.strip(label);
    }
  }
}
