package kring.config;

import java.util.Map;
import kring.scheduler.OutboxDispatcher;
import kring.scheduler.OutboxPollJob;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Quartz, the clock: what runs when. Nothing here holds state that Redis does not hold. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

  /** How often every node looks for outbox messages that came due (retries, other nodes). */
  static final int OUTBOX_POLL_SECONDS = 2;

  @Bean
  JobDetail outboxPollJob(OutboxDispatcher dispatcher) {
    return JobBuilder.newJob(OutboxPollJob.class)
        .withIdentity("outbox-poll", "kring")
        .usingJobData(new JobDataMap(Map.of(OutboxPollJob.DISPATCHER, dispatcher)))
        .storeDurably()
        .build();
  }

  /**
   * Misfire policy: a poll missed (a long pause, a busy node) is not made up; the next one at its
   * normal time drains everything that came due meanwhile, so catching up would only stack
   * identical polls.
   */
  @Bean
  Trigger outboxPollTrigger(JobDetail outboxPollJob) {
    return TriggerBuilder.newTrigger()
        .forJob(outboxPollJob)
        .withIdentity("outbox-poll", "kring")
        .withSchedule(
            SimpleScheduleBuilder.repeatSecondlyForever(OUTBOX_POLL_SECONDS)
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
