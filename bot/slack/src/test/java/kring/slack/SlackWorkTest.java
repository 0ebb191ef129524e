package kring.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kring.testing.Eventually;
import org.junit.jupiter.api.Test;

class SlackWorkTest {

  @Test
  void closingLetsTheWorkAlreadyTakenFinishAndTakesNoMore() throws Exception {
    SlackWork work = new SlackWork(1, 2);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    work.execute(
        () -> {
          running.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          finished.incrementAndGet();
        });
    work.execute(finished::incrementAndGet);
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(work::close);
    Eventually.eventually(Duration.ofSeconds(10), () -> assertThat(work.isShutdown()).isTrue());
    assertThat(work.isTerminated()).isFalse();
    assertThatThrownBy(() -> work.execute(finished::incrementAndGet))
        .isInstanceOf(RejectedExecutionException.class);
    release.countDown();
    closing.get(10, TimeUnit.SECONDS);

    assertThat(finished).hasValue(2);
    assertThat(work.isTerminated()).isTrue();
  }

  @Test
  void whenEveryThreadAndPlaceInTheQueueIsTakenWorkIsRefusedAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (SlackWork work = new SlackWork(1, 1)) {
      Runnable blocked = () -> awaitQuietly(release);
      work.execute(blocked);
      work.execute(blocked);
      assertThatThrownBy(() -> work.execute(blocked))
          .isInstanceOf(RejectedExecutionException.class);
      release.countDown();
    }
  }

  @Test
  void workTakenWhileAnsweringIsHandedToTheThreadsOnceTheAnswerIsSent() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    try (SlackWork work = new SlackWork(1, 3)) {
      work.execute(() -> awaitQuietly(release));
      List<Integer> waitingWhileAnswering = new ArrayList<>();

      SlackWork.answering(
          () -> {
            work.execute(finished::incrementAndGet);
            work.execute(finished::incrementAndGet);
            waitingWhileAnswering.add(work.getQueue().size());
          });

      assertThat(waitingWhileAnswering).containsExactly(0);
      assertThat(work.getQueue()).hasSize(2);
      release.countDown();
      Eventually.eventually(Duration.ofSeconds(10), () -> assertThat(finished).hasValue(2));
    }
  }

  @Test
  void workTakenBeforeAnAnswerFailsStillRunsAndRoomIsCountedWhenTaken() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    try (SlackWork work = new SlackWork(1, 1)) {
      work.execute(() -> awaitQuietly(release));

      assertThatThrownBy(
              () ->
                  SlackWork.answering(
                      () -> {
                        work.execute(finished::incrementAndGet);
                        // Held, yet it takes the last place: nothing more is taken meanwhile.
                        assertThatThrownBy(() -> work.execute(finished::incrementAndGet))
                            .isInstanceOf(RejectedExecutionException.class);
                        throw new java.io.IOException("the connection went away");
                      }))
          .isInstanceOf(java.io.IOException.class);

      assertThat(work.getQueue()).hasSize(1);
      release.countDown();
      Eventually.eventually(Duration.ofSeconds(10), () -> assertThat(finished).hasValue(1));
    }
  }

  /** Waits for {@code release}: work that holds its thread until the test lets it go. */
  static void awaitQuietly(CountDownLatch release) {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
