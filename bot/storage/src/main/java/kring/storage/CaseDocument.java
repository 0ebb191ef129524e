package kring.storage;

import java.time.Instant;
import java.util.List;
import kring.core.agreement.Agreement;
import kring.core.cases.Activity;
import kring.core.cases.Agreements;
import kring.core.cases.AuditEntry;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseSettings;
import kring.core.cases.CaseStatus;
import kring.core.cases.Initials;
import kring.core.cases.Lifecycle;
import kring.core.cases.Pause;
import kring.core.cases.Reflections;
import kring.core.cases.Team;
import kring.core.consent.ConsentRegister;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.partners.JoinRequest;
import kring.core.partners.Partner;
import kring.core.reflection.ReflectionRound;

/**
 * The stored shape of a case: one flat JSON document, as every schema before kept it, whatever
 * parts the case is made of in memory. Only {@link CaseDocuments} maps a case to it and back.
 */
record CaseDocument(
    CaseCode code,
    Initials initials,
    CaseStatus status,
    ChannelRef channel,
    Language language,
    Instant startedAt,
    List<Partner> partners,
    int seqsGiven,
    List<JoinRequest> joinRequests,
    List<Agreement> agreements,
    int agreedVersion,
    Pause pause,
    Lifecycle.Closure closure,
    Lifecycle.Erasure erasure,
    CaseSettings settings,
    Activity activity,
    List<ReflectionRound> reflections,
    ConsentRegister consents,
    List<AuditEntry> audit,
    long revision) {

  static CaseDocument of(Case c) {
    Lifecycle life = c.lifecycle();
    Team team = c.team();
    return new CaseDocument(
        c.code(),
        c.initials(),
        life.status(),
        c.channel(),
        c.language(),
        c.startedAt(),
        team.partners(),
        team.seqsGiven(),
        team.joinRequests(),
        c.agreements().versions(),
        c.agreements().agreedVersion(),
        life.pause(),
        life.closure(),
        life.erasure(),
        c.settings(),
        c.activity(),
        c.reflections().rounds(),
        c.consents(),
        c.audit(),
        c.revision());
  }

  Case toCase() {
    return new Case(
        code,
        initials,
        channel,
        language,
        startedAt,
        new Lifecycle(status, pause, closure, erasure),
        new Team(partners, seqsGiven, joinRequests),
        new Agreements(agreements, agreedVersion),
        settings,
        activity,
        new Reflections(reflections),
        consents,
        audit,
        revision);
  }
}
