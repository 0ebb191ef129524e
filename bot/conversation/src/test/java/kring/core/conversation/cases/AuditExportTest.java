package kring.core.conversation.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The case's summary with its audit trail, as the coordinator exports it. */
class AuditExportTest {

  @Test
  void aLongExportIsSplitIntoPartsEveryPlatformAccepts() {
    String markdown = "- a line of the audit trail\n".repeat(2000);

    List<String> parts = AuditExport.split(markdown);

    assertThat(parts).allMatch(p -> p.length() <= AuditExport.PART);
    assertThat(String.join("\n", parts).lines().count()).isEqualTo(2000);
  }
}
