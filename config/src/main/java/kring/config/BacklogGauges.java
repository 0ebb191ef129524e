package kring.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import kring.core.operations.Backlog;
import kring.core.operations.Backlog.CaseStage;
import kring.core.operations.Backlogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backlog as gauges. A scrape reads every gauge, but Redis is asked once per refresh interval,
 * whatever the number of gauges and scrapers; while Redis cannot be read the gauges are empty
 * (NaN), never stale numbers that look healthy.
 */
final class BacklogGauges {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);

  private final Backlogs backlogs;
  private final Clock clock;
  private final Duration refresh;
  private Backlog last;
  private long readAtNanos;

  BacklogGauges(Backlogs backlogs, Clock clock, Duration refresh, MeterRegistry registry) {
    this.backlogs = backlogs;
    this.clock = clock;
    this.refresh = refresh;
    gauge("kring.outbox.waiting", b -> b.outboxWaiting())
        .description("Messages in the outbox, waiting or being delivered")
        .register(registry);
    gauge("kring.outbox.overdue", b -> seconds(b.outboxOverdue()))
        .description("How long the outbox message that came due first has waited since")
        .baseUnit("seconds")
        .register(registry);
    gauge("kring.outbox.dead.letters", b -> b.deadLetters())
        .description("Dead letters kept (the newest 1000)")
        .register(registry);
    gauge("kring.prompts.due.cases", b -> b.casesWithPromptsDue())
        .description("Cases with a scheduled prompt that came due and is not taken yet")
        .register(registry);
    gauge("kring.prompts.overdue", b -> seconds(b.promptsOverdue()))
        .description("How long the scheduled prompt that came due first has waited since")
        .baseUnit("seconds")
        .register(registry);
    for (CaseStage stage : CaseStage.values()) {
      gauge("kring.cases", b -> b.cases().getOrDefault(stage, 0L))
          .description("Cases by stage: open, quiet (asked whether to close), closed, erased")
          .tag("stage", MicrometerMeters.tag(stage))
          .register(registry);
    }
  }

  private Gauge.Builder<BacklogGauges> gauge(String name, ToDoubleFunction<Backlog> read) {
    return Gauge.builder(name, this, g -> g.value(read));
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / (double) TimeUnit.SECONDS.toNanos(1);
  }

  private double value(ToDoubleFunction<Backlog> read) {
    Backlog backlog = current();
    return backlog == null ? Double.NaN : read.applyAsDouble(backlog);
  }

  private synchronized Backlog current() {
    long now = System.nanoTime();
    if (last == null || now - readAtNanos >= refresh.toNanos()) {
      try {
        Instant at = clock.instant();
        last = backlogs.read(at);
      } catch (RuntimeException e) {
        LOG.warn("Kring's backlog cannot be read from Redis now: {}", e.toString());
        last = null;
      }
      readAtNanos = now;
    }
    return last;
  }
}
