package kring.config;

import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import kring.core.cases.CaseCodes;
import kring.core.cases.Cases;
import kring.core.conversation.DeliveryProblems;
import kring.core.conversation.KringConversation;
import kring.core.conversation.ScheduledPrompts;
import kring.core.conversation.family.FamilyLinks;
import kring.core.identity.People;
import kring.core.operations.Meters;
import kring.core.outbox.Messenger;
import kring.core.outbox.Outbox;
import kring.core.outbox.OutboxRelay;
import kring.core.outbox.Places;
import kring.core.outbox.Retractions;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.store.CaseStore;
import kring.logging.LogGuard;
import kring.scheduler.clock.Drainer;
import kring.scheduler.planning.DuePrompts;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.PromptBudget;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The core: the conversation every adapter calls, and the outbox relay behind it. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

  /**
   * The guard that keeps private data out of the log, for every platform; Slack and Teams add their
   * secrets to it. Set up here, after Spring Boot configured logging, which would have removed it.
   */
  @Bean
  LogGuard logGuard() {
    return LogGuard.install(List.of());
  }

  @Bean
  Clock clock(KringSettings settings) {
    return Clock.system(settings.timeZone());
  }

  @Bean
  OutboxRelay outboxRelay(
      Outbox outbox,
      ObjectProvider<Messenger> messengers,
      Clock clock,
      Cases cases,
      People people,
      Retractions retractions,
      Places places,
      CaseStore store,
      Meters meters) {
    DeliveryProblems problems = new DeliveryProblems(cases, people, outbox, clock, store);
    return new OutboxRelay(
            outbox,
            messengers.orderedStream().toList(),
            clock,
            new SplittableRandom(),
            problems,
            problems,
            retractions)
        .countingWith(meters)
        .showingIn(places);
  }

  @Bean(destroyMethod = "close")
  Drainer outboxDrainer(OutboxRelay relay, ObjectProvider<PollGate> gate) {
    return PollGate.drainer("outbox", relay::deliverDue, gate);
  }

  @Bean
  Planner planner(Clock clock, ReflectionSettings reflection) {
    return new Planner(clock.getZone(), reflection.anonymity());
  }

  @Bean
  ScheduledPrompts scheduledPrompts(
      Cases cases,
      People people,
      DuePrompts due,
      Outbox outbox,
      Planner planner,
      PromptBudget budget,
      Clock clock,
      Drainer outboxDrainer,
      RetentionIndex retention,
      CaseStore store) {
    return new ScheduledPrompts(
        cases, people, due, outbox, planner, budget, clock, outboxDrainer::wake, retention, store);
  }

  @Bean(destroyMethod = "close")
  Drainer promptDrainer(ScheduledPrompts prompts, ObjectProvider<PollGate> gate) {
    return PollGate.drainer("prompts", prompts::runDue, gate);
  }

  @Bean
  KringConversation conversation(
      Cases cases,
      People people,
      Outbox outbox,
      Clock clock,
      Drainer outboxDrainer,
      ScheduledPrompts prompts,
      Erasure erasure,
      RetentionIndex retention,
      CaseStore store,
      FamilyLinks familyLinks,
      KringSettings settings,
      Environment environment) {
    return new KringConversation(
        cases,
        people,
        outbox,
        CaseCodes.secure(),
        clock,
        outboxDrainer::wake,
        prompts,
        erasure,
        retention,
        store,
        familyLinks,
        // The server's own port is known once it listens (the playground on a free port).
        () ->
            settings.publicUrlOr(
                environment.getProperty(
                    "local.server.port",
                    Integer.class,
                    environment.getProperty("server.port", Integer.class, 8080))));
  }
}
