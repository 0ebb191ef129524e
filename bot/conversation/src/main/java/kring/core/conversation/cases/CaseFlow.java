package kring.core.conversation.cases;

import static kring.core.conversation.Entries.step;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import kring.core.cases.Case;
import kring.core.cases.CaseCode;
import kring.core.cases.CaseCodes;
import kring.core.cases.CaseStatus;
import kring.core.cases.Initials;
import kring.core.cases.Refusal;
import kring.core.cases.RefusalReason;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.Command;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import kring.core.conversation.Forms;
import kring.core.conversation.Parsed;
import kring.core.conversation.Proposals;
import kring.core.conversation.Proposals.Proposal;
import kring.core.conversation.Turn;
import kring.core.conversation.reflection.Rounds;
import kring.core.i18n.Language;
import kring.core.partners.Action;
import kring.core.partners.CaseRole;
import kring.core.reply.Reply;
import kring.core.store.TurnRead;

/** Starting, showing and closing a case; help and language. */
public final class CaseFlow implements Feature {

  private static final int LOG_LINES = 15;
  private static final List<String> EXPORT = List.of("export", "exporteer", "exporteren");

  private final CaseCodes codes;
  private final Cards cards;
  private final Rounds reflection;
  private final RandomGenerator random;
  private final Overview overview;

  /**
   * @param reflection posts the summaries of what a pause closes
   * @param random shuffles the open answers of a round a pause closes
   * @param overview a person's cases, for the overview command
   */
  public CaseFlow(
      CaseCodes codes, Cards cards, Rounds reflection, RandomGenerator random, Overview overview) {
    this.overview = overview;
    this.codes = codes;
    this.cards = cards;
    this.reflection = reflection;
    this.random = random;
  }

  /** Starting a case, help, its status, card and log, language, pausing, moving, the overview. */
  @Override
  public void declare(Entries entries) {
    entries
        // The new case's code is drawn for the turn's read, which binds the channel to it where
        // it is free.
        .command(
            "START",
            List.of("start", "begin"),
            List.of("start", "begin"),
            args -> Set.of(TurnRead.Extra.bindHere(codes.next())),
            step(this::start))
        .command("HELP", List.of("hulp", "help", "?"), List.of("help"), step((t, a) -> help(t)))
        // Anywhere, also in a private chat with Kring (Teams, the playground): all my cases.
        .command(
            "OVERVIEW",
            List.of("overzicht", "mijn casussen"),
            List.of("overview", "my cases"),
            Set.of(TurnRead.Extra.SPEAKERS_CASES),
            step(
                (t, a) ->
                    t.answer(
                        overview.of(
                            t.user(),
                            t.languageChosenBy(t.user()).orElse(Language.NL),
                            t.speakersCases()))))
        .command("STATUS", List.of("stand", "status"), List.of("status"), step((t, a) -> status(t)))
        .command(
            "CARD",
            List.of("kaart", "wie", "wiedoetwat"),
            List.of("card", "who"),
            step((t, a) -> card(t)))
        .command("LOG", List.of("logboek", "log"), List.of("log", "audit"), step(this::log))
        // The language chosen is written to the speaker with the turn's read, where the store can.
        .command(
            "LANGUAGE",
            List.of("taal"),
            List.of("language"),
            args ->
                Language.fromWord(args)
                    .map(l -> Set.<TurnRead.Extra>of(TurnRead.Extra.keepLanguage(l)))
                    .orElse(Set.of()),
            step(this::language))
        .command(
            "PAUSE",
            List.of("pauzeer", "pauze"),
            List.of("pause"),
            step((t, a) -> pause(t, true, false)))
        .command(
            "RESUME", List.of("hervat"), List.of("resume"), step((t, a) -> pause(t, false, false)))
        // The case moving in is read with the turn's own, and the channel bound to it where it is
        // free.
        .command(
            "MOVE",
            List.of("verhuis", "verhuizen"),
            List.of("move"),
            args ->
                moving(args)
                    .map(
                        code ->
                            Set.of(TurnRead.Extra.caseNamed(code), TurnRead.Extra.bindHere(code)))
                    .orElse(Set.of()),
            step(this::move))
        .button(Actions.PAUSE, step((t, v) -> pressPause(t, v, true)))
        .button(Actions.RESUME, step((t, v) -> pressPause(t, v, false)))
        .button(
            Actions.SHOW_CARD,
            step(
                (t, v) -> {
                  Proposals.requireThisCase(t, v);
                  card(t);
                }))
        .button(
            Actions.CLOSE_EXPORT,
            step(
                (t, v) -> {
                  t.enterCase(v);
                  export(t);
                }));
  }

