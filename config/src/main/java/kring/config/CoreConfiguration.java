package kring.config;

import java.time.Clock;
import java.util.SplittableRandom;
import kring.core.cases.CaseCodes;
import kring.core.cases.Cases;
import kring.core.conversation.Conversation;
import kring.core.conversation.DeliveryProblems;
import kring.core.conversation.KringConversation;
import kring.core.identity.People;
import kring.core.outbox.Messenger;
import kring.core.outbox.Outbox;
import kring.core.outbox.OutboxRelay;
import kring.scheduler.OutboxDispatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The core: the conversation every adapter calls, and the outbox relay behind it. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

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
      People people) {
    return new OutboxRelay(
        outbox,
        messengers.orderedStream().toList(),
        clock,
        new SplittableRandom(),
        new DeliveryProblems(cases, people, outbox, clock));
  }

  @Bean(destroyMethod = "close")
  OutboxDispatcher outboxDispatcher(OutboxRelay relay) {
    return new OutboxDispatcher(relay);
  }

  @Bean
  Conversation conversation(
      Cases cases, People people, Outbox outbox, Clock clock, OutboxDispatcher dispatcher) {
    return new KringConversation(
        cases, people, outbox, CaseCodes.secure(), clock, dispatcher::wake);
  }
}
