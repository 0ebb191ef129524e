package kring.scheduler.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

class DrainerTest {

  @Test
  void manyWakeUpsDuringARunCauseOneMoreRunNotMany() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Worker worker = new Worker();
    try (Drainer drainer =
        new Drainer(
            "test",
            () -> {
              runs.incrementAndGet();
              running.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            worker)) {
      drainer.wake();
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        drainer.wake();
      }
      release.countDown();
      worker.awaitEverythingHandedSoFar();
      assertThat(runs.get()).isEqualTo(2);
    }
  }

  @Test
  void aFailingRunDoesNotStopLaterOnes() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch second = new CountDownLatch(1);
    Worker worker = new Worker();
    try (Drainer drainer =
        new Drainer(
            "test",
            () -> {
              if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("Redis is down");
              }
              second.countDown();
            },
            worker)) {
      drainer.wake();
      worker.awaitEverythingHandedSoFar();
      assertThat(runs.get()).as("the failed run is over").isEqualTo(1);
      drainer.wake();
      assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** One thread, as the drainer's own, that can tell when all the work handed to it has run. */
  private static final class Worker extends ThreadPoolExecutor {

    Worker() {
      super(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    }

    /** Runs a marker after everything queued so far, and waits for it. */
    void awaitEverythingHandedSoFar() throws Exception {
      submit(() -> {}).get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aQuartzWakeJobWakesItsDrainerAndAFreshSchedulerDoesTheSame() throws Exception {
    for (int life = 1; life <= 2; life++) {
      CountDownLatch woken = new CountDownLatch(2);
      try (Drainer drainer = new Drainer("test", woken::countDown)) {
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("org.quartz.scheduler.instanceName", "test-" + life);
        settings.setProperty("org.quartz.threadPool.threadCount", "1");
        settings.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        Scheduler quartz = new StdSchedulerFactory(settings).getScheduler();
        quartz.scheduleJob(
            JobBuilder.newJob(WakeJob.class)
                .usingJobData(new JobDataMap(java.util.Map.of(WakeJob.DRAINER, drainer)))
                .build(),
            TriggerBuilder.newTrigger()
                .withSchedule(
                    SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(Duration.ofMillis(100).toMillis())
                        .repeatForever())
                .build());
        quartz.start();
        try {
          assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
          quartz.shutdown(true);
        }
      }
    }
  }
}
