package kring.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kring.core.agreement.CollaborationLevel;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.consent.Basis;
import kring.core.consent.ConsentTerms;
import kring.core.consent.GivenBy;
import kring.core.consent.InfoKind;
import kring.core.conversation.Command;
import kring.core.conversation.Entries;
import kring.core.conversation.KringConversation;
import kring.core.identity.ChannelRef;
import kring.core.identity.UserRef;
import kring.core.partners.JoinRequest;
import kring.core.partners.Role;
import kring.core.partners.Sector;
import kring.core.reply.Form;

/**
 * Every way a person can act on Kring, read from the core itself so that a new command, button or
 * form is tried without a test being changed, and a case worth breaking into: one with a join
 * request, a consent record, an open check-in, a feedback request and an erasure proposal waiting,
 * so that a button naming any of them has something to act on.
 */
public final class EntryPoints {

  /** Kring's entries, as its features declare them. */
  private static final Entries ENTRIES =
      new KringConversation(
              new InMemoryCases(),
              new InMemoryPeople(),
              new InMemoryOutbox(),
              CaseCodes.secure(),
              Clock.systemUTC(),
              () -> {})
          .entries();

  /** The action of a button that opens a form. */
  public static final String OPEN_FORM = Entries.OPEN_FORM;

  /** The form in which a person outside a case asks to join it. */
  public static final String JOIN_FORM = "partner.join";

  /** The hidden field naming the case of a form. */
  public static final String CASE = Entries.hiddenFields().get(0);

  private static final String BASE = Entries.hiddenFields().get(1);
  private static final String ROUND = Entries.hiddenFields().get(2);
  private static final String PARTNER = Entries.hiddenFields().get(3);

  /**
   * Commands anyone in a channel may use: asking to join, help, and one's own language and working
   * hours, which are kept with the person, not the case.
   */
  public static final Set<String> OPEN_TO_ANYONE = Set.of("JOIN", "HELP", "LANGUAGE", "HOURS");

  private EntryPoints() {}

  /** Every action of a button: the one that opens a form, and those the features declare. */
  public static List<String> actions() {
    List<String> actions = new ArrayList<>(List.of(OPEN_FORM));
    actions.addAll(ENTRIES.actions());
    return actions;
  }

  /** Every form id, and the names of the hidden fields (which are no forms, and so are refused). */
  public static List<String> forms() {
    List<String> forms = new ArrayList<>(ENTRIES.forms());
    forms.addAll(Entries.hiddenFields());
    return forms;
  }

  /** Every command. */
  public static List<Command> commands() {
    return ENTRIES.commands();
  }

  /**
   * Whether someone outside a case may send form {@code formId} for it: only the form that asks to
   * join, and only in the case's own channel.
   */
  public static boolean openToOutsiders(String formId, boolean inTheCasesChannel) {
    return openToOutsiders(formId, inTheCasesChannel, false);
  }

  /**
   * Whether someone outside a case may send form {@code formId} for it: only the form that asks to
   * join, in the case's own channel or in a private chat with Kring (where the welcome to someone
   * who came into the channel brings its button); never in another case's channel.
   */
  public static boolean openToOutsiders(
      String formId, boolean inTheCasesChannel, boolean inAPrivateChat) {
    return formId.equals(JOIN_FORM) && (inTheCasesChannel || inAPrivateChat);
  }

  /** Every command that acts on the case of the channel. */
  public static List<Command> caseCommands() {
    return commands().stream().filter(c -> !OPEN_TO_ANYONE.contains(c.name())).toList();
  }

  /** What may follow a command: nothing, a partner, a number, another case's code, a date. */
  public static List<String> commandArguments(CaseCode other) {
    return List.of("", "P1", "3", other.value(), "mother P1", "2026-03-04");
  }

