package kring.core.conversation;

import kring.testing.CapturedLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every scheduled-prompt test again with the log captured at its finest: prompts sent, moved and
 * dropped leave no person's account id or name in the log.
 */
class ScheduledPromptsLoggingTest extends ScheduledPromptsTest {

  @RegisterExtension static final CapturedLog log = new CapturedLog();

  @AfterAll
  static void noPersonReachedTheLog() {
    log.assertHoldsNoneOf(
        ANNA.user().key(), BERT.user().key(), ANNA.displayName(), BERT.displayName());
  }
}
