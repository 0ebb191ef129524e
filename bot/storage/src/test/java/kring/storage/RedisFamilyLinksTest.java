package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import kring.core.cases.CaseCode;
import kring.core.consent.InfoKind;
import kring.core.conversation.family.FamilyLinks.Link;
import kring.core.conversation.family.FamilyTokens;
import kring.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisFamilyLinksTest {

  @RegisterExtension static final TestRedis REDIS = TestRedis.machine();

  static final CaseCode CODE = new CaseCode("K-7F3Q");
  final Instant now = Instant.now();
  final RedisFamilyLinks links =
      new RedisFamilyLinks(REDIS.client(), REDIS.keys(), Clock.fixed(now, ZoneOffset.UTC));

  Link link(String token) {
    return new Link(
        CODE,
        4,
        2,
        FamilyTokens.sha256(token),
        now.plus(Duration.ofDays(14)),
        List.of(InfoKind.WELLBEING, InfoKind.ATTENDANCE));
  }

  @Test
  void aLinkIsFoundByTheHashOfItsTokenOrShortCodeAndStoresNeitherSecret() {
    links.keep(link("token-1"), FamilyTokens.sha256("code:ABCDEFGH"));

    Link found = links.find(FamilyTokens.sha256("token-1"), now).orElseThrow();
    assertThat(found.code()).isEqualTo(CODE);
    assertThat(found.seq()).isEqualTo(4);
    assertThat(found.bySeq()).isEqualTo(2);
    assertThat(found.asked()).containsExactly(InfoKind.WELLBEING, InfoKind.ATTENDANCE);
    assertThat(links.find(FamilyTokens.sha256("code:ABCDEFGH"), now)).isPresent();
    assertThat(REDIS.storedText()).doesNotContain("token-1").doesNotContain("ABCDEFGH");
    assertThat(REDIS.storedKeys())
        .allMatch(k -> k.contains("{K-7F3Q}:family") || k.contains("{family}:"));
    assertThat(REDIS.client().pttl(REDIS.keys().familyLink(FamilyTokens.sha256("token-1"))))
        .isBetween(Duration.ofDays(13).toMillis(), Duration.ofDays(14).toMillis());
    assertThat(links.find(FamilyTokens.sha256("token-1"), now.plus(Duration.ofDays(14)))).isEmpty();
  }

  @Test
  void aNewLinkReplacesTheOldAndRevokingForgetsIt() {
    links.keep(link("old"), FamilyTokens.sha256("code:OLDOLDOL"));
    links.keep(link("new"), FamilyTokens.sha256("code:NEWNEWNE"));

    assertThat(links.find(FamilyTokens.sha256("old"), now)).isEmpty();
    assertThat(links.find(FamilyTokens.sha256("code:OLDOLDOL"), now)).isEmpty();
    assertThat(links.find(FamilyTokens.sha256("new"), now)).isPresent();

    assertThat(links.revoke(CODE, 4)).isTrue();
    assertThat(links.find(FamilyTokens.sha256("new"), now)).isEmpty();
    assertThat(REDIS.storedKeys()).noneMatch(k -> k.contains("{family}:"));
  }

  @Test
  void answersWaitUntilSharedAndTheCasesErasureTakesLinkAndAnswers() {
    links.keep(link("token-2"), FamilyTokens.sha256("code:ABCDEFGH"));
    links.keepAnswers(CODE, 4, "how=4", now.plus(Duration.ofDays(14)));
    assertThat(links.answers(CODE, 4)).contains("how=4");
    links.dropAnswers(CODE, 4);
    assertThat(links.answers(CODE, 4)).isEmpty();
    links.keepAnswers(CODE, 4, "how=5", now.plus(Duration.ofDays(14)));

    new RedisErasure(REDIS.client(), REDIS.keys()).erase(CODE);

    assertThat(links.find(FamilyTokens.sha256("token-2"), now)).isEmpty();
    assertThat(links.answers(CODE, 4)).isEmpty();
    assertThat(REDIS.storedKeys()).noneMatch(k -> k.contains("{K-7F3Q}:family"));
  }

  @Test
  void forgettingAPersonTakesTheirLinkItsLookupsAndTheirAnswersAtOnce() {
    links.keep(link("token-3"), FamilyTokens.sha256("code:ABCDEFGH"));
    links.keepAnswers(CODE, 4, "how=4", now.plus(Duration.ofDays(14)));

    links.forget(CODE, 4);

    assertThat(links.find(FamilyTokens.sha256("token-3"), now)).isEmpty();
    assertThat(links.answers(CODE, 4)).isEmpty();
    assertThat(REDIS.storedKeys()).isEmpty();
  }
}
