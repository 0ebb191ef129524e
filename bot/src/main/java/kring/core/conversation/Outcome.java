package kring.core.conversation;

import java.util.Optional;
import kring.core.reply.Form;

/**
 * What the adapter must do inside the request, after the core has already written every message to
 * the outbox: open a form, show a form again with its errors, close the form, or nothing.
 *
 * @param form the form to open or show again, or null
 * @param closeForm whether a submitted form is done and may close
 */
public record Outcome(Form form, boolean closeForm) {

  public static final Outcome NOTHING = new Outcome(null, false);
  public static final Outcome FORM_DONE = new Outcome(null, true);

  public static Outcome open(Form form) {
    return new Outcome(form, false);
  }

  public Optional<Form> formToShow() {
    return Optional.ofNullable(form);
  }
}
