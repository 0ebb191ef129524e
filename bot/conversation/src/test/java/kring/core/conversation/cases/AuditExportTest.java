package kring.core.conversation.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import kring.core.reply.Document;
import org.junit.jupiter.api.Test;

/** The case's summary with its audit trail, as the coordinator exports it. */
class AuditExportTest {

  @Test
  void anExportBeyondADocumentsSizeIsCutAtALineEnd() {
    String markdown = "| 1 Dec 2026 10:00 | P2, zorgcoördinator | a line |\n".repeat(20_000);

    String kept = AuditExport.bounded(markdown);

    assertThat(kept.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Document.MAX_BYTES);
    assertThat(kept).endsWith("|\n…\n");
    new Document("export.md", Document.MARKDOWN, kept);
  }

  @Test
  void anExportWithinADocumentsSizeIsKeptWhole() {
    String markdown = "# Case\n\n- a line\n";

    assertThat(AuditExport.bounded(markdown)).isEqualTo(markdown);
  }
}
