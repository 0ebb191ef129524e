package kring.storage;

/** Reads the schema version every stored record carries, and refuses the ones from the future. */
final class Schemas {

  private Schemas() {}

  /**
   * The schema a record was written in.
   *
   * @param record what the record is, for the message: {@code case K-7F3Q}
   * @param stored the stored {@code schema} field, or null when absent
   * @param newest the newest schema this Kring writes and reads
   * @throws UnreadableRecord when the version is missing, malformed or newer than {@code newest}
   */
  static int version(String record, String stored, int newest) {
    int version;
    try {
      version = Integer.parseInt(stored);
    } catch (NumberFormatException e) {
      throw new UnreadableRecord(
          "The " + record + " in Redis has no valid schema version (" + stored + ")", e);
    }
    if (version > newest) {
      throw new UnreadableRecord(
          "The "
              + record
              + " in Redis was written in schema "
              + version
              + " by a newer Kring; this Kring reads up to schema "
              + newest
              + ". Run the newer Kring against this Redis.");
    }
    if (version < 1) {
      throw new UnreadableRecord(
          "The " + record + " in Redis has an impossible schema version " + version);
    }
    return version;
  }

  /** Whether a stored schema version is a valid one newer than {@code newest}. */
  static boolean newer(String stored, int newest) {
    try {
      return Integer.parseInt(stored) > newest;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
