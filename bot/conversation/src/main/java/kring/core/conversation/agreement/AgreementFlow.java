package kring.core.conversation.agreement;

import static kring.core.conversation.Entries.step;
import static kring.core.conversation.FormReader.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.agreement.Agreement;
import kring.core.agreement.Agreement.Draft;
import kring.core.agreement.CollaborationLevel;
import kring.core.agreement.Communication;
import kring.core.agreement.EvaluationPlan;
import kring.core.agreement.Perspective;
import kring.core.agreement.Task;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.PlaceNames;
import kring.core.conversation.Turn;
import kring.core.conversation.consent.ConsentFlow;
import kring.core.conversation.team.TeamFlow;
import kring.core.partners.Action;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Permission;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/** Agreeing: proposing the shared goal and the role split, reading and confirming versions. */
public final class AgreementFlow implements Feature {

  static final int GOAL_MAX = 1000;
  static final int VIEW_MAX = 500;
  static final int TASK_MAX = 500;
  static final int LINE_MAX = 300;

  private final Cards cards;
  private final ConsentFlow consent;
  private final TeamFlow team;

  public AgreementFlow(Cards cards, ConsentFlow consent, TeamFlow team) {
    this.cards = cards;
    this.consent = consent;
    this.team = team;
  }

  /** The goal and the roles of the agreement, and confirming a version. */
  @Override
  public void declare(Entries entries) {
    entries
        .command(
            "GOAL",
            List.of("doel", "afspraken"),
            List.of("goal", "agreement"),
            (t, a) -> goalForm(t))
        .command(
            "ROLES",
            List.of("taken", "rollen", "taakverdeling"),
            List.of("roles", "tasks"),
            (t, a) -> rolesForm(t))
        .command(
            "CONFIRM",
            List.of("akkoord", "bevestig", "bevestigen"),
            List.of("agree", "confirm"),
            step(this::confirmCommand))
        .button(Actions.CONFIRM, step((t, v) -> confirm(t, versionFrom(t, v))))
        .button(Actions.READ_AGREEMENT, step((t, v) -> read(t, versionFrom(t, v))))
        .form(Forms.GOAL, (t, code, about) -> goalForm(t), this::submitGoal)
        .form(Forms.ROLES, (t, code, about) -> rolesForm(t), this::submitRoles);
  }

  /** {@code goal}: opens the agreement form, filled with the current version. */
  Outcome goalForm(Turn turn) {
    Case c = requireProposer(turn);
    return Outcome.open(goalForm(turn, c));
  }

  /** {@code roles}: opens the role-split form, filled with the current version. */
  Outcome rolesForm(Turn turn) {
    Case c = requireProposer(turn);
    return Outcome.open(rolesForm(turn, c));
  }

  Outcome submitGoal(Turn turn, Map<String, String> values) {
    Case c = requireProposer(turn);
    int base = base(c, values);
    FormReader form = new FormReader(values, turn);
    String goal = form.text("goal", true, GOAL_MAX);
    String asked = form.text("perspective", true, 20);
    String pupil = form.text("pupil", false, VIEW_MAX);
    String parents = form.text("parents", false, VIEW_MAX);
    if (!asked.isEmpty() && !asked.equals("asked") && !asked.equals("not-asked")) {
      form.error("perspective", "form.choose");
    }
    if (asked.equals("not-asked") && !(pupil.isEmpty() && parents.isEmpty())) {
      form.error("perspective", "form.goal.perspective-asked");
    }
    int coordinator = partnerChoice(c, form, "coordinator", true);
    int backup = partnerChoice(c, form, "backup", false);
    if (backup != 0 && backup == coordinator) {
      form.error("backup", "form.goal.backup-differs");
    }
    int answerDays =
        form.number("answerDays", 1, 20, Communication.DEFAULT.answerWithinSchoolDays());
    String urgent = form.text("urgent", false, LINE_MAX);
    String meetings = form.text("meetings", false, LINE_MAX);
    CollaborationLevel level =
        form.choice("level", CollaborationLevel.class, true)
            .orElse(CollaborationLevel.COORDINATION);
    EvaluationPlan defaults = EvaluationPlan.defaultFor(level);
    int checkIn = form.number("checkInWeeks", 1, 20, defaults.checkInWeeks());
    int reflection = form.number("reflectionWeeks", 0, 40, defaults.reflectionWeeks());
    if (!form.ok()) {
      return Outcome.open(goalForm(turn, c).withErrors(values, form.errors()));
    }
    Perspective perspective =
        asked.equals("asked") ? new Perspective(true, pupil, parents) : Perspective.NOT_YET_ASKED;
    Draft draft =
        draftOf(c)
            .withGoal(
                goal,
                perspective,
                coordinator,
                backup,
                new Communication(answerDays, urgent, meetings),
                new EvaluationPlan(level, checkIn, reflection));
    return propose(turn, c, draft, base);
  }

