package io.jsalt.common;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Salt's job id: the UTC time the job was made as 20 digits, {@code %Y%m%d%H%M%S%f}
 * (salt.utils.jid.gen_jid). An instance hands out strictly increasing JIDs: when the clock
 * has not moved on (or went back) since the last one, the next is the last plus one
 * microsecond, as Salt does with {@code unique_jid} (without Salt's "_pid" suffix).
 */
public final class Jid {
    public static final int LENGTH = 20;

    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("uuuuMMddHHmmssSSSSSS", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TO_TIME = DateTimeFormatter
            .ofPattern("uuuu, MMM dd HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final AtomicLong lastMicros = new AtomicLong(Long.MIN_VALUE);

    public Jid(Clock clock) {
        this.clock = clock;
    }

    /** A generator on the system clock (JIDs are UTC whatever the zone). */
    public static Jid systemUtc() {
        return new Jid(Clock.systemUTC());
    }

    /** The next JID, later than every JID this instance made before. */
    public String next() {
        Instant now = clock.instant();
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long micros = lastMicros.accumulateAndGet(nowMicros, (last, cur) -> cur > last ? cur : last + 1);
        return format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    /** The JID for an instant (truncated to microseconds). */
    public static String format(Instant t) {
        return FORMAT.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** The number the width digits at s[at] spell (already checked to be digits). */
    private static int number(String s, int at, int width) {
        int n = 0;
        for (int i = at; i < at + width; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    /**
     * The instant a JID names.
     *
     * @throws IllegalArgumentException naming the input if it is not a JID
     */
    public static Instant parse(String jid) {
        if (jid == null || jid.length() != LENGTH || !allDigits(jid)) {
            throw new IllegalArgumentException("'" + jid + "' is not a valid JID: a JID is "
                    + LENGTH + " digits, the UTC time as YYYYMMDDhhmmssffffff (e.g. "
                    + "20240102030405123456)");
        }
        try {
            // The master checks the JID of every return it takes (2,000 for one command to
            // 2,000 minions), and the formatter's parse showed in that command's profile: the
            // fields are read as the digits they are, and LocalDateTime.of checks each one's
            // range and the day against its month and year, as the strict formatter did.
            return LocalDateTime.of(number(jid, 0, 4), number(jid, 4, 2), number(jid, 6, 2),
                    number(jid, 8, 2), number(jid, 10, 2), number(jid, 12, 2),
                    number(jid, 14, 6) * 1000).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + jid + "' is not a valid JID: "
                    + jid.substring(0, 4) + "-" + jid.substring(4, 6) + "-" + jid.substring(6, 8)
                    + " " + jid.substring(8, 10) + ":" + jid.substring(10, 12) + ":"
                    + jid.substring(12, 14) + " is not a date and time", e);
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Checks a JID a user gave and returns it; the error says what a JID looks like. */
    public static String validate(String jid) {
        parse(jid);
        return jid;
    }

    /** Whether s is a valid JID (20 digits naming a real UTC time). */
    public static boolean isValid(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * salt.utils.jid.jid_to_time: "2013, Dec 19 11:07:00.123489"; "" for anything that is
     * not a JID (Salt returns "" for a wrong length).
     */
    public static String toTime(String jid) {
        if (!isValid(jid)) {
            return "";
        }
        return TO_TIME.format(parse(jid));
    }
}
