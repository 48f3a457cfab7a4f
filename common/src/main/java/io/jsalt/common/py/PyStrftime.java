package io.jsalt.common.py;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Python's datetime.strftime in the C locale, which hands the format to the C library: the
 * directives of Python's documentation and the glibc ones Salt trees use (%e, %F, %T, %s ...).
 * An unknown directive is printed as it is, as glibc does.
 */
public final class PyStrftime {
    private PyStrftime() {}

    public static String format(ZonedDateTime t, String fmt) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 == fmt.length()) {
                sb.append(c);
                continue;
            }
            char d = fmt.charAt(++i);
            switch (d) {
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
                case 'b', 'h' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
                case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
                case 'c' -> sb.append(format(t, "%a %b %e %H:%M:%S %Y"));
                case 'C' -> sb.append(pad(t.getYear() / 100, 2));
                case 'd' -> sb.append(pad(t.getDayOfMonth(), 2));
                case 'D', 'x' -> sb.append(format(t, "%m/%d/%y"));
                case 'e' -> sb.append(String.format("%2d", t.getDayOfMonth()));
                case 'f' -> sb.append(pad(t.getNano() / 1000, 6));
                case 'F' -> sb.append(format(t, "%Y-%m-%d"));
                case 'G' -> sb.append(t.get(IsoFields.WEEK_BASED_YEAR));
                case 'g' -> sb.append(pad(t.get(IsoFields.WEEK_BASED_YEAR) % 100, 2));
                case 'H' -> sb.append(pad(t.getHour(), 2));
                case 'I' -> sb.append(pad(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2));
                case 'j' -> sb.append(pad(t.getDayOfYear(), 3));
                case 'k' -> sb.append(String.format("%2d", t.getHour()));
                case 'l' -> sb.append(String.format("%2d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12));
                case 'm' -> sb.append(pad(t.getMonthValue(), 2));
                case 'M' -> sb.append(pad(t.getMinute(), 2));
                case 'n' -> sb.append('\n');
                case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
                case 'P' -> sb.append(t.getHour() < 12 ? "am" : "pm");
                case 'R' -> sb.append(format(t, "%H:%M"));
                case 's' -> sb.append(t.toEpochSecond());
                case 'S' -> sb.append(pad(t.getSecond(), 2));
                case 't' -> sb.append('\t');
                case 'T', 'X' -> sb.append(format(t, "%H:%M:%S"));
                case 'u' -> sb.append(t.getDayOfWeek().getValue());
                case 'U' -> sb.append(pad((t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7, 2));
                case 'V' -> sb.append(pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2));
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'W' -> sb.append(pad((t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7, 2));
                case 'y' -> sb.append(pad(t.getYear() % 100, 2));
                case 'Y' -> sb.append(t.getYear());
                case 'z' -> sb.append(t.getOffset().getId().equals("Z") ? "+0000"
                        : t.getOffset().getId().replace(":", ""));
                case 'Z' -> sb.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.US));
                case '%' -> sb.append('%');
                default -> sb.append('%').append(d);
            }
        }
        return sb.toString();
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
