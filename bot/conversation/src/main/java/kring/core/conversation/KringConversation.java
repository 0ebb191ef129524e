package kring.core.conversation;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.cases.Cases;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.agreement.AgreementFlow;
import kring.core.conversation.calendar.CalendarFlow;
import kring.core.conversation.calendar.ScheduleFlow;
import kring.core.conversation.cases.CaseFlow;
import kring.core.conversation.cases.Overview;
import kring.core.conversation.checkin.CheckInFlow;
import kring.core.conversation.closing.ClosingFlow;
import kring.core.conversation.consent.ConsentFlow;
import kring.core.conversation.family.FamilyAnswers;
import kring.core.conversation.family.FamilyDesk;
import kring.core.conversation.family.FamilyFlow;
import kring.core.conversation.family.FamilyLinks;
import kring.core.conversation.family.FamilyPage;
import kring.core.conversation.family.FamilyTokens;
import kring.core.conversation.family.MemoryFamilyLinks;
import kring.core.conversation.privacy.PrivacyFlow;
import kring.core.conversation.reflection.ReflectionFlow;
import kring.core.conversation.reflection.Rounds;
import kring.core.conversation.team.MembershipFlow;
import kring.core.conversation.team.TeamFlow;
import kring.core.conversation.team.VoiceFlow;
import kring.core.conversation.transitions.TransitionFlow;
import kring.core.conversation.updates.UpdateFlow;
import kring.core.i18n.BidiControls;
import kring.core.i18n.Language;
import kring.core.identity.ChannelRef;
import kring.core.identity.People;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.core.outbox.Outbox;
import kring.core.privacy.Erasure;
import kring.core.privacy.RetentionIndex;
import kring.core.reply.Form;
import kring.core.reply.Reply;
import kring.core.store.CaseStore;
import kring.core.store.Change;
import kring.core.store.Commits;
import kring.core.store.Sighting;
import kring.core.store.StepwiseCaseStore;
import kring.core.store.TurnRead;
import kring.scheduler.planning.Planner;

/**
 * Kring's conversation: routes each command, button and form to its flow, turns a refusal into a
 * polite private answer, and writes every message to the outbox before returning.
 */
public final class KringConversation implements Conversation {

  private static final Logger LOG = Logger.getLogger(KringConversation.class.getName());

  /** The most values a submitted form may carry; Kring's largest form has far fewer. */
  static final int MAX_FORM_VALUES = 100;

  /**
   * The longest value of any one form field that Kring still reads, so that it can say how much too
   * long it is; each input has its own, smaller limit.
   */
  static final int MAX_FORM_VALUE = 16_000;

  /** Where Kring is served when nothing else is said: on this machine, as the playground. */
  public static final Supplier<String> LOCAL_URL = () -> "http://localhost:8080";

  private final Cases cases;
  private final People people;
  private final Schedule planning;
  private final CaseStore store;
  private final Erasure erasure;
  private final CaseFlow caseFlow;
  private final MembershipFlow membership;
  private final Overview overview;
  private final TeamFlow team;
  private final FamilyFlow familyFlow;
  private final Entries entries;
  private final Turns turns;
  private final Clock clock;

