package kring.scheduler.clock;

import java.util.Map;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quartz, the clock: what wakes when. Quartz holds no state of its own that matters: what is due
 * lives in Redis, so a node that restarts, or whose Quartz is wiped, loses nothing.
 *
 * <p>Misfire policy, for both triggers: a missed wake-up (a long pause, a busy node) is not made
 * up. The next one, at its normal time, takes everything that came due meanwhile, so catching up
 * would only stack identical runs; a prompt that waited too long is dropped by its own validity
 * window, not by Quartz.
 *
 * <p>The application names the drainers these jobs wake ({@code outboxDrainer}, {@code
 * promptDrainer}, {@code retentionDrainer}, {@code retractionDrainer}, {@code wakeRepairDrainer});
 * Spring Boot's Quartz support starts the scheduler with the jobs and triggers declared here.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

  /** How often every node looks for outbox messages that came due (retries, other nodes). */
  static final int OUTBOX_POLL_SECONDS = 2;

  /** How often every node claims the prompts that came due. */
  static final int PROMPT_POLL_SECONDS = 30;

  /**
   * How often every node looks for cases due for erasure, a question or closing: retention counts
   * in months, but an erasure two partners confirmed is due within minutes.
   */
  static final int RETENTION_POLL_SECONDS = 60;

  /**
   * How often every node looks for messages of erased cases to delete on the platforms: each run
   * deletes a small batch, within what the platforms allow.
   */
  static final int RETRACTION_POLL_SECONDS = 15;

  /**
   * How often every node rebuilds the pollers' index of due cases from the cases' own keys: an
   * entry is lost only when a node dies between writing a case's prompts and the index.
   */
  static final int WAKE_REPAIR_SECONDS = 600;

  @Bean
  JobDetail wakeRepairJob(Drainer wakeRepairDrainer) {
    return wakeJob("wake-repair", wakeRepairDrainer);
  }

  @Bean
  Trigger wakeRepairTrigger(JobDetail wakeRepairJob) {
    return every(wakeRepairJob, WAKE_REPAIR_SECONDS);
  }

  @Bean
  JobDetail outboxPollJob(Drainer outboxDrainer) {
    return wakeJob("outbox-poll", outboxDrainer);
  }

  @Bean
  Trigger outboxPollTrigger(JobDetail outboxPollJob) {
    return every(outboxPollJob, OUTBOX_POLL_SECONDS);
  }

  @Bean
  JobDetail promptPollJob(Drainer promptDrainer) {
    return wakeJob("prompt-poll", promptDrainer);
  }

  @Bean
  Trigger promptPollTrigger(JobDetail promptPollJob) {
    return every(promptPollJob, PROMPT_POLL_SECONDS);
  }

  @Bean
  JobDetail retentionPollJob(Drainer retentionDrainer) {
    return wakeJob("retention-poll", retentionDrainer);
  }

  @Bean
  Trigger retentionPollTrigger(JobDetail retentionPollJob) {
    return every(retentionPollJob, RETENTION_POLL_SECONDS);
  }

  @Bean
  JobDetail retractionPollJob(Drainer retractionDrainer) {
    return wakeJob("retraction-poll", retractionDrainer);
  }

  @Bean
  Trigger retractionPollTrigger(JobDetail retractionPollJob) {
    return every(retractionPollJob, RETRACTION_POLL_SECONDS);
  }

  private static JobDetail wakeJob(String name, Drainer drainer) {
    return JobBuilder.newJob(WakeJob.class)
        .withIdentity(name, "kring")
        .usingJobData(new JobDataMap(Map.of(WakeJob.DRAINER, drainer)))
        .storeDurably()
        .build();
  }

  private static Trigger every(JobDetail job, int seconds) {
    return TriggerBuilder.newTrigger()
        .forJob(job)
        .withIdentity(job.getKey().getName(), "kring")
        .withSchedule(
            SimpleScheduleBuilder.repeatSecondlyForever(seconds)
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
