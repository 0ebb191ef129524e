package kring.core.reply;

import java.util.ArrayList;
import java.util.List;

/** A message from Kring, made of blocks, in one language. */
public record Reply(List<Block> blocks) {

  public Reply {
    if (blocks == null || blocks.isEmpty()) {
      throw new IllegalArgumentException("A reply needs at least one block");
    }
    blocks = List.copyOf(blocks);
  }

  public static Reply text(String text) {
    return new Reply(List.of(new Text(text, Text.Style.PLAIN)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The words of the reply in one line, for notifications and plain-text fallbacks. */
  public String summary() {
    for (Block block : blocks) {
      if (block instanceof Text text) {
        return text.text();
      }
    }
    return "";
  }

  /** Builds a reply block by block. */
  public static final class Builder {
    private final List<Block> blocks = new ArrayList<>();
    private final List<Buttons.Button> buttons = new ArrayList<>();
    private final List<Fields.Field> fields = new ArrayList<>();

    public Builder heading(String text) {
      return add(new Text(text, Text.Style.HEADING));
    }

    public Builder text(String text) {
      return add(new Text(text, Text.Style.PLAIN));
    }

    public Builder note(String text) {
      return add(new Text(text, Text.Style.NOTE));
    }

    public Builder warning(String text) {
      return add(new Text(text, Text.Style.WARNING));
    }

    public Builder chart(Chart chart) {
      return add(chart);
    }

    public Builder document(Document document) {
      return add(document);
    }

    public Builder field(String label, String value) {
      flushButtons();
      fields.add(new Fields.Field(label, value));
      return this;
    }

    public Builder button(String label, String action, String value) {
      flushFields();
      buttons.add(new Buttons.Button(label, action, value, false));
      return this;
    }

    public Builder primary(String label, String action, String value) {
      flushFields();
      buttons.add(new Buttons.Button(label, action, value, true));
      return this;
    }

    /** Adds the blocks of a reply built before; buttons added next join its last row of buttons. */
    public Builder blocks(List<Block> earlier) {
      flushFields();
      flushButtons();
      List<Block> copy = new ArrayList<>(earlier);
      if (!copy.isEmpty() && copy.get(copy.size() - 1) instanceof Buttons last) {
        copy.remove(copy.size() - 1);
        buttons.addAll(last.buttons());
      }
      blocks.addAll(copy);
      return this;
    }

    public Reply build() {
      flushFields();
      flushButtons();
      return new Reply(blocks);
    }

    private Builder add(Block block) {
      flushFields();
      flushButtons();
      blocks.add(block);
      return this;
    }

    private void flushFields() {
      if (!fields.isEmpty()) {
        blocks.add(new Fields(fields));
        fields.clear();
      }
    }

    private void flushButtons() {
      if (!buttons.isEmpty()) {
        blocks.add(new Buttons(buttons));
        buttons.clear();
      }
    }
  }
}
