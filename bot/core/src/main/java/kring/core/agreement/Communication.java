package kring.core.agreement;

/**
 * How the partners reach each other.
 *
 * @param answerWithinSchoolDays how many school days a partner may take to answer
 * @param urgentContact how to reach each other when it is urgent
 * @param meetingRhythm when and how often the partners meet
 */
public record Communication(
    int answerWithinSchoolDays, String urgentContact, String meetingRhythm) {

  public static final Communication DEFAULT = new Communication(2, "", "");

  public Communication {
    if (answerWithinSchoolDays < 1 || answerWithinSchoolDays > 20) {
      throw new IllegalArgumentException("Answer time is 1 to 20 school days");
    }
    urgentContact = urgentContact == null ? "" : urgentContact;
    meetingRhythm = meetingRhythm == null ? "" : meetingRhythm;
  }
}
