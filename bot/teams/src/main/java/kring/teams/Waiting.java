package kring.teams;

import kring.core.reply.Form;
import kring.core.reply.Reply;

/**
 * Private content parked for one person until they open it in a dialog: a message or a form.
 *
 * @param person the key of the only person who may open it
 * @param channel the key of the case channel it belongs to
 * @param reply the message, or null
 * @param form the form, or null
 */
record Waiting(String person, String channel, Reply reply, Form form) {

  Waiting {
    if ((reply == null) == (form == null)) {
      throw new IllegalArgumentException("Waiting content is either a message or a form");
    }
  }
}
