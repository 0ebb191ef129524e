package kring.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AfterAcknowledgementTest {

  @Test
  void itHasRoomForAFixedNumberOfActivitiesAndRefusesMoreWithoutWaiting() {
    List<Runnable> held = new ArrayList<>();
    AfterAcknowledgement work = new AfterAcknowledgement(2, held::add);

    assertThat(work.reserve()).isTrue();
    work.run(() -> {});
    assertThat(work.reserve()).isTrue();
    assertThat(work.reserve()).isFalse();
    work.cancel();
    assertThat(work.reserve()).isTrue();
    work.run(() -> {});
    assertThat(work.reserve()).isFalse();

    held.remove(0).run();
    assertThat(work.reserve()).isTrue();
  }

  @Test
  void theWorkRunsOnItsOwnThreadsAndAFailureStillGivesItsRoomBack() throws Exception {
    try (AfterAcknowledgement work = AfterAcknowledgement.threads(1, 0)) {
      AtomicReference<String> ranOn = new AtomicReference<>();
      assertThat(work.reserve()).isTrue();
      work.run(
          () -> {
            ranOn.set(Thread.currentThread().getName());
            throw new IllegalStateException("a failing turn");
          });

      assertThat(work.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(ranOn.get())
          .startsWith("kring-teams-")
          .isNotEqualTo(Thread.currentThread().getName());
      assertThat(work.reserve()).isTrue();
    }
  }

  @Test
  void closingLetsTheWorkAlreadyTakenFinish() throws Exception {
    AfterAcknowledgement work = AfterAcknowledgement.threads(1, 2);
    CountDownLatch first = new CountDownLatch(1);
    AtomicInteger done = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThat(work.reserve()).isTrue();
      work.run(
          () -> {
            try {
              first.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            done.incrementAndGet();
          });
    }

    Thread closing = new Thread(work::close);
    closing.start();
    first.countDown();
    closing.join();

    assertThat(done).hasValue(3);
    assertThat(work.awaitIdle(Duration.ZERO)).isTrue();
  }

  @Test
  void anExecutorThatRefusesGivesTheRoomBack() {
    AfterAcknowledgement work =
        new AfterAcknowledgement(
            1,
            job -> {
              throw new RejectedExecutionException("shut down");
            });

    assertThat(work.reserve()).isTrue();
    assertThatThrownBy(() -> work.run(() -> {})).isInstanceOf(RejectedExecutionException.class);
    assertThat(work.reserve()).isTrue();
  }
}
