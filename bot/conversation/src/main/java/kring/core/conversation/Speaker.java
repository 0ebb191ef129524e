package kring.core.conversation;

import kring.core.i18n.BidiControls;
import kring.core.identity.UserRef;

/**
 * The person who typed, clicked or submitted, as the platform names them.
 *
 * @param user their account
 * @param displayName their name on the platform (used only as a default in forms), without the
 *     characters that change the direction of the text around it ({@link BidiControls})
 */
public record Speaker(UserRef user, String displayName) {

  public Speaker {
    if (user == null) {
      throw new IllegalArgumentException("A speaker needs an account");
    }
    displayName = BidiControls.strip(displayName);
    displayName = displayName == null || displayName.isBlank() ? user.user() : displayName.strip();
    if (displayName.length() > 80) {
      displayName = displayName.substring(0, 80);
    }
  }
}
