package kring.core.conversation;

import java.util.Optional;
import kring.core.cases.CaseCode;
import kring.core.reply.Form;

/**
 * What the adapter must do inside the request, after the core has already written every message to
 * the outbox: open a form, show a form again with its errors, close the form, or nothing.
 *
 * @param form the form to open or show again, or null
 * @param closeForm whether a submitted form is done and may close
 * @param caseCode the case the form belongs to, or null: a message the adapter posts to offer the
 *     form belongs to that case too, and is deleted with it
 */
public record Outcome(Form form, boolean closeForm, CaseCode caseCode) {

  public static final Outcome NOTHING = new Outcome(null, false, null);
  public static final Outcome FORM_DONE = new Outcome(null, true, null);

  public static Outcome open(Form form) {
    return new Outcome(form, false, null);
  }

  /** This outcome as belonging to a case, when it opens a form. */
  Outcome inCase(CaseCode code) {
    return form == null ? this : new Outcome(form, closeForm, code);
  }

  public Optional<Form> formToShow() {
    return Optional.ofNullable(form);
  }
}
