package io.jsalt.minion.grains;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The short name of the local time zone at this moment, the {@code locale_info:timezone}
 * grain. Salt gives {@code datetime.now(tzlocal()).tzname()}: the abbreviation the zone's
 * tzdata file names for standard or summer time ("UTC", "CET", "CEST", "+0330").
 *
 * <p>It is read from the POSIX TZ rule that ends every TZif file of version 2 or later
 * ({@code CET-1CEST,M3.5.0,M10.5.0/3}): the JDK's own way, {@link TimeZone#getDisplayName},
 * loads the JDK's CLDR locale data with the names of every zone (classes and tables a minion
 * would then keep for one grain), and its names are not tzdata's. When there is no
 * such file or rule (an offset-only zone, an old TZif file), the JDK's name is used.
 */
final class LocalTimezone {
    static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");

    private LocalTimezone() {}

    /** The grain's value for the JVM's default zone. */
    static String now() {
        ZoneId zone = ZoneId.systemDefault();
        String rule = ruleOf(ruleFile(zone));
        String name = rule == null ? null : abbreviation(rule, zone, Instant.now());
        return name != null ? name
                : TimeZone.getTimeZone(zone).getDisplayName(false, TimeZone.SHORT, Locale.ROOT);
    }

    private static Path ruleFile(ZoneId zone) {
        try {
            Path file = ZONEINFO.resolve(zone.getId()).normalize();
            if (file.startsWith(ZONEINFO) && Files.isRegularFile(file)) {
                return file;
            }
        } catch (RuntimeException e) {
            // An id that is not a path ("+01:00" is, harmlessly): fall through.
        }
        return Path.of("/etc/localtime");
    }

    /** The POSIX TZ rule at the end of a TZif (version 2+) file, or null. */
    static String ruleOf(Path tzif) {
        byte[] b;
        try {
            b = Files.readAllBytes(tzif);
        } catch (IOException | SecurityException e) {
            return null;
        }
        if (b.length < 6 || b[0] != 'T' || b[1] != 'Z' || b[2] != 'i' || b[3] != 'f' || b[4] < '2'
                || b[b.length - 1] != '\n') {
            return null;
        }
        int start = b.length - 2;
        while (start >= 0 && b[start] != '\n') {
            start--;
        }
        if (start < 0) {
            return null;
        }
        String rule = new String(b, start + 1, b.length - start - 2, StandardCharsets.US_ASCII);
        return rule.isEmpty() ? null : rule;
    }

    /**
     * The abbreviation a POSIX TZ rule gives: its standard name, or its summer-time name while
     * {@code zone} observes summer time at {@code at}. Null when the rule does not parse.
     */
    static String abbreviation(String rule, ZoneId zone, Instant at) {
        int[] pos = {0};
        String std = name(rule, pos);
        if (std == null) {
            return null;
        }
        // The standard offset: [+-]hh[:mm[:ss]].
        int i = pos[0];
        if (i < rule.length() && (rule.charAt(i) == '+' || rule.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < rule.length() && (Character.isDigit(rule.charAt(i)) || rule.charAt(i) == ':')) {
            i++;
        }
        if (i == digits) {
            return null;
        }
        pos[0] = i;
        String dst = i < rule.length() ? name(rule, pos) : null;
        if (dst == null) {
            return std;
        }
        try {
            return zone.getRules().isDaylightSavings(at) ? dst : std;
        } catch (DateTimeException e) {
            return std;
        }
    }

    /** A zone name at pos[0]: three or more letters, or anything quoted in angle brackets. */
    private static String name(String rule, int[] pos) {
        int i = pos[0];
        if (i < rule.length() && rule.charAt(i) == '<') {
            int end = rule.indexOf('>', i);
            if (end < 0) {
                return null;
            }
            pos[0] = end + 1;
            return end - i - 1 >= 3 ? rule.substring(i + 1, end) : null;
        }
        int end = i;
        while (end < rule.length() && isAsciiLetter(rule.charAt(end))) {
            end++;
        }
        if (end - i < 3) {
            return null;
        }
        pos[0] = end;
        return rule.substring(i, end);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
