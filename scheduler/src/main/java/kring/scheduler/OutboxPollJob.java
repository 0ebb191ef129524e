package kring.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz job that wakes the outbox every few seconds, for retries that came due and for messages
 * another node wrote. It only wakes the dispatcher; the work happens on the outbox thread.
 */
@DisallowConcurrentExecution
public final class OutboxPollJob implements Job {

  /** The job data key under which the dispatcher travels (the job store is in memory). */
  public static final String DISPATCHER = "dispatcher";

  @Override
  public void execute(JobExecutionContext context) {
    ((OutboxDispatcher) context.getMergedJobDataMap().get(DISPATCHER)).wake();
  }
}
