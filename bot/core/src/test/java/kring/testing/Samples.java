package kring.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.agreement.Communication;
import kring.core.agreement.EvaluationPlan;
import kring.core.agreement.Perspective;
import kring.core.agreement.Task;
import kring.core.cases.Agreements;
import kring.core.cases.AuditEntry;
import kring.core.cases.AuditEvent;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseStatus;
import kring.core.cases.Initials;
import kring.core.cases.Lifecycle;
import kring.core.cases.Reflections;
import kring.core.cases.Team;
import kring.core.consent.Basis;
import kring.core.consent.ConsentTerms;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.MessageKind;
import kring.core.outbox.OutboundMessage;
import kring.core.outbox.Recipient;
import kring.core.partners.JoinRequest;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reflection.Anonymity;
import kring.core.reflection.Answer;
import kring.core.reflection.AnswerType;
import kring.core.reflection.Improvement;
import kring.core.reflection.PartnerAnswers;
import kring.core.reflection.Question;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.reflection.Theme;
import kring.core.reply.Chart;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/** Cases, people and messages for tests, built the way the core builds them. */
public final class Samples {

  /** A Monday morning in a school week, the start of every sample's timeline. */
  public static final Instant T0 = Instant.parse("2026-03-02T08:15:00Z");

  private Samples() {}

  public static ChannelRef slackChannel(String id) {
    return new ChannelRef(Platform.SLACK, "T9", id);
  }

  public static UserRef slackUser(String id) {
    return new UserRef(Platform.SLACK, "T9", id);
  }

  /**
   * A case that uses every part of the model: initials, partners of every membership (one
   * represented), a waiting join request, an agreed first version with confirmations, a second
   * version confirmed by one partner, and the audit trail all of that wrote.
   */
  public static Case fullCase(CaseCode code, ChannelRef channel) {
    UserRef ann = slackUser("U1");
    UserRef ben = slackUser("U2");
    UserRef cas = slackUser("U3");
    UserRef dee = slackUser("U4");
    Case aCase =
        Case.start(code, new Initials("AB"), channel, Language.NL, ann, "Ann", at(0))
            .introduce(ann, "Ann", "Sint-Jan", Sector.EDUCATION, Role.CARE_COORDINATOR, at(1))
            .askToJoin(new JoinRequest(ben, "Ben", "CLB Gent", Sector.CLB, Role.CLB, false, at(2)))
            .acceptJoin(ann, ben, at(3))
            .askToJoin(
                new JoinRequest(cas, "Cas", null, Sector.YOUTH_CARE, Role.NAFT_COACH, true, at(4)))
            .acceptJoin(ann, cas, at(5))
            .askToJoin(
                new JoinRequest(dee, "Dee", "Thuis", Sector.FAMILY, Role.PARENT, false, at(6)));
    aCase = withPartner(aCase, represented(4, "mother", ann, at(7)));
    Draft first =
        Draft.empty()
            .withGoal(
                "Back in class three days a week",
                new Perspective(true, "wants to see friends again", ""),
                1,
                2,
                new Communication(3, "phone the school office", "every four school weeks"),
                EvaluationPlan.defaultFor(CollaborationLevel.COLLABORATION))
            .withTasks(
                List.of(
                    new Task(1, "coordinates and talks to the teachers", ""),
                    new Task(2, "guides the pupil", "the attendance figures")));
    aCase =
        aCase
            .propose(ann, first, 0, at(8))
            .confirm(ann, 1, at(9))
            .confirm(ben, 1, at(10))
            .propose(ben, first.withTasks(List.of(new Task(2, "guides the pupil", ""))), 1, at(11))
            .confirm(ben, 2, at(12));
    return aCase;
  }

