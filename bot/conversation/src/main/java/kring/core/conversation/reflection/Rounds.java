package kring.core.conversation.reflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kring.core.cases.Case;
import kring.core.cases.CaseStatus;
import kring.core.cases.RefusalReason;
import kring.core.checkin.CheckInRound;
import kring.core.conversation.Actions;
import kring.core.conversation.Cards;
import kring.core.conversation.CheckIns;
import kring.core.conversation.Forms;
import kring.core.conversation.PlaceNames;
import kring.core.conversation.Turn;
import kring.core.i18n.Language;
import kring.core.i18n.Texts;
import kring.core.identity.UserRef;
import kring.core.partners.Action;
import kring.core.partners.Membership;
import kring.core.partners.Partner;
import kring.core.partners.Role;
import kring.core.partners.Voice;
import kring.core.reflection.OpenAnswer;
import kring.core.reflection.Question;
import kring.core.reflection.QuestionBank;
import kring.core.reflection.ReflectionRound;
import kring.core.reflection.RoundKind;
import kring.core.reflection.Summary;
import kring.core.reflection.Theme;
import kring.core.reply.Block;
import kring.core.reply.Reply;
import kring.core.reply.Text;
import kring.scheduler.planning.Planner;
import kring.scheduler.planning.RoundWindow;

/**
 * What reflection rounds say and when they run, for the flows that start, close or stop them and
 * for the prompts: the summary of a closed round, the post that one started, the private
 * invitation, what closing or pausing a case stopped, and a round's window of school days.
 */
public final class Rounds {

  private final Cards cards;
  private final Planner planner;

  /**
   * @param planner fits a round's window around school holidays and knows the transitions a round
   *     prepares for
   */
  public Rounds(Cards cards, Planner planner) {
    this.cards = cards;
    this.planner = planner;
  }

  /** Five school days: a working week to find five minutes. */
  public static final int DEFAULT_DAYS = 5;

  public static final int MAX_DAYS = 20;

  /**
   * Posts questions to talk about by name.
   *
   * @param texts the prefix of the post's texts, up to its dot: {@code <texts>title} and {@code
   *     <texts>intro}
   */
  public static void discuss(Turn turn, String code, String texts, List<Question> questions) {
    Case c = turn.enterCase(code);
    c.requireAllowed(turn.user(), Action.READ_CASE, RefusalReason.NOT_A_PARTNER);
    Reply.Builder post =
        Reply.builder().heading(turn.tc(texts + "title")).text(turn.tc(texts + "intro"));
    for (Question question : questions) {
      post.text("• " + Summary.wording(question, turn.caseLanguage()));
    }
    turn.announce(post.build());
  }

  /**
   * Posts the summary of a just-closed round, and asks the coordinator to revisit a doubted goal.
   *
   * @param closedTheCase whether closing the round closed the case (the final evaluation's end)
   */
  public void summarise(Case c, int number, Turn turn, boolean closedTheCase) {
    post(turn, summary(c, number, turn::languageOf, closedTheCase));
  }