  private void pressPause(Turn turn, String value, boolean pause) {
    Proposals.requireThisCase(turn, value);
    pause(turn, pause, true);
  }

  /** Kring was added to a channel: say what it does, what it keeps, and the first step. */
  public void added(Turn turn) {
    if (turn.caseHere().isPresent()) {
      if (!resumed(turn)) {
        turn.announce(
            Reply.text(
                turn.tc(
                    "added.existing-case",
                    cards.title(turn.caseHere().get()),
                    turn.typed(word("STATUS", turn, turn.caseLanguage())))));
      }
      return;
    }
    String start = word("START", turn, turn.caseLanguage());
    turn.announce(
        Reply.builder()
            .heading(turn.tc("welcome.title"))
            .text(turn.tc("welcome.what"))
            .note(turn.tc("welcome.privacy"))
            .text(turn.tc("welcome.first-step", turn.typed(start), turn.typed(start + " AB")))
            .build());
  }

  /** The case's channel is back (unarchived): a case its loss paused runs again and says so. */
  public void channelBack(Turn turn) {
    if (turn.caseHere().isPresent()) {
      resumed(turn);
    }
  }

  /** Resumes the case here if losing its channel paused it, and says so; whether it did. */
  private boolean resumed(Turn turn) {
    Case c = turn.caseHere().orElseThrow();
    turn.change(now -> now.channelBack(turn.now()));
    if (!turn.wrote()) {
      return false;
    }
    turn.announce(Reply.text(turn.tc("added.case-resumed", cards.title(c))));
    return true;
  }

  /** A command's word in a language, as a text shows it. */
  private static String word(String command, Turn turn, Language language) {
    return turn.entries().commands().stream()
        .filter(c -> c.name().equals(command))
        .findFirst()
        .orElseThrow()
        .word(language);
  }

  /**
   * {@code verhuis K-7F3Q}/{@code move K-7F3Q}, typed in the new channel by the case's coordinator
   * or backup: the case, with its agreements and history, now lives here.
   */
  void move(Turn turn, String args) {
    if (turn.caseHere().isPresent()) {
      throw new Refusal(RefusalReason.CHANNEL_HAS_CASE, cards.title(turn.caseHere().get()));
    }
    Optional<CaseCode> code = moving(args);
    if (code.isEmpty()) {
      turn.answer("move.usage");
      return;
    }
    Case before =
        turn.find(code.get())
            .filter(c -> c.partner(turn.user()).isPresent())
            .orElseThrow(() -> new Refusal(RefusalReason.MOVE_UNKNOWN, code.get().value()));
    turn.adopt(before);
    Case moved = turn.change(now -> now.moveTo(turn.user(), turn.channel(), turn.now()));
    turn.announceIn(before.channel(), Reply.text(turn.tc("move.left-here", cards.title(moved))));
    turn.announce(
        Reply.builder()
            .text(turn.tc("move.done", cards.title(moved)))
            .note(turn.tc("move.who"))
            .build());
    // The card names people, roles and consent: it is shown privately, never in the channel.
    turn.answer(cards.caseCard(moved, turn.speakerLanguage(), turn.now()));
  }

  /** The code of the case a move names, if its arguments are one. */
  private static Optional<CaseCode> moving(String args) {
    String code = args == null ? "" : args.strip().toUpperCase(Locale.ROOT);
    return CaseCode.isValid(code) ? Optional.of(new CaseCode(code)) : Optional.empty();
  }

  /** {@code start [initials] [nl|en]}: starts a case in this channel. */
  void start(Turn turn, String args) {
    // A closed case frees its channel: its history stays under its code until it is erased.
    if (turn.caseHere().filter(c -> c.status() != CaseStatus.CLOSED).isPresent()) {
      throw new Refusal(RefusalReason.CHANNEL_HAS_CASE, cards.title(turn.caseHere().get()));
    }
    Initials initials = null;
    Language language = turn.speakerLanguage();
    for (String word : args.isBlank() ? new String[0] : args.split("\\s+")) {
      Optional<Language> asLanguage = Language.fromWord(word);
      if (asLanguage.isPresent()) {
        language = asLanguage.get();
        continue;
      }
      if (initials != null) {
        throw new Refusal(RefusalReason.INITIALS, word);
      }
      initials = Initials.parse(word).orElseThrow(() -> new Refusal(RefusalReason.INITIALS, word));
    }
    Case started = create(turn, initials, language);
    turn.started(started);
    turn.announce(
        Reply.builder()
            .heading(turn.tc("start.title", cards.title(started)))
            .text(turn.tc("start.what"))
            .note(turn.tc("welcome.privacy"))
            .text(turn.tc("start.next", turn.speaker().displayName()))
            .button(turn.tc("button.introduce"), Actions.OPEN_FORM, Forms.INTRODUCE)
            .button(turn.tc("button.join"), Actions.OPEN_FORM, Forms.JOIN)
            .build());
  }