  Outcome submitRoles(Turn turn, Map<String, String> values) {
    Case c = requireProposer(turn);
    int base = base(c, values);
    FormReader form = new FormReader(values, turn);
    List<Task> tasks = new ArrayList<>();
    for (Partner p : taskHolders(c)) {
      String does = form.text("does." + p.handle(), false, TASK_MAX);
      String needs = form.text("needs." + p.handle(), false, TASK_MAX);
      if (!does.isEmpty()) {
        tasks.add(new Task(p.seq(), does, needs));
      } else if (!needs.isEmpty()) {
        form.error("does." + p.handle(), "form.roles.does-first");
      }
    }
    if (tasks.isEmpty() && form.ok()) {
      form.error("does." + taskHolders(c).get(0).handle(), "form.roles.at-least-one");
    }
    if (!form.ok()) {
      return Outcome.open(rolesForm(turn, c).withErrors(values, form.errors()));
    }
    return propose(turn, c, draftOf(c).withTasks(tasks), base);
  }

  /** A partner confirms a version: by button (value {@code code:version}) or by command. */
  void confirm(Turn turn, int version) {
    Case before = turn.requireCase();
    if (before.permission(turn.user(), Action.CONFIRM_AGREEMENT) != Permission.ALLOWED) {
      throw new Refusal(
          before.partner(turn.user()).isPresent()
              ? RefusalReason.INFORMED_ONLY_CONFIRM
              : RefusalReason.NOT_A_PARTNER);
    }
    Case after = turn.change(c -> c.confirm(turn.user(), version, turn.now()));
    if (!turn.wrote()) {
      turn.answer("confirm.already", version);
      return;
    }
    turn.answer("confirm.recorded", version);
    // The version's post counts the confirmations in place; a reminder to confirm is done with.
    turn.announceAt(PlaceNames.agreement(version), versionPost(turn, after, version));
    turn.retire(
        turn.user(),
        PlaceNames.agreement(version),
        Reply.text(turn.t("confirm.recorded", version)));
    if (after.agreements().agreedVersion() == version
        && before.agreements().agreedVersion() != version) {
      boolean activated =
          before.status() == CaseStatus.INTAKE && after.status() == CaseStatus.ACTIVE;
      turn.announce(
          Reply.builder()
              .heading(turn.tc("confirm.agreed", version))
              .text(turn.tc(activated ? "confirm.case-active" : "confirm.new-version-holds"))
              .button(turn.tc("button.card"), Actions.SHOW_CARD, after.code().value())
              .build());
      if (activated) {
        consent.remindIfMissing(turn, after);
      }
      team.toCoordinator(turn);
    }
  }