  /**
   * @param cases all cases
   * @param people people's language preferences
   * @param outbox where every message goes before it is delivered
   * @param codes generates case codes
   * @param clock the clock; its zone is used to show dates
   * @param outboxWritten called after messages were written, to deliver them soon
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten) {
    this(cases, people, outbox, codes, clock, outboxWritten, Schedule.NONE);
  }

  /**
   * @param schedule told about every case a person's action created or changed, after it is stored
   *     and its messages are written, to plan it again; asked what is planned, and to put off a
   *     person's prompt
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten,
      Schedule schedule) {
    this(
        cases,
        people,
        outbox,
        codes,
        clock,
        outboxWritten,
        schedule,
        Erasure.NONE,
        RetentionIndex.NONE);
  }

  /**
   * @param erasure removes what a person asked Kring to forget
   * @param retention told when people act in a case and when it closes, for the retention clock
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten,
      Schedule schedule,
      Erasure erasure,
      RetentionIndex retention) {
    this(
        cases,
        people,
        outbox,
        codes,
        clock,
        outboxWritten,
        schedule,
        erasure,
        retention,
        new StepwiseCaseStore(cases, outbox, schedule, clock),
        new MemoryFamilyLinks(),
        LOCAL_URL);
  }

  /**
   * @param store commits each turn: the case, its messages and its plan together
   * @param familyLinks where represented people's private links are kept
   * @param publicUrl Kring's public address, where a family link's page is served (asked when a
   *     link is given: a server's port may be known only once it listens)
   */
  public KringConversation(
      Cases cases,
      People people,
      Outbox outbox,
      CaseCodes codes,
      Clock clock,
      Runnable outboxWritten,
      Schedule schedule,
      Erasure erasure,
      RetentionIndex retention,
      CaseStore store,
      FamilyLinks familyLinks,
      Supplier<String> publicUrl) {
    this.planning = schedule;
    this.store = store;
    this.cases = cases;
    this.people = people;
    this.clock = clock;
    this.erasure = erasure;
    Cards cards = new Cards(clock.getZone());
    SecureRandom random = new SecureRandom();
    Rounds rounds = new Rounds(cards, new Planner(clock.getZone(), schedule.anonymity()));
    ReflectionFlow reflection = new ReflectionFlow(cards, rounds, schedule.anonymity(), random);
    this.overview = new Overview(cases, people, cards);
    this.caseFlow = new CaseFlow(codes, cards, rounds, random, overview);
    ConsentFlow consent = new ConsentFlow(cards);
    this.team = new TeamFlow(cards, familyLinks);
    CalendarFlow calendar = new CalendarFlow(people, cards);
    this.membership = new MembershipFlow(cards, team);
    this.familyFlow =
        new FamilyFlow(cards, cases, familyLinks, new FamilyTokens(random), publicUrl);
    this.entries =
        Entries.of(
            List.of(
                caseFlow,
                membership,
                new AgreementFlow(cards, consent, team),
                new ScheduleFlow(schedule, cards, calendar),
                calendar,
                new TransitionFlow(cards),
                new UpdateFlow(cards),
                reflection,
                consent,
                new VoiceFlow(cards),
                familyFlow,
                team,
                new ClosingFlow(cards, rounds, schedule.anonymity(), random),
                new PrivacyFlow(cases, erasure, cards),
                new CheckInFlow(cards, schedule)));
    this.turns =
        new Turns(cases, people, outbox, clock, outboxWritten, schedule, store, retention, entries);
  }

  /** The private pages of represented pupils and parents: what a link shows, and its answers. */
  public FamilyDesk family() {
    return new FamilyDesk() {
      @Override
      public Optional<FamilyPage> page(String token) {
        return familyFlow.page(token, clock.instant());
      }

      @Override
      public boolean answer(
          String token, FamilyAnswers answers, Map<String, String> wordings, Set<String> noes) {
        Optional<FamilyFlow.Found> found = familyFlow.found(token, clock.instant());
        if (found.isEmpty()) {
          return false;
        }
        FamilyAnswers plain =
            new FamilyAnswers(
                answers.pupil(),
                answers.howItGoes(),
                answers.heard(),
                BidiControls.strip(answers.helpers()),
                BidiControls.strip(answers.message()),
                answers.givenAt());
        Map<String, String> plainWordings = withoutBidiControls(wordings);
        turns.handle(
            new Speaker(found.get().person().representedBy(), null),
            found.get().kase().channel(),
            turn -> {
              FamilyFlow.Found now =
                  familyFlow
                      .found(token, turn.now())
                      .orElseThrow(() -> new Refusal(RefusalReason.CASE_CLOSED));
              familyFlow.answered(turn, now, plain, plainWordings, noes);
              return Outcome.NOTHING;
            });
        return true;
      }
    };
  }

  /** Every command, button and form of Kring, as its features declared them. */
  public Entries entries() {
    return entries;
  }