  /**
   * An intake case with {@code count} confirming partners (P1 coordinates) and a complete first
   * agreement version nobody confirmed yet. More partners than a real case may hold, on purpose.
   */
  public static Case caseAwaitingConfirmations(CaseCode code, ChannelRef channel, int count) {
    List<Partner> partners = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    for (int seq = 1; seq <= count; seq++) {
      partners.add(
          new Partner(
              seq,
              partnerUser(seq),
              "Partner " + seq,
              null,
              Sector.EDUCATION,
              Role.TEACHER,
              Membership.PARTNER,
              null,
              at(0)));
      tasks.add(new Task(seq, "teaches", ""));
    }
    Agreement first =
        Agreement.first(
            Draft.empty()
                .withGoal(
                    "Back in class",
                    Perspective.NOT_YET_ASKED,
                    1,
                    0,
                    Communication.DEFAULT,
                    EvaluationPlan.defaultFor(CollaborationLevel.COORDINATION))
                .withTasks(tasks),
            1,
            at(1));
    return new Case(
        code,
        null,
        channel,
        Language.EN,
        at(0),
        new Lifecycle(CaseStatus.INTAKE, null, null, null),
        new Team(partners, count, List.of()),
        new Agreements(List.of(first), 0),
        null,
        null,
        null,
        null,
        List.of(new AuditEntry(at(0), 1, AuditEvent.CASE_STARTED, List.of(code.value()))),
        0);
  }

  /**
   * An active case as the conversation would leave it: {@code people.get(0)} started it at {@code
   * at} and coordinates, the others joined as partners, and everyone confirmed an agreement at the
   * collaboration level given, with its default rhythm.
   */
  public static Case activeCase(
      CaseCode code,
      ChannelRef channel,
      List<UserRef> people,
      CollaborationLevel level,
      Instant at) {
    UserRef starter = people.get(0);
    Case c = Case.start(code, null, channel, Language.EN, starter, "Partner 1", at);
    List<Task> tasks = new ArrayList<>(List.of(new Task(1, "coordinates", "")));
    for (int i = 1; i < people.size(); i++) {
      UserRef user = people.get(i);
      c =
          c.askToJoin(
              new JoinRequest(user, "Partner " + (i + 1), null, Sector.CLB, Role.CLB, false, at));
      c = c.acceptJoin(starter, user, at);
      tasks.add(new Task(i + 1, "guides the pupil", ""));
    }
    Draft draft =
        Draft.empty()
            .withGoal(
                "Back in class",
                Perspective.NOT_YET_ASKED,
                1,
                0,
                Communication.DEFAULT,
                EvaluationPlan.defaultFor(level))
            .withTasks(tasks);
    c = c.propose(starter, draft, 0, at);
    for (UserRef user : people) {
      c = c.confirm(user, 1, at);
    }
    return c;
  }

  /**
   * The same active case with partner {@code backupSeq} as the backup: a second agreement version
   * that names them, which everyone in {@code people} confirmed at {@code at}.
   */
  public static Case withBackup(Case c, int backupSeq, List<UserRef> people, Instant at) {
    Draft draft = c.currentAgreement().orElseThrow().draft();
    Draft named =
        draft.withGoal(
            draft.goal(),
            draft.perspective(),
            draft.coordinatorSeq(),
            backupSeq,
            draft.communication(),
            draft.evaluation());
    Case proposed = c.propose(people.get(0), named, c.agreements().currentVersion(), at);
    for (UserRef person : people) {
      proposed = proposed.confirm(person, proposed.agreements().currentVersion(), at);
    }
    return proposed;
  }

  /** The account of partner {@code seq} in {@link #caseAwaitingConfirmations}. */
  public static UserRef partnerUser(int seq) {
    return slackUser("U" + (100 + seq));
  }

  /** A message written at {@code createdAt} to a channel. */
  public static OutboundMessage message(
      String id, MessageKind kind, ChannelRef channel, Instant createdAt) {
    return new OutboundMessage(
        id,
        Recipient.channel(channel),
        Reply.builder()
            .heading("Agreement version 2")
            .text("Please confirm the new agreement for " + id)
            .field("Goal", "Back in class three days a week")
            .primary("Confirm", "agreement.confirm", "K-7F3Q:2")
            .button("Later", "prompt.snooze", "K-7F3Q")
            .build(),
        kind,
        new CaseCode("K-7F3Q"),
        createdAt);
  }

