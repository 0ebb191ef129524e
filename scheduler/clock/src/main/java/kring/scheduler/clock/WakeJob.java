package kring.scheduler.clock;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz job that wakes a {@link Drainer}: the outbox every few seconds (retries that came due,
 * messages another node wrote), the due prompts every half minute. It holds no state: what is due
 * lives in Redis, so wiping or restarting Quartz loses nothing.
 */
@DisallowConcurrentExecution
public final class WakeJob implements Job {

  /** The job data key under which the drainer travels (the job store is in memory). */
  public static final String DRAINER = "drainer";

  @Override
  public void execute(JobExecutionContext context) {
    ((Drainer) context.getMergedJobDataMap().get(DRAINER)).wake();
  }
}