  /**
   * The channel's post of a version as it stands: who proposed it and, while it can be confirmed,
   * how many did, with its buttons; once agreed or replaced, that, without a button to confirm.
   */
  static Reply versionPost(Turn turn, Case c, int version) {
    Agreement a =
        c.agreements().versions().stream()
            .filter(v -> v.version() == version)
            .findFirst()
            .orElseThrow();
    String proposer = c.partner(a.proposedBySeq()).map(Partner::displayName).orElse("?");
    String value = c.code().value() + ":" + version;
    Reply.Builder post = Reply.builder().text(turn.tc("agreement.proposed", proposer, version));
    int current = c.agreements().currentVersion();
    if (version < current) {
      return post.note(turn.tc("agreement.replaced", current)).build();
    }
    if (c.agreements().agreedVersion() == version) {
      return post.note(turn.tc("agreement.agreed-by-all"))
          .button(turn.tc("button.read", version), Actions.READ_AGREEMENT, value)
          .build();
    }
    long confirmed = c.confirmingPartners().stream().filter(p -> a.confirmedBy(p.seq())).count();
    int total = c.confirmingPartners().size();
    if (confirmed > 0) {
      post.text(turn.tc("confirm.count", version, confirmed, total));
    }
    if (!a.complete()) {
      post.note(turn.tc("agreement.still-missing", Cards.missing(a, turn.caseLanguage())));
    } else if (confirmed == 0) {
      post.note(turn.tc("agreement.please-confirm"));
    }
    return post.button(turn.tc("button.read", version), Actions.READ_AGREEMENT, value)
        .primary(turn.tc("button.confirm", version), Actions.CONFIRM, value)
        .build();
  }

  /**
   * Posts a new version in the channel; the post of the version it replaces loses its confirm
   * button, and so does each partner's reminder to confirm that one.
   */
  static void posted(Turn turn, Case before, Case after) {
    int version = after.agreements().currentVersion();
    int replaced = before.agreements().currentVersion();
    if (replaced > 0 && replaced < version) {
      turn.retire(null, PlaceNames.agreement(replaced), versionPost(turn, after, replaced));
      Reply gone = Reply.text(turn.tc("agreement.replaced", version));
      after
          .confirmingPartners()
          .forEach(p -> turn.retire(p.user(), PlaceNames.agreement(replaced), gone));
    }
    turn.announceAt(PlaceNames.agreement(version), versionPost(turn, after, version));
  }

  /** {@code agree [version]}: confirms the given version, or the current one. */
  void confirmCommand(Turn turn, String args) {
    Case c = turn.requireCase();
    if (args.isBlank()) {
      if (c.currentAgreement().isEmpty()) {
        throw new Refusal(RefusalReason.NO_AGREEMENT);
      }
      confirm(turn, c.agreements().currentVersion());
      return;
    }
    confirm(turn, parseVersion(args.strip().replaceFirst("^[vV]", "")));
  }