  /**
   * What closing a round says: the summary for the channel (with a button for the coordinator to
   * turn its "one thing I would change" answers into agreed changes, when some may be shown), and a
   * private note to the coordinator.
   */
  public List<Message> summary(
      Case c, int number, Function<UserRef, Language> lang, boolean closedTheCase) {
    ReflectionRound round = c.reflections().round(number).orElseThrow();
    List<Message> messages = new ArrayList<>();
    Reply summary =
        Summary.of(
            round,
            c.reflections().closed(),
            cards.title(c),
            c.language(),
            seq -> c.partner(seq).map(Partner::displayName).orElse("P" + seq));
    summary =
        withPrepares(withFamilyViews(summary, c, round, c.language()), c, round, c.language());
    if (!changes(round).isEmpty()) {
      summary =
          Reply.builder()
              .blocks(summary.blocks())
              .button(
                  Texts.get(c.language(), "button.reflect-improve"),
                  Actions.ROUND_IMPROVE,
                  c.code().value() + ":" + number)
              .build();
    }
    if (round.kind() == RoundKind.FINAL) {
      summary =
          Reply.builder()
              .blocks(summary.blocks())
              .button(
                  Texts.get(c.language(), "button.close-export"),
                  Actions.CLOSE_EXPORT,
                  c.code().value())
              .build();
    }
    messages.addAll(retired(c, round, lang));
    messages.add(new Message(null, summary));
    if (round.kind() == RoundKind.FINAL && closedTheCase) {
      messages.add(
          new Message(
              null,
              Reply.builder()
                  .text(Texts.get(c.language(), "close.done-final", cards.title(c)))
                  .note(Texts.get(c.language(), "close.export-hint"))
                  .build()));
    }
    if (Summary.goalInDoubt(round)) {
      c.coordinator()
          .filter(Partner::hasAccount)
          .ifPresent(
              coordinator -> {
                Language l = lang.apply(coordinator.user());
                messages.add(
                    new Message(
                        coordinator.user(),
                        Reply.builder()
                            .heading(Texts.get(l, "reflection.goal-prompt.title", cards.title(c)))
                            .text(Texts.get(l, "reflection.goal-prompt.text", number))
                            // Sent privately: the button names its case.
                            .primary(
                                Texts.get(l, "button.reflect-goal"),
                                Actions.OPEN_FORM,
                                Forms.GOAL + " " + c.code().value())
                            .build()));
              });
    }
    return messages;
  }

  /**
   * Whether closing a round closed the case: the final evaluation's end, which closes the case with
   * it (a case closed at once closes its round, not the other way round).
   */
  public static boolean closedWith(Case before, Case after) {
    return before.status() != CaseStatus.CLOSED && after.status() == CaseStatus.CLOSED;
  }

  /**
   * The reply with, under its heading, which known transition the round prepares for: a regular
   * round that opened shortly before one ({@link Planner#preparedTransition}).
   */
  private Reply withPrepares(Reply reply, Case c, ReflectionRound round, Language lang) {
    if (round.kind() != RoundKind.REGULAR) {
      return reply;
    }
    return planner
        .preparedTransition(c, round.openedAt())
        .map(
            t -> {
              List<Block> blocks = new ArrayList<>(reply.blocks());
              String note = Texts.get(lang, "reflection.prepares", cards.transition(t, lang));
              blocks.add(1, new Text(note, Text.Style.NOTE));
              return new Reply(blocks);
            })
        .orElse(reply);
  }

  /** The longest a family's view runs in a round's summary: one short line. */
  static final int FAMILY_VIEW_MAX = 280;

  /**
   * The reply with, after its participation line, the view each represented pupil or parent gave
   * themselves (on their private page, shared by their representative) since the previous round
   * opened: only what the representative shared, beside the partners' own results.
   */
  private Reply withFamilyViews(Reply reply, Case c, ReflectionRound round, Language lang) {
    Instant since =
        c.reflections()
            .round(round.number() - 1)
            .map(ReflectionRound::openedAt)
            .orElse(Instant.MIN);
    List<Block> blocks = new ArrayList<>(reply.blocks());
    int at = Math.min(2, blocks.size());
    for (Partner p : c.partners()) {
      Voice voice = p.voice();
      if (!p.active()
          || p.membership() != Membership.REPRESENTED
          || voice == null
          || voice.recordedBySeq() != p.seq()
          || !voice.recordedAt().isAfter(since)) {
        continue;
      }
      String said = Cards.said(voice);
      if (said.length() > FAMILY_VIEW_MAX) {
        said = said.substring(0, FAMILY_VIEW_MAX - 1).strip() + "…";
      }
      String key =
          p.role() == Role.PUPIL ? "reflection.summary.family.pupil" : "reflection.summary.family";
      String line = Texts.get(lang, key, cards.dayInWords(voice.recordedAt(), lang), said);
      blocks.add(at++, new Text(line, Text.Style.PLAIN));
    }
    return new Reply(blocks);
  }