  @Override
  public Outcome added(Speaker by, ChannelRef channel) {
    return turns.handle(
        by,
        channel,
        turn -> {
          caseFlow.added(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public Outcome say(Speaker speaker, ChannelRef channel, String typed) {
    String text = BidiControls.strip(typed);
    turns.safetyCard(speaker, channel, Collections.singletonList(text));
    // What the command will need is read with its case (asked anew each time the turn is done).
    Supplier<Set<TurnRead.Extra>> extra = Set::of;
    if (text != null && text.length() <= Parsed.MAX_TEXT) {
      Parsed parsed = Parsed.of(text, entries);
      extra = () -> parsed.known().map(c -> c.reads(parsed.args())).orElse(Set.of());
    }
    return turns.handle(
        speaker,
        channel,
        extra,
        turn -> {
          if (text != null && text.length() > Parsed.MAX_TEXT) {
            throw new Refusal(RefusalReason.TOO_LONG, Parsed.MAX_TEXT);
          }
          Parsed parsed = Parsed.of(text, entries);
          if (parsed.known().isEmpty()) {
            caseFlow.unknown(turn, parsed);
            return Outcome.NOTHING;
          }
          return parsed.command().handle(turn, parsed.args());
        });
  }

  @Override
  public Outcome press(Speaker speaker, ChannelRef channel, String action, String value) {
    String pressed = value == null ? "" : BidiControls.strip(value);
    return turns.handle(
        speaker,
        channel,
        turn -> {
          try {
            if (Actions.OPEN_FORM.equals(action)) {
              return openForm(turn, pressed);
            }
            return entries
                .button(action == null ? "" : action)
                .orElseThrow(() -> new Refusal(RefusalReason.BAD_BUTTON))
                .handle(turn, pressed);
          } catch (Refusal refusal) {
            throw erasedInstead(refusal, pressed);
          }
        });
  }

  /** A button of a case that was erased says so, rather than that it belongs to another case. */
  private Refusal erasedInstead(Refusal refusal, String value) {
    String code = value.strip().split("\\s+", 2)[0];
    boolean erased =
        refusal.reason() == RefusalReason.OTHER_CASE
            && CaseCode.isValid(code)
            && erasure.erased(new CaseCode(code));
    return erased ? new Refusal(RefusalReason.CASE_ERASED) : refusal;
  }

  @Override
  public Outcome submit(
      Speaker speaker, ChannelRef channel, String formId, Map<String, String> submitted) {
    Map<String, String> values = withoutBidiControls(submitted);
    turns.safetyCard(speaker, channel, values == null ? List.of() : values.values());
    return turns.handle(
        speaker,
        channel,
        turn -> {
          if (values == null
              || values.size() > MAX_FORM_VALUES
              || values.values().stream().anyMatch(v -> v != null && v.length() > MAX_FORM_VALUE)) {
            throw new Refusal(RefusalReason.BAD_FORM);
          }
          return form(turn, formId == null ? "" : formId, values);
        });
  }

  /**
   * A form's values without the characters that change the direction of the text around them: here,
   * where values from people come in on every platform, so nothing Kring stores or shows has them.
   * (Speakers' names lose them in {@link Speaker}, typed text and buttons' values in {@link #say}
   * and {@link #press}.)
   */
  private static Map<String, String> withoutBidiControls(Map<String, String> values) {
    if (values == null || values.values().stream().noneMatch(BidiControls::any)) {
      return values;
    }
    Map<String, String> plain = new HashMap<>();
    values.forEach((key, value) -> plain.put(key, BidiControls.strip(value)));
    return Collections.unmodifiableMap(plain);
  }

  @Override
  public void memberJoined(Speaker person, ChannelRef channel) {
    turns.handle(
        person,
        channel,
        turn -> {
          membership.joinedChannel(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public void memberLeft(UserRef person, ChannelRef channel) {
    turns.handle(
        new Speaker(person, null),
        channel,
        turn -> {
          team.leftChannel(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public void channelLost(ChannelRef channel, String reason) {
    String why = reason == null ? "" : reason.replaceAll("[^a-z_]", "");
    cases
        .findByChannel(channel)
        .ifPresent(
            c ->
                new Commits(cases, store, planning::plan)
                    .change(
                        c.code(),
                        now ->
                            new Change(
                                now.pauseBecauseChannelLost(
                                    why.isEmpty() ? "?" : why, clock.instant()),
                                List.of())));
  }

  @Override
  public void channelBack(Speaker by, ChannelRef channel) {
    if (cases.findByChannel(channel).isEmpty()) {
      return;
    }
    turns.handle(
        by,
        channel,
        turn -> {
          caseFlow.channelBack(turn);
          return Outcome.NOTHING;
        });
  }

  @Override
  public void offerForm(Speaker speaker, ChannelRef channel, Form form) {
    turns.handle(
        speaker,
        channel,
        turn -> {
          turn.answer(
              Reply.builder()
                  .text(turn.t("form.offer", form.title()))
                  .primary(turn.t("button.open-form"), Actions.OPEN_FORM, reopening(form))
                  .build());
          return Outcome.NOTHING;
        });
  }

  /**
   * The value of a button that opens this form again, wherever it is offered: the form id, its case
   * (a private chat with Kring has none of its own) and what the form is about.
   */
  private static String reopening(Form form) {
    String code = form.hidden().get(Forms.CASE);
    if (code == null) {
      return form.id();
    }
    String about =
        switch (form.id()) {
          case Forms.VOICE -> " P" + form.hidden().getOrDefault(Forms.PARTNER, "");
          case Forms.ROUND_IMPROVEMENTS -> " " + form.hidden().getOrDefault(Forms.ROUND, "");
          default -> "";
        };
    return form.id() + " " + code + about;
  }

  @Override
  public Reply overview(UserRef person) {
    return overview.of(person);
  }

  @Override
  public Language languageOf(UserRef person, ChannelRef channel) {
    return people
        .language(person)
        .orElseGet(
            () ->
                (channel == null ? Optional.<Case>empty() : cases.findByChannel(channel))
                    .map(Case::language)
                    .orElse(Language.NL));
  }

  /**
   * Opens a form; a button in a private chat names the case after the form id ({@code <form id>
   * <case code>}), one in the case's channel may leave it out.
   */
  private Outcome openForm(Turn turn, String value) {
    String[] parts = value.split(" ", 3);
    Optional<Entries.FormEntry> form = entries.form(parts[0]);
    String code = parts.length >= 2 ? parts[1] : "";
    if (parts.length >= 2) {
      bind(turn, form, code);
    }
    return form.filter(f -> f.opener() != null)
        .orElseThrow(() -> new Refusal(RefusalReason.BAD_BUTTON))
        .opener()
        .open(turn, code, parts.length == 3 ? parts[2] : "");
  }

  private Outcome form(Turn turn, String formId, Map<String, String> values) {
    Optional<Entries.FormEntry> form = entries.form(formId);
    if (values.containsKey(Forms.CASE)) {
      // A form names its case: in a case's channel it must be that case, in a private chat with
      // Kring one the person takes part in (or, asking to join from the private chat Kring
      // welcomed the person in, the case they ask to join). A form naming another case is refused
      // before it is read.
      bind(turn, form, values.get(Forms.CASE));
    }
    return form.orElseThrow(() -> new Refusal(RefusalReason.BAD_FORM))
        .submitter()
        .submit(turn, values);
  }

  /**
   * Binds the turn to the case a form or its button names, as the form asks (an unknown form as a
   * partner's, before it is refused).
   */
  private static void bind(Turn turn, Optional<Entries.FormEntry> form, String code) {
    switch (form.map(Entries.FormEntry::binding).orElse(Entries.CaseBinding.PARTNER)) {
      case PARTNER -> turn.enterCase(code);
      case APPLICANT -> turn.enterCaseToJoin(code);
      case OWN -> {}
    }
  }

  @Override
  public <T> T delivery(String digest, Supplier<T> work) {
    return turns.delivery(digest, work);
  }

  @Override
  public <T> T firstSight(Sighting sighting, Supplier<T> work) {
    return turns.firstSight(sighting, work);
  }

  @Override
  public void commandsTyped(Platform platform, CommandTyping typing) {
    turns.commandsTyped(platform, typing);
  }
}
