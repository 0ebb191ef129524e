package kring.scheduler.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
            })) {
      drainer.wake();
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        drainer.wake();
      }
      release.countDown();
      Thread.sleep(300);
      assertThat(runs.get()).isEqualTo(2);
    }
  }

  @Test
  void aFailingRunDoesNotStopLaterOnes() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch second = new CountDownLatch(2);
    try (Drainer drainer =
        new Drainer(
            "test",
            () -> {
              second.countDown();
              if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("Redis is down");
              }
            })) {
      drainer.wake();
      Thread.sleep(200);
      drainer.wake();
      assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
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