  /**
   * The same case with two reflection rounds, built as stored rather than through the rules: a
   * closed one with its anonymous result and improvements, and an open one with attributed answers
   * (one signed open answer, one own question).
   */
  public static Case reflecting(Case aCase) {
    List<Integer> invited = List.of(1, 2, 5);
    Question own = Question.own(Theme.TRUST, AnswerType.SCALE, "We say it when we disagree.");
    List<Question> questions =
        QuestionBank.round(Optional.of(Theme.TRUST), Optional.of(own), false);
    ReflectionRound first =
        ReflectionRound.open(
                1,
                RoundKind.REGULAR,
                1,
                at(20),
                at(20 + 7 * 24 * 60),
                Anonymity.DEFAULT,
                questions,
                invited)
            .withAnswers(answers(1, at(30), "4", "we call each other", false))
            .withAnswers(answers(2, at(31), "5", "fewer emails", true))
            .withAnswers(answers(5, at(32), "4", "a fixed meeting day", false))
            .close(new SplittableRandom(5))
            .withImprovements(List.of(new Improvement("a fixed meeting day", 3)));
    ReflectionRound second =
        ReflectionRound.open(
                2,
                RoundKind.REGULAR,
                0,
                at(50_000),
                at(60_000),
                new Anonymity(4),
                QuestionBank.round(Optional.empty(), Optional.empty(), true),
                invited)
            .withAnswers(
                new PartnerAnswers(
                    2,
                    at(50_100),
                    Map.of(
                        QuestionBank.IMPROVEMENTS_DONE, new Answer("partly", false),
                        QuestionBank.CHANGE, new Answer("shorter notes", true))));
    return rebuilt(aCase, aCase.partners(), List.of(first, second));
  }

  private static PartnerAnswers answers(
      int seq, Instant at, String scale, String change, boolean signed) {
    return new PartnerAnswers(
        seq,
        at,
        Map.of(
            "voice-doubts",
            new Answer(scale, false),
            "count-on",
            new Answer(scale, false),
            Question.OWN,
            new Answer("3", false),
            QuestionBank.CHANGE,
            new Answer(change, signed)));
  }

  /**
   * The {@link #fullCase} with a consent register: the parents' consent in force, and a legal basis
   * recorded and then withdrawn.
   */
  public static Case consenting(Case full) {
    UserRef ann = full.partners().get(0).user();
    UserRef ben = full.partners().get(1).user();
    LocalDate today = LocalDate.of(2026, 3, 2);
    ConsentTerms parents =
        new ConsentTerms(
            GivenBy.PARENTS,
            Basis.CONSENT,
            "",
            List.of(InfoKind.WELLBEING, InfoKind.ATTENDANCE),
            List.of(2),
            List.of(Role.NAFT_COACH),
            "to plan the return to class",
            LocalDate.of(2026, 2, 27),
            LocalDate.of(2026, 6, 30));
    ConsentTerms law =
        new ConsentTerms(
            GivenBy.PUPIL,
            Basis.LEGAL_BASIS,
            "decreet leerlingenbegeleiding",
            List.of(InfoKind.LEARNING_PROGRESS),
            List.of(2, 1),
            List.of(),
            "follow-up of learning",
            today,
            null);
    return full.recordConsent(ann, parents, today, at(13))
        .recordConsent(ben, law, today, at(14))
        .withdrawConsent(ann, 2, at(15));
  }

  /**
   * The same case with another team, reflection rounds and audit trail, as if stored that way (a
   * trail an older Kring wrote, numbers given out that the rules would not give).
   */
  public static Case stored(Case c, Team team, Reflections reflections, List<AuditEntry> audit) {
    return new Case(
        c.code(),
        c.initials(),
        c.channel(),
        c.language(),
        c.startedAt(),
        c.lifecycle(),
        team,
        c.agreements(),
        c.settings(),
        c.activity(),
        reflections,
        c.consents(),
        audit,
        c.revision());
  }

