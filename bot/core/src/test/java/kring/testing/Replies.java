package kring.testing;

import kring.core.reply.Block;
import kring.core.reply.Buttons;
import kring.core.reply.Document;
import kring.core.reply.Fields;
import kring.core.reply.Reply;
import kring.core.reply.Text;

/** Reads a reply as the words a person sees, for assertions about what Kring says. */
public final class Replies {

  private Replies() {}

  /**
   * Every text, field ("label: value") and button ("[label]") of a reply, one per line, and a
   * document's name ("[name]") followed by its text.
   */
  public static String words(Reply reply) {
    StringBuilder all = new StringBuilder();
    for (Block block : reply.blocks()) {
      if (block instanceof Text text) {
        all.append(text.text()).append('\n');
      } else if (block instanceof Fields fields) {
        fields
            .fields()
            .forEach(f -> all.append(f.label()).append(": ").append(f.value()).append('\n'));
      } else if (block instanceof Buttons buttons) {
        buttons.buttons().forEach(b -> all.append('[').append(b.label()).append("]\n"));
      } else if (block instanceof Document document) {
        all.append('[').append(document.fileName()).append("]\n").append(document.text());
      }
    }
    return all.toString();
  }
}
