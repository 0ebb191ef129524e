package kring.core.conversation.team;

import static kring.core.conversation.Entries.step;
import static kring.core.conversation.FormReader.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kring.core.cases.Case;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Entries;
import kring.core.conversation.Entries.CaseBinding;
import kring.core.conversation.Feature;
import kring.core.conversation.FormReader;
import kring.core.conversation.Forms;
import kring.core.conversation.Outcome;
import kring.core.conversation.PlaceNames;
import kring.core.conversation.Turn;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.CaseRole;
import kring.core.partners.JoinRequest;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reply.Form;
import kring.core.reply.Reply;

/** Getting to know each other: asking to join, accepting, and introducing one's role. */
public final class MembershipFlow implements Feature {

  static final int NAME_MAX = 60;
  static final int ORGANISATION_MAX = 80;

  private final Cards cards;
  private final TeamFlow team;

  public MembershipFlow(Cards cards, TeamFlow team) {
    this.cards = cards;
    this.team = team;
  }

  /** Asking to join, introducing oneself, and the coordinator's answer to a request. */
  @Override
  public void declare(Entries entries) {
    entries
        .command("JOIN", List.of("aansluiten", "meedoen"), List.of("join"), (t, a) -> join(t))
        .command(
            "INTRODUCE",
            List.of("voorstellen", "rol"),
            List.of("introduce", "role"),
            (t, a) -> introduce(t))
        .button(Actions.ACCEPT_JOIN, step(this::accept))
        .button(Actions.DECLINE_JOIN, step(this::decline))
        .form(Forms.INTRODUCE, (t, code, about) -> introduce(t), this::submitIntroduce)
        .form(Forms.JOIN, CaseBinding.APPLICANT, (t, code, about) -> join(t), this::submitJoin);
  }

  /** {@code join}: a channel member opens the form to ask to join the case. */
  Outcome join(Turn turn) {
    Case c = turn.requireCase();
    if (c.roleOf(turn.user()) != CaseRole.NON_MEMBER) {
      throw new Refusal(RefusalReason.ALREADY_PARTNER);
    }
    return Outcome.open(personForm(turn, c, Forms.JOIN, null));
  }

  /** {@code introduce}: a partner opens the form to say who they are and what their role is. */
  Outcome introduce(Turn turn) {
    Case c = turn.requireCase();
    if (c.roleOf(turn.user()) == CaseRole.NON_MEMBER) {
      throw new Refusal(RefusalReason.INTRODUCE_JOIN_FIRST);
    }
    return Outcome.open(personForm(turn, c, Forms.INTRODUCE, c.partner(turn.user()).orElse(null)));
  }

  Outcome submitJoin(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    FormReader form = new FormReader(values, turn);
    Person person = readPerson(form);
    String takePart = form.text("takePart", true, 20);
    if (!takePart.isEmpty() && !takePart.equals("partner") && !takePart.equals("informed")) {
      form.error("takePart", "form.choose");
    }
    boolean informedOnly = "informed".equals(takePart);
    if (!form.ok()) {
      return Outcome.open(personForm(turn, c, Forms.JOIN, null).withErrors(values, form.errors()));
    }
    boolean known = c.team().joinRequest(turn.user()).isPresent();
    JoinRequest request =
        new JoinRequest(
            turn.user(),
            person.name,
            person.organisation,
            person.sector,
            person.role,
            informedOnly,
            turn.now());
    Case changed = turn.change(now -> now.askToJoin(request));
    if (!turn.wrote()) {
      turn.answer("join.already-asked");
      return Outcome.FORM_DONE;
    }
    turn.answer(known ? "join.updated" : "join.asked");
    String value = changed.code().value() + " " + turn.user().key();
    turn.announceAt(
        PlaceNames.join(turn.user()),
        request(turn, request)
            .note(turn.tc("join.who-decides"))
            .primary(turn.tc("button.accept"), Actions.ACCEPT_JOIN, value)
            .button(turn.tc("button.decline"), Actions.DECLINE_JOIN, value)
            .build());
    return Outcome.FORM_DONE;
  }