  /** The "one thing I would change" answers of a closed round that its summary may show. */
  static List<String> changes(ReflectionRound round) {
    if (round.result() == null || round.kind() != RoundKind.REGULAR) {
      return List.of();
    }
    return round
        .result()
        .of(QuestionBank.CHANGE)
        .map(r -> r.open().stream().map(OpenAnswer::text).toList())
        .orElse(List.of());
  }

  /** A message closing a round sends: to the channel (no person) or privately. */
  /**
   * One thing closing says: to the channel (to null) or a person; with a place, it takes the
   * buttons away from what was posted for that place (and posts nothing when nothing was).
   */
  public record Message(UserRef to, Reply reply, String retires) {

    public Message(UserRef to, Reply reply) {
      this(to, reply, null);
    }
  }

  /**
   * The posts of a round that closed lose their answer buttons: the channel's post that it started
   * and each partner's invitation.
   */
  private List<Message> retired(Case c, ReflectionRound round, Function<UserRef, Language> lang) {
    List<Message> messages = new ArrayList<>();
    String place = PlaceNames.reflection(round.number());
    messages.add(new Message(null, closedPost(c, round, c.language()), place));
    for (Partner p : c.partners()) {
      if (p.hasAccount() && round.invites(p.seq())) {
        messages.add(new Message(p.user(), closedPost(c, round, lang.apply(p.user())), place));
      }
    }
    return messages;
  }

  private Reply closedPost(Case c, ReflectionRound round, Language lang) {
    return Reply.builder()
        .heading(Texts.get(lang, kindKey(round, "reflection.started.title"), round.number()))
        .text(Texts.get(lang, kindKey(round, "reflection.closed-post"), round.number()))
        .build();
  }

  /**
   * A partner's invitation once they answered: that it is in, with a button to change it while the
   * round is open.
   */
  public Reply answered(Case c, ReflectionRound round, Language lang) {
    return Reply.builder()
        .heading(
            Texts.get(
                lang, kindKey(round, "reflection.invite.title"), round.number(), cards.title(c)))
        .text(Texts.get(lang, "reflection.answers-saved", cards.date(round.closesAt(), lang)))
        .button(
            Texts.get(lang, "button.reflect-change"),
            Actions.ROUND_ANSWER,
            c.code().value() + ":" + round.number())
        .build();
  }

  /** What a round asks without a focus or an own question: the default questions. */
  public List<Question> defaultQuestions(Case c) {
    return questions(c, Optional.empty(), Optional.empty());
  }

  /** A round's questions, with last round's agreed improvements checked if there were some. */
  static List<Question> questions(Case c, Optional<Theme> focus, Optional<Question> own) {
    boolean checkImprovements =
        c.reflections().closed().stream()
            .reduce((a, b) -> b)
            .map(r -> !r.improvements().isEmpty())
            .orElse(false);
    return QuestionBank.round(focus, own, checkImprovements);
  }

  /**
   * The channel post of a round that just started and, when it opens at once, the invitation of the
   * partner who started it. The other partners' invitations are planned like every prompt: within
   * their school days and hours and their share of messages, combined with what else Kring has for
   * them; a round that opens after a school holiday asks everyone when it opens.
   */
  public void announceStart(
      Case c, ReflectionRound round, RoundWindow window, Turn turn, String opening) {
    String place = PlaceNames.reflection(round.number());
    turn.announceAt(place, startPost(c, round, window, opening, turn.caseLanguage(), turn.now()));
    if (round.opensAfter(turn.now())) {
      return;
    }
    c.partner(round.startedBy())
        .filter(p -> p.hasAccount() && round.invites(p.seq()) && p.user().equals(turn.user()))
        .ifPresent(
            p -> turn.tellAt(p.user(), place, invitation(c, round, turn.languageOf(p.user()))));
  }

