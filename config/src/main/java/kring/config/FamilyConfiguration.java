package kring.config;

import kring.core.conversation.KringConversation;
import kring.core.conversation.family.FamilyDesk;
import kring.family.FamilyWeb;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The private page of a represented pupil or parent, served under Kring's own address whatever
 * platform runs (its link comes from {@code stemlink} / {@code voicelink}).
 */
@Configuration(proxyBeanMethods = false)
@Import(FamilyWeb.class)
class FamilyConfiguration {

  @Bean
  FamilyDesk familyDesk(KringConversation conversation) {
    return conversation.family();
  }
}