  /** What a request to join says about the applicant, as its post in the channel shows it. */
  private Reply.Builder request(Turn turn, JoinRequest request) {
    String who =
        describe(
            new Person(
                request.displayName(), request.organisation(), request.sector(), request.role()),
            turn.caseLanguage());
    return Reply.builder()
        .text(turn.tc(request.informedOnly() ? "join.announce-informed" : "join.announce", who));
  }

  /** The request's post, handled: who did it, and no buttons any more. */
  private void handled(Turn turn, JoinRequest request, String key) {
    String by =
        turn.read()
            .partner(turn.user())
            .map(p -> p.displayName())
            .orElse(turn.speaker().displayName());
    turn.announceAt(
        PlaceNames.join(request.user()), request(turn, request).note(turn.tc(key, by)).build());
  }

  Outcome submitIntroduce(Turn turn, Map<String, String> values) {
    Case c = turn.requireCase();
    // Someone outside the case is refused before their answers are read, not shown the form again.
    c.requireAllowed(turn.user(), Action.INTRODUCE_SELF, RefusalReason.NOT_A_PARTNER);
    FormReader form = new FormReader(values, turn);
    Person person = readPerson(form);
    if (!form.ok()) {
      return Outcome.open(
          personForm(turn, c, Forms.INTRODUCE, c.partner(turn.user()).orElse(null))
              .withErrors(values, form.errors()));
    }
    Case changed =
        turn.change(
            now ->
                now.introduce(
                    turn.user(),
                    person.name,
                    person.organisation,
                    person.sector,
                    person.role,
                    turn.now()));
    if (!turn.wrote()) {
      turn.answer("introduce.unchanged");
      return Outcome.FORM_DONE;
    }
    Partner partner = changed.partner(turn.user()).orElseThrow();
    turn.announce(
        Reply.builder()
            .text(turn.tc("introduce.announce", cards.name(partner, turn.caseLanguage())))
            .note(Texts.get(turn.caseLanguage(), person.role.aboutKey()))
            .button(turn.tc("button.card"), Actions.SHOW_CARD, changed.code().value())
            .build());
    return Outcome.FORM_DONE;
  }

  /** Someone joined the channel: a non-member hears privately what Kring is and how to join. */
  public void joinedChannel(Turn turn) {
    Optional<Case> here = turn.caseHere();
    if (here.isEmpty() || here.get().team().involves(turn.user())) {
      return;
    }
    Case c = here.get();
    turn.tell(
        turn.user(),
        Reply.builder()
            .heading(turn.t("joined.title", cards.title(c)))
            .text(turn.t("welcome.what"))
            .note(turn.t("welcome.privacy"))
            .text(turn.t("joined.how-to-join"))
            // Pressed in the private chat, so the button names the case.
            .primary(turn.t("button.join"), Actions.OPEN_FORM, Forms.JOIN + " " + c.code().value())
            .build());
  }

  /** The coordinator or backup accepts; the newcomer gets the case card privately. */
  void accept(Turn turn, String value) {
    UserRef applicant = applicant(turn, value);
    Case before = turn.requireCase();
    if (before.partner(applicant).isPresent()) {
      turn.answer("join.already-accepted");
      return;
    }
    JoinRequest request =
        before
            .team()
            .joinRequest(applicant)
            .orElseThrow(() -> new Refusal(RefusalReason.BAD_BUTTON));
    Case after = turn.change(c -> c.acceptJoin(turn.user(), applicant, turn.now()));
    Partner joined = after.partner(applicant).orElseThrow();
    handled(turn, request, "join.handled-accepted");
    turn.announce(Reply.text(turn.tc("join.accepted", cards.name(joined, turn.caseLanguage()))));
    Language theirs = turn.languageOf(applicant);
    turn.tell(
        applicant,
        Reply.builder().text(Texts.get(theirs, "join.welcome", cards.title(after))).build());
    turn.tell(applicant, cards.caseCard(after, theirs, turn.now()));
    team.welcome(turn, joined);
  }

