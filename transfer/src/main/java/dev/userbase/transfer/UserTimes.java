package dev.userbase.transfer;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a user's times are written, in the NDJSON lines and in the API's JSON alike. */
public final class UserTimes {

  /** UTC, exactly three fraction digits: {@code 2026-11-29T10:00:00.123Z}. */
  public static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private UserTimes() {}
}