  /**
   * A new case with a fresh random code (the one drawn for the turn's read), not looked up first:
   * the turn's commit checks that no case has (or had) it, and fails when one does, or when another
   * case took the channel meanwhile; the turn is then done again, with another code.
   */
  private Case create(Turn turn, Initials initials, Language language) {
    return Case.start(
        turn.codeToBindHere().orElseGet(codes::next),
        initials,
        turn.channel(),
        language,
        turn.user(),
        turn.speaker().displayName(),
        turn.now());
  }

  void help(Turn turn) {
    Reply.Builder help = Reply.builder().heading(turn.t("help.title"));
    if (turn.commandsAddressed()) {
      help.text(
          turn.t("help.intro.mention", turn.typed(word("STATUS", turn, turn.speakerLanguage()))));
    } else {
      help.text(turn.t("help.intro"));
    }
    boolean dutch = turn.speakerLanguage() == Language.NL;
    for (Command command : inHelpOrder(turn.entries().commands())) {
      help.field(dutch ? command.dutchWord() : command.englishWord(), turn.t(command.helpKey()));
    }
    help.note(turn.t("help.words"));
    help.note(turn.t("help.both-languages"));
    turn.answer(help.build());
  }

  public void unknown(Turn turn, Parsed parsed) {
    if (parsed.word().isEmpty()) {
      help(turn);
      return;
    }
    String word =
        parsed.word().length() > 30 ? parsed.word().substring(0, 30) + "…" : parsed.word();
    Optional<String> close =
        closest(
            parsed.word(),
            inHelpOrder(turn.entries().commands()).stream().flatMap(Command::words).toList());
    if (close.isPresent()) {
      turn.answer("unknown.did-you-mean", word, close.get());
    } else {
      turn.answer("unknown.command", word);
    }
  }