  void decline(Turn turn, String value) {
    UserRef applicant = applicant(turn, value);
    Case before = turn.requireCase();
    Optional<JoinRequest> request = before.team().joinRequest(applicant);
    if (request.isEmpty()) {
      turn.answer("join.already-handled");
      return;
    }
    turn.change(c -> c.declineJoin(turn.user(), applicant, turn.now()));
    handled(turn, request.get(), "join.handled-declined");
    turn.answer("join.declined-you");
    turn.tell(applicant, Reply.text(Texts.get(turn.languageOf(applicant), "join.declined")));
  }

  private UserRef applicant(Turn turn, String value) {
    Case c = turn.requireCase();
    String[] parts = value == null ? new String[0] : value.split(" ", 2);
    if (parts.length != 2 || !parts[0].equals(c.code().value())) {
      throw new Refusal(RefusalReason.OTHER_CASE);
    }
    c.requireAllowed(turn.user(), Action.ADD_PARTNER, RefusalReason.ONLY_COORDINATOR_ACCEPTS);
    try {
      return UserRef.parse(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new Refusal(RefusalReason.BAD_BUTTON);
    }
  }

  private Form personForm(Turn turn, Case c, String id, Partner current) {
    List<Form.Option> roles = new ArrayList<>();
    for (Role role : Role.values()) {
      roles.add(new Form.Option(Cards.key(role), turn.t(role.nameKey())));
    }
    List<Form.Option> sectors = new ArrayList<>();
    for (Sector sector : Sector.values()) {
      sectors.add(new Form.Option(Cards.key(sector), turn.t("sector." + Cards.key(sector))));
    }
    String name = current == null ? turn.speaker().displayName() : current.displayName();
    List<Form.Input> inputs = new ArrayList<>();
    inputs.add(input("name", turn.t("form.person.name"), Form.Kind.TEXT, true, NAME_MAX, name, ""));
    inputs.add(
        input(
            "organisation",
            turn.t("form.person.organisation"),
            Form.Kind.TEXT,
            false,
            ORGANISATION_MAX,
            current == null || current.organisation() == null ? "" : current.organisation(),
            turn.t("form.person.organisation-hint")));
    inputs.add(
        new Form.Input(
            "role",
            turn.t("form.person.role"),
            Form.Kind.CHOICE,
            true,
            40,
            roles,
            current == null || current.role() == null ? "" : Cards.key(current.role()),
            turn.t("form.person.role-hint"),
            null));
    inputs.add(
        new Form.Input(
            "sector",
            turn.t("form.person.sector"),
            Form.Kind.CHOICE,
            false,
            20,
            sectors,
            current == null || current.sector() == null ? "" : Cards.key(current.sector()),
            turn.t("form.person.sector-hint"),
            null));
    if (Forms.JOIN.equals(id)) {
      inputs.add(
          new Form.Input(
              "takePart",
              turn.t("form.join.take-part"),
              Form.Kind.CHOICE,
              true,
              20,
              List.of(
                  new Form.Option("partner", turn.t("form.join.as-partner")),
                  new Form.Option("informed", turn.t("form.join.as-informed"))),
              "partner",
              "",
              null));
    }
    boolean join = Forms.JOIN.equals(id);
    return new Form(
        id,
        turn.t(join ? "form.join.title" : "form.introduce.title", cards.title(c)),
        turn.t(join ? "form.join.intro" : "form.introduce.intro"),
        inputs,
        turn.t(join ? "form.join.submit" : "form.save"),
        Map.of(Forms.CASE, c.code().value()));
  }

  private Person readPerson(FormReader form) {
    String name = form.text("name", true, NAME_MAX);
    String organisation = form.text("organisation", false, ORGANISATION_MAX);
    Optional<Role> role = form.choice("role", Role.class, true);
    Optional<Sector> sector = form.choice("sector", Sector.class, false);
    Sector resolved = sector.orElse(role.map(Role::usualSector).orElse(null));
    if (role.isPresent() && resolved == null) {
      form.error("sector", "form.person.sector-needed");
    }
    return new Person(
        name, organisation.isEmpty() ? null : organisation, resolved, role.orElse(null));
  }

  private String describe(Person person, Language lang) {
    String text = person.name + " (" + Texts.get(lang, person.role.nameKey());
    if (person.organisation != null) {
      text += ", " + person.organisation;
    }
    return text + ")";
  }

  private record Person(String name, String organisation, Sector sector, Role role) {}
}
