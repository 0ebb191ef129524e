package kring.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {

  @Test
  void idsWrittenTogetherSortInTheOrderWrittenAndNeverRepeat() {
    Supplier<String> together = OutboundMessage.idsInOrder();
    List<String> written = Stream.generate(together).limit(1_200).toList();

    assertThat(written).isSorted().doesNotHaveDuplicates();
    assertThat(OutboundMessage.idsInOrder().get()).isNotIn(written);
  }
}