  /** A short multiple choice with two chosen, and a long one. */
  public static Form multipleChoiceForm() {
    List<Form.Option> many = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      many.add(new Form.Option("P" + i, "P" + i + " Partner " + i));
    }
    return new Form(
        "consent.record",
        "Toestemming registreren",
        "",
        List.of(
            new Form.Input(
                "kinds",
                "Voor welke soorten informatie?",
                Form.Kind.MULTI_CHOICE,
                true,
                0,
                List.of(
                    new Form.Option("health", "gezondheid"),
                    new Form.Option("wellbeing", "welbevinden"),
                    new Form.Option("justice", "justitie")),
                "health,justice",
                "",
                null),
            new Form.Input(
                "towards", "Naar wie?", Form.Kind.MULTI_CHOICE, false, 0, many, "", "", null)),
        "Bewaren",
        Map.of("case", "K-7F3Q"));
  }

  /** {@link #T0} plus some minutes. */
  public static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static Partner represented(int seq, String label, UserRef by, Instant since) {
    return new Partner(
        seq, null, label, null, Sector.FAMILY, Role.PARENT, Membership.REPRESENTED, by, since);
  }

  private static Case withPartner(Case aCase, Partner partner) {
    List<Partner> partners = new ArrayList<>(aCase.partners());
    partners.add(partner);
    return rebuilt(aCase, partners, aCase.reflections().rounds());
  }

  /**
   * The same case with other partners and reflection rounds, as if stored that way; a partner added
   * here counts as given their number.
   */
  private static Case rebuilt(
      Case aCase, List<Partner> partners, List<ReflectionRound> reflections) {
    int seqsGiven =
        Math.max(
            aCase.team().seqsGiven(), partners.stream().mapToInt(Partner::seq).max().orElse(0));
    return stored(
        aCase,
        new Team(partners, seqsGiven, aCase.team().joinRequests()),
        new Reflections(reflections),
        aCase.audit());
  }

  /**
   * The same case after one reflection round that its coordinator started at {@code at} with the
   * default questions, every partner answered, and that closed three days later: a trend to compare
   * the next round with.
   */
  public static Case afterOneRound(Case aCase, Instant at) {
    UserRef coordinator = aCase.coordinator().orElseThrow().user();
    Instant closed = at.plus(Duration.ofDays(3));
    Case c =
        aCase.startReflection(
            coordinator,
            RoundKind.REGULAR,
            QuestionBank.round(Optional.empty(), Optional.empty(), false),
            Anonymity.DEFAULT,
            at,
            closed,
            at);
    int number = c.openReflection().orElseThrow().number();
    int score = 2;
    for (Partner partner : c.reflectingPartners()) {
      c =
          c.answerReflection(
              partner.user(),
              number,
              Map.of(
                  "info-in-time",
                  new Answer(String.valueOf(score++), false),
                  "voice-doubts",
                  new Answer("3", false),
                  QuestionBank.GOAL_ACHIEVABLE,
                  new Answer("yes", false)),
              at.plusSeconds(60));
    }
    return c.closeReflection(number, closed, new SplittableRandom(1));
  }

  /** A real PNG of one pixel: a picture a renderer can carry without drawing a chart. */
  public static final byte[] TINY_PNG =
      java.util.Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  /** The trend of two themes over three rounds, one of them without a score in round 2. */
  public static Chart trendChart() {
    List<Double> trust = new ArrayList<>();
    trust.add(4.5);
    trust.add(null);
    trust.add(2.0);
    return new Chart(
        "How the themes went, case K-7F3Q",
        "Line chart of each theme's score from 1 (low) to 5 (high) over the last 3 rounds.",
        List.of("round 1", "round 2", "round 3"),
        List.of(
            new Chart.Series("Communication", List.of(2.0, 3.5, 4.0)),
            new Chart.Series("Trust", trust)));
  }
}