  void status(Turn turn) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.NOT_A_PARTNER);
    Reply.Builder status =
        Reply.builder()
            .heading(turn.t("status.title", cards.title(c)))
            .field(turn.t("card.status"), Cards.statusWord(c, turn.speakerLanguage()))
            .field(turn.t("status.partners"), String.valueOf(Cards.acting(c)));
    c.currentAgreement()
        .ifPresentOrElse(
            a -> {
              long confirmed =
                  c.confirmingPartners().stream().filter(p -> a.confirmedBy(p.seq())).count();
              status.field(
                  turn.t("status.agreement"),
                  a.version() == c.agreements().agreedVersion()
                      ? turn.t("status.version-agreed", a.version())
                      : turn.t(
                          "status.version-confirmed", a.version(), confirmed, Cards.acting(c)));
            },
            () -> status.field(turn.t("status.agreement"), turn.t("card.no-agreement")));
    if (!c.team().joinRequests().isEmpty()) {
      status.field(turn.t("status.join-requests"), String.valueOf(c.team().joinRequests().size()));
    }
    status.note(turn.t(nextStepKey(c)));
    turn.answer(status.build());
  }

  void card(Turn turn) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.CARD_PARTNERS_ONLY);
    turn.answer(cards.caseCard(c, turn.speakerLanguage(), turn.now()));
  }

  /** {@code log}: the newest audit lines; {@code log export}: all of it with the case summary. */
  void log(Turn turn, String args) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.CARD_PARTNERS_ONLY);
    String word = args == null ? "" : args.strip().toLowerCase(Locale.ROOT);
    if (word.isEmpty()) {
      turn.answer(cards.log(c, turn.speakerLanguage(), LOG_LINES));
      return;
    }
    if (!EXPORT.contains(word)) {
      throw new Refusal(RefusalReason.LOG_ARGS);
    }
    export(turn);
  }

  /**
   * The case's summary with its audit trail, as a Markdown file for the coordinator's or backup's
   * own file; also for a closed case, until it is erased. It goes to them as a private message, not
   * as an answer: Slack shares a file in a direct message, never in an answer only they see.
   */
  void export(Turn turn) {
    Case c = turn.requireCase();
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.CARD_PARTNERS_ONLY);
    // The export is for the coordinator's own file; the file goes to the
    // coordination (as with closing), while every partner reads the trail itself.
    CaseRole role = c.roleOf(turn.user());
    if (role != CaseRole.COORDINATOR && role != CaseRole.BACKUP) {
      throw new Refusal(RefusalReason.EXPORT_WHO);
    }
    turn.tell(turn.user(), new AuditExport(cards).message(c, turn.speakerLanguage(), turn.now()));
  }

  void language(Turn turn, String args) {
    Language language =
        Language.fromWord(args).orElseThrow(() -> new Refusal(RefusalReason.LANGUAGE, args));
    turn.languageChosen(language);
    turn.answer("language.set");
  }

  /**
   * {@code pause} / {@code resume}: the coordinator or backup does it; a partner's command posts a
   * proposal with a button for them and only they can press it. A check-in or round still open
   * closes with the pause, and the channel gets its summary.
   */
  void pause(Turn turn, boolean pause, boolean pressed) {
    Case before = turn.requireCase();
    Proposals.decide(
        turn,
        pressed,
        new Proposal(
            pause ? "pause" : "resume",
            pause ? Actions.PAUSE : Actions.RESUME,
            "",
            List.of(),
            c -> c.paused() == pause,
            RefusalReason.ONLY_COORDINATOR_PAUSES,
            c ->
                pause
                    ? c.pause(turn.user(), turn.now(), random)
                    : c.resume(turn.user(), turn.now())));
    List<Rounds.Message> summaries =
        reflection.stopped(before, turn.requireCase(), turn::languageOf);
    if (!summaries.isEmpty()) {
      turn.announce(Reply.text(turn.tc("pause.closes-open")));
      Rounds.post(turn, summaries);
    }
  }

  private static String nextStepKey(Case c) {
    if (c.status() == CaseStatus.CLOSED) {
      return "next.closed";
    }
    if (c.closing()) {
      return "next.closing";
    }
    if (c.partners().stream().anyMatch(p -> p.hasAccount() && !p.introduced())) {
      return "next.introduce";
    }
    if (c.currentAgreement().isEmpty()) {
      return "next.goal";
    }
    if (c.currentAgreement().get().tasks().isEmpty()) {
      return "next.roles";
    }
    if (c.agreements().agreedVersion() != c.agreements().currentVersion()) {
      return "next.confirm";
    }
    return "next.run";
  }

  /**
   * The order help lists commands in: a case's life, from its first steps to its end, as people
   * meet them. A command not named here comes after these, in the order the features declare them.
   * The same order settles a tie between two words a typo is equally close to.
   */
  static final List<String> HELP_ORDER =
      List.of(
          "START",
          "HELP",
          "OVERVIEW",
          "JOIN",
          "INTRODUCE",
          "GOAL",
          "ROLES",
          "CONFIRM",
          "STATUS",
          "CARD",
          "LOG",
          "LANGUAGE",
          "SCHEDULE",
          "HOURS",
          "FREE_DAY",
          "HOLIDAYS",
          "CADENCE",
          "TRANSITION",
          "PAUSE",
          "RESUME",
          "UPDATE",
          "REFLECT",
          "CONSENT",
          "REPRESENT",
          "FAMILY_LINK",
          "FAMILY_GOAL",
          "VOICE",
          "LEAVE",
          "MOVE",
          "REMOVE",
          "CLOSE",
          "ERASE",
          "FORGET_ME");

  static List<Command> inHelpOrder(List<Command> commands) {
    return commands.stream()
        .sorted(
            Comparator.comparingInt(
                (Command c) ->
                    HELP_ORDER.contains(c.name())
                        ? HELP_ORDER.indexOf(c.name())
                        : HELP_ORDER.size()))
        .toList();
  }

  /** The command word one or two typos away, so "stauts" or "hlep" gets a helpful answer. */
  private static Optional<String> closest(String word, List<String> words) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = 3;
    for (String candidate : words) {
      int distance = distance(lower, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Edit distance where swapping two neighbouring letters counts as one typo. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2 || a.length() > 40) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