  /** Shows a version privately, with a confirm button when the reader still has to confirm. */
  void read(Turn turn, int version) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.CARD_PARTNERS_ONLY);
    Agreement a =
        c.agreements().versions().stream()
            .filter(v -> v.version() == version)
            .findFirst()
            .orElseThrow(() -> new Refusal(RefusalReason.NO_SUCH_VERSION, version));
    turn.answer(cards.agreement(c, a, turn.speakerLanguage(), c.partner(turn.user())));
  }

  /** Reads {@code <case code>:<version>} from a button, refusing a code from another case. */
  static int versionFrom(Turn turn, String value) {
    String[] parts = value == null ? new String[0] : value.split(":", 2);
    if (parts.length != 2) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    turn.enterCase(parts[0]);
    return parseVersion(parts[1]);
  }

  private static int parseVersion(String text) {
    if (!text.matches("\\d{1,4}")) {
      throw new Refusal(
          RefusalReason.VERSION_NUMBER, text.length() > 12 ? text.substring(0, 12) : text);
    }
    return Integer.parseInt(text);
  }

  private Outcome propose(Turn turn, Case before, Draft draft, int base) {
    Case after = turn.change(c -> c.propose(turn.user(), draft, base, turn.now()));
    if (!turn.wrote()) {
      turn.answer("agreement.unchanged", before.agreements().currentVersion());
      return Outcome.FORM_DONE;
    }
    posted(turn, before, after);
    return Outcome.FORM_DONE;
  }

  /**
   * What recording agreed improvements did to the agreement, for the channel's post: the new
   * version to confirm, with the same buttons as any proposal, or that there is no agreement yet to
   * add them to.
   */
  public static void improvementsVersion(Turn turn, Case before, Case after, Reply.Builder post) {
    if (after.currentAgreement().isEmpty()) {
      post.note(turn.tc("reflection.improve.no-agreement"));
      return;
    }
    int version = after.agreements().currentVersion();
    if (version == before.agreements().currentVersion()) {
      return;
    }
    post.text(turn.tc("reflection.improve.new-version", version));
    // The new version gets a post of its own, which counts its confirmations in place.
    posted(turn, before, after);
  }

  private Case requireProposer(Turn turn) {
    Case c = turn.requireCase();
    Permission permission = c.permission(turn.user(), Action.PROPOSE_AGREEMENT);
    if (permission != Permission.ALLOWED) {
      throw new Refusal(
          c.partner(turn.user()).isPresent()
              ? RefusalReason.INFORMED_ONLY_PROPOSE
              : RefusalReason.NOT_A_PARTNER);
    }
    if (c.status() == CaseStatus.CLOSED) {
      throw new Refusal(RefusalReason.CASE_CLOSED, c.code().value());
    }
    return c;
  }

  private int base(Case c, Map<String, String> values) {
    if (!c.code().value().equals(values.get(Forms.CASE))) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    String base = values.getOrDefault(Forms.BASE, "");
    if (base == null || !base.matches("\\d{1,4}")) {
      throw new Refusal(RefusalReason.BAD_FORM);
    }
    return Integer.parseInt(base);
  }

  private static Draft draftOf(Case c) {
    return c.currentAgreement().map(Agreement::draft).orElseGet(Draft::empty);
  }

  private static List<Partner> taskHolders(Case c) {
    return c.partners().stream().filter(p -> p.membership() != Membership.INFORMED_ONLY).toList();
  }

  private int partnerChoice(Case c, FormReader form, String name, boolean required) {
    String value = form.text(name, required, 10);
    if (value.isEmpty() || value.equals("none")) {
      return 0;
    }
    Optional<Partner> partner =
        c.partners().stream().filter(p -> p.handle().equals(value) && p.confirms()).findFirst();
    if (partner.isEmpty()) {
      form.error(name, "form.choose");
      return 0;
    }
    return partner.get().seq();
  }

  private Form goalForm(Turn turn, Case c) {
    Draft d = draftOf(c);
    // Only someone who acts in the case now is chosen beforehand: a coordinator who left is not,
    // so that the form submitted unchanged names someone who can coordinate.
    List<Integer> actingNow = c.confirmingPartners().stream().map(Partner::seq).toList();
    int coordinator =
        actingNow.contains(d.coordinatorSeq())
            ? d.coordinatorSeq()
            : c.coordinator().map(Partner::seq).filter(actingNow::contains).orElse(0);
    int backup =
        actingNow.contains(d.backupSeq()) && d.backupSeq() != coordinator ? d.backupSeq() : 0;
    List<Form.Option> acting = new ArrayList<>();
    for (Partner p : c.confirmingPartners()) {
      acting.add(new Form.Option(p.handle(), p.displayName()));
    }
    List<Form.Option> backups = new ArrayList<>();
    backups.add(new Form.Option("none", turn.t("form.goal.no-backup")));
    backups.addAll(acting);
    List<Form.Option> levels = new ArrayList<>();
    for (CollaborationLevel level : CollaborationLevel.values()) {
      levels.add(
          new Form.Option(Cards.key(level), turn.t("level." + Cards.key(level) + ".explained")));
    }
    List<Form.Input> inputs = new ArrayList<>();
    inputs.add(
        input(
            "goal",
            turn.t("form.goal.goal"),
            Form.Kind.LONG_TEXT,
            true,
            GOAL_MAX,
            d.goal(),
            turn.t("form.goal.goal-hint")));
    inputs.add(
        new Form.Input(
            "perspective",
            turn.t("form.goal.perspective"),
            Form.Kind.CHOICE,
            true,
            20,
            List.of(
                new Form.Option("not-asked", turn.t("agreement.not-yet-asked")),
                new Form.Option("asked", turn.t("form.goal.asked"))),
            d.perspective().asked() ? "asked" : "not-asked",
            turn.t("form.goal.perspective-hint"),
            null));
    inputs.add(
        input(
            "pupil",
            turn.t("agreement.pupil"),
            Form.Kind.LONG_TEXT,
            false,
            VIEW_MAX,
            d.perspective().pupil(),
            ""));
    inputs.add(
        input(
            "parents",
            turn.t("agreement.parents"),
            Form.Kind.LONG_TEXT,
            false,
            VIEW_MAX,
            d.perspective().parents(),
            ""));
    inputs.add(
        new Form.Input(
            "coordinator",
            turn.t("card.coordinator"),
            Form.Kind.CHOICE,
            true,
            10,
            acting,
            coordinator > 0 ? "P" + coordinator : "",
            turn.t("form.goal.coordinator-hint"),
            null));
    inputs.add(
        new Form.Input(
            "backup",
            turn.t("card.backup"),
            Form.Kind.CHOICE,
            false,
            10,
            backups,
            backup > 0 ? "P" + backup : "none",
            "",
            null));
    inputs.add(
        input(
            "answerDays",
            turn.t("agreement.answer-time"),
            Form.Kind.NUMBER,
            true,
            2,
            String.valueOf(d.communication().answerWithinSchoolDays()),
            turn.t("form.goal.answer-hint")));
    inputs.add(
        input(
            "urgent",
            turn.t("agreement.urgent"),
            Form.Kind.TEXT,
            false,
            LINE_MAX,
            d.communication().urgentContact(),
            turn.t("form.goal.urgent-hint")));
    inputs.add(
        input(
            "meetings",
            turn.t("agreement.meetings"),
            Form.Kind.TEXT,
            false,
            LINE_MAX,
            d.communication().meetingRhythm(),
            turn.t("form.goal.meetings-hint")));
    inputs.add(
        new Form.Input(
            "level",
            turn.t("card.level"),
            Form.Kind.CHOICE,
            true,
            20,
            levels,
            Cards.key(d.evaluation().level()),
            "",
            null));
    inputs.add(
        input(
            "checkInWeeks",
            turn.t("form.goal.check-in"),
            Form.Kind.NUMBER,
            false,
            2,
            "",
            turn.t("form.goal.check-in-hint")));
    inputs.add(
        input(
            "reflectionWeeks",
            turn.t("form.goal.reflection"),
            Form.Kind.NUMBER,
            false,
            2,
            "",
            turn.t("form.goal.reflection-hint")));
    return new Form(
        Forms.GOAL,
        turn.t("form.goal.title", cards.title(c)),
        turn.t("form.goal.intro"),
        inputs,
        turn.t("form.propose"),
        Map.of(
            Forms.CASE,
            c.code().value(),
            Forms.BASE,
            String.valueOf(c.agreements().currentVersion())));
  }

  private Form rolesForm(Turn turn, Case c) {
    Draft d = draftOf(c);
    List<Form.Input> inputs = new ArrayList<>();
    for (Partner p : taskHolders(c)) {
      Optional<Task> task = d.tasks().stream().filter(t -> t.partnerSeq() == p.seq()).findFirst();
      String who = cards.name(p, turn.speakerLanguage());
      inputs.add(
          input(
              "does." + p.handle(),
              turn.t("form.roles.does", who),
              Form.Kind.LONG_TEXT,
              false,
              TASK_MAX,
              task.map(Task::does).orElse(""),
              ""));
      inputs.add(
          input(
              "needs." + p.handle(),
              turn.t("form.roles.needs", p.displayName()),
              Form.Kind.LONG_TEXT,
              false,
              TASK_MAX,
              task.map(Task::needs).orElse(""),
              ""));
    }
    return new Form(
        Forms.ROLES,
        turn.t("form.roles.title", cards.title(c)),
        turn.t("form.roles.intro"),
        inputs,
        turn.t("form.propose"),
        Map.of(
            Forms.CASE,
            c.code().value(),
            Forms.BASE,
            String.valueOf(c.agreements().currentVersion())));
  }
}
