package kring.core.checkin;

/** A quick answer to a check-in question. */
public enum CheckInAnswer {
  YES,
  PARTLY,
  NO
}