  /**
   * The channel's post that a round started, in the case's language: how it fits around a school
   * holiday, and its answer button once it takes answers.
   */
  public Reply startPost(
      Case c,
      ReflectionRound round,
      RoundWindow window,
      String opening,
      Language lang,
      Instant now) {
    Reply.Builder post =
        Reply.builder()
            .heading(Texts.get(lang, kindKey(round, "reflection.started.title"), round.number()))
            .text(opening);
    cards.holidayNote(window, "reflection", lang).ifPresent(post::text);
    post.note(Texts.get(lang, "reflection.started.anonymous", round.threshold()));
    if (!round.opensAfter(now)) {
      post.primary(
          Texts.get(lang, "button.reflect-answer"),
          Actions.ROUND_ANSWER,
          c.code().value() + ":" + round.number());
    }
    return withPrepares(post.build(), c, round, lang);
  }

  /**
   * What closing or pausing a case, or closing a round early, says about what it stopped: the
   * summaries of the check-in and the reflection round that were open before and are closed after,
   * and that a round that was to open after a holiday will not.
   */
  public List<Message> stopped(Case before, Case after, Function<UserRef, Language> lang) {
    List<Message> messages = new ArrayList<>();
    before
        .activity()
        .lastCheckIn()
        .filter(CheckInRound::open)
        .flatMap(r -> after.activity().checkIn(r.number()))
        .filter(r -> !r.open())
        .ifPresent(
            r -> {
              messages.add(new Message(null, CheckIns.summary(after, r, cards, after.language())));
              CheckIns.closedCards(after, r, cards, lang)
                  .forEach(
                      (person, card) ->
                          PlaceNames.checkInPosts(r.number())
                              .forEach(p -> messages.add(new Message(person, card, p))));
            });
    Optional<ReflectionRound> open = before.openReflection();
    if (open.isEmpty()) {
      return messages;
    }
    int number = open.get().number();
    Optional<ReflectionRound> now = after.reflections().round(number);
    if (now.isEmpty()) {
      Language l = after.language();
      String day = cards.date(open.get().openedAt(), l);
      messages.add(
          new Message(null, Reply.text(Texts.get(l, "reflection.withdrawn", number, day))));
    } else if (!now.get().isOpen()) {
      messages.addAll(summary(after, number, lang, false));
    }
    return messages;
  }

  /** Says what closing a round or a check-in says: in the channel, or privately. */
  public static void post(Turn turn, List<Message> messages) {
    for (Message message : messages) {
      if (message.retires() != null) {
        turn.retire(message.to(), message.retires(), message.reply());
      } else if (message.to() == null) {
        turn.announce(message.reply());
      } else {
        turn.tell(message.to(), message.reply());
      }
    }
  }

  /** The private invitation (and reminder) with its answer button. */
  public Reply invitation(Case c, ReflectionRound round, Language lang) {
    Reply invitation =
        Reply.builder()
            .heading(
                Texts.get(
                    lang,
                    kindKey(round, "reflection.invite.title"),
                    round.number(),
                    cards.title(c)))
            .text(
                Texts.get(
                    lang,
                    kindKey(round, "reflection.invite.text"),
                    round.questions().size(),
                    cards.date(round.closesAt(), lang)))
            .primary(
                Texts.get(lang, "button.reflect-answer"),
                Actions.ROUND_ANSWER,
                c.code().value() + ":" + round.number())
            .build();
    return withPrepares(invitation, c, round, lang);
  }

  /** A text of the final evaluation where it says something else than a regular round's. */
  public static String kindKey(ReflectionRound round, String key) {
    return round.kind() == RoundKind.FINAL ? key + ".final" : key;
  }

  /**
   * When a round asked for now takes answers: until 16:00, {@code days} school days from now, or
   * fitted around a school holiday it would run into ({@link Planner#reflectionWindow}).
   */
  public RoundWindow window(Case c, Instant now, int days) {
    return planner.reflectionWindow(c, now, days);
  }
}