  /**
   * The values a button of {@code action} carries in case {@code code}, shaped as Kring encodes
   * them: the form ids with the case code for a form button, else the case code alone and with what
   * the various buttons add (a version or round, a partner number, a switch, a rhythm, hours, a
   * represented person, an applicant, a prompt id of each of {@code promptOwners}).
   *
   * @param applicant a person waiting to join the case
   */
  public static List<String> buttonValues(
      String action, CaseCode code, List<UserRef> promptOwners, UserRef applicant) {
    if (action.equals(OPEN_FORM)) {
      return formButtons(code);
    }
    List<String> values = new ArrayList<>();
    for (UserRef owner : promptOwners) {
      codeShaped(code, owner, applicant).stream()
          .filter(v -> !values.contains(v))
          .forEach(values::add);
    }
    return values;
  }

  /** A form button for every form, naming the case, and once more about partner 1. */
  public static List<String> formButtons(CaseCode code) {
    List<String> values = new ArrayList<>();
    for (String form : forms()) {
      values.add(form + " " + code.value());
      values.add(form + " " + code.value() + " 1");
    }
    return values;
  }

  /**
   * A case code alone and with everything a button adds to it.
   *
   * @param partner a partner of the case, whose prompt a button might name
   * @param applicant a person waiting to join the case
   */
  public static List<String> codeShaped(CaseCode code, UserRef partner, UserRef applicant) {
    String c = code.value();
    return List.of(
        c,
        c + ":1",
        c + " 1",
        c + " 2",
        c + " on",
        c + " default",
        c + " 08:00-17:00",
        c + " mother P1",
        c + " " + applicant.key(),
        c + "/update_due/1.1/" + partner.key());
  }

  /**
   * What a form for case {@code code} sends: its hidden values pointing at that case, a version,
   * round and partner that exist there, and answers to the common inputs.
   */
  public static Map<String, String> formValues(CaseCode code) {
    Map<String, String> values = new HashMap<>();
    values.put(CASE, code.value());
    values.put(BASE, "1");
    values.put(ROUND, "1");
    values.put(PARTNER, "1");
    values.put("goal", "Taken over");
    values.put("text", "An update from outside");
    values.put("note", "A note from outside");
    values.put("role", "clb");
    return values;
  }

  /**
   * Form {@code formId} as a platform would show it for case {@code code}: {@link #formValues}'
   * hidden fields as its hidden values, and the answers as text inputs already filled in.
   */
  public static Form form(String formId, CaseCode code) {
    Map<String, String> values = formValues(code);
    Map<String, String> hidden = new HashMap<>();
    List<Form.Input> inputs = new ArrayList<>();
    for (String name : List.of(CASE, BASE, ROUND, PARTNER)) {
      hidden.put(name, values.remove(name));
    }
    values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                inputs.add(
                    new Form.Input(
                        e.getKey(),
                        e.getKey(),
                        Form.Kind.TEXT,
                        false,
                        200,
                        List.of(),
                        e.getValue(),
                        "",
                        null)));
    return new Form(formId, "Form", "", inputs, "Send", hidden);
  }

  /**
   * An active case in {@code channel} with its people (the first coordinates) and, waiting in it,
   * {@code applicant}'s request to join, a consent record, check-in 1, a feedback request from the
   * second person to the first, and the coordinator's proposal to erase the case.
   */
  public static Case busyCase(
      CaseCode code, ChannelRef channel, List<UserRef> people, UserRef applicant, Instant at) {
    UserRef coordinator = people.get(0);
    Case c = Samples.activeCase(code, channel, people, CollaborationLevel.COORDINATION, at);
    LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
    c =
        c.recordConsent(
            coordinator,
            new ConsentTerms(
                GivenBy.PARENTS,
                Basis.CONSENT,
                "",
                List.of(InfoKind.ATTENDANCE),
                List.of(2),
                List.of(),
                "to plan the return to class",
                today,
                null),
            today,
            at);
    c = c.openCheckIn(1, at, at.plusSeconds(7 * 24 * 3600));
    c = c.askFeedback(people.get(1), List.of(1), at);
    c = c.askToJoin(new JoinRequest(applicant, "Applicant", null, Sector.CLB, Role.CLB, false, at));
    return c.proposeErasure(coordinator, at);
  }
}
