package dev.gatehouse.middleware.files;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * HTTP dates (RFC 9110 section 5.6.7): formats IMF-fixdate; parses IMF-fixdate and the two
 * obsolete forms every recipient must still accept (RFC 850 and asctime). Hand-written, so no
 * locale can change a day or month name.
 */
final class HttpDates {
    /** What {@link #parse} returns for a value that is not an HTTP date. */
    static final long INVALID = Long.MIN_VALUE;

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] LONG_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDates() {
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    static String format(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(29);
        b.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
        two(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        if (year < 1000) b.append("0".repeat(year < 10 ? 3 : year < 100 ? 2 : 1));
        b.append(year).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond()).append(" GMT");
        return b.toString();
    }

    /** {@code 06-Nov-1994 08:49}: the short form of directory listings. */
    static String formatShort(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(17);
        two(b, t.getDayOfMonth()).append('-').append(MONTHS[t.getMonthValue() - 1]).append('-').append(t.getYear()).append(' ');
        two(b, t.getHour()).append(':');
        return two(b, t.getMinute()).toString();
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /** The epoch second of an HTTP date in any of its three forms, or {@link #INVALID}. */
    static long parse(String value) {
        if (value == null) return INVALID;
        String s = value.strip();
        try {
            int comma = s.indexOf(',');
            if (comma == 3) return imfFixdate(s);
            if (comma > 3) return rfc850(s, comma);
            return asctime(s);
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            return INVALID;
        }
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT} */
    private static long imfFixdate(String s) {
        if (s.length() != 29 || !isDay(s.substring(0, 3), DAYS) || s.charAt(4) != ' ' || s.charAt(7) != ' '
                || s.charAt(11) != ' ' || s.charAt(16) != ' ' || !s.endsWith(" GMT")) {
            return INVALID;
        }
        int day = digits(s, 5, 2);
        int month = month(s.substring(8, 11));
        int year = digits(s, 12, 4);
        return time(s, 17, year, month, day);
    }

    /** {@code Sunday, 06-Nov-94 08:49:37 GMT}; a two-digit year more than 50 years ahead is in the past century. */
    private static long rfc850(String s, int comma) {
        if (!isDay(s.substring(0, comma), LONG_DAYS)) return INVALID;
        int p = comma + 1;
        if (s.length() != p + 23 || s.charAt(p) != ' ' || s.charAt(p + 3) != '-' || s.charAt(p + 7) != '-'
                || s.charAt(p + 10) != ' ' || !s.endsWith(" GMT")) {
            return INVALID;
        }
        int day = digits(s, p + 1, 2);
        int month = month(s.substring(p + 4, p + 7));
        int yy = digits(s, p + 8, 2);
        if (yy < 0) return INVALID;
        int thisYear = LocalDateTime.now(ZoneOffset.UTC).getYear();
        int year = thisYear / 100 * 100 + yy;
        if (year > thisYear + 50) year -= 100;
        return time(s, p + 11, year, month, day);
    }

    /** {@code Sun Nov  6 08:49:37 1994} */
    private static long asctime(String s) {
        if (s.length() != 24 || !isDay(s.substring(0, 3), DAYS) || s.charAt(3) != ' ' || s.charAt(7) != ' '
                || s.charAt(10) != ' ' || s.charAt(19) != ' ') {
            return INVALID;
        }
        int month = month(s.substring(4, 7));
        int day = s.charAt(8) == ' ' ? digits(s, 9, 1) : digits(s, 8, 2);
        int year = digits(s, 20, 4);
        return time(s, 11, year, month, day);
    }

    /** {@code HH:MM:SS} at {@code at}, then the date. */
    private static long time(String s, int at, int year, int month, int day) {
        if (s.charAt(at + 2) != ':' || s.charAt(at + 5) != ':') return INVALID;
        int hour = digits(s, at, 2);
        int minute = digits(s, at + 3, 2);
        int second = digits(s, at + 6, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return INVALID;
        return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
    }

    private static int digits(String s, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static int month(String name) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(name)) return i + 1;
        }
        return -1;
    }

    private static boolean isDay(String name, String[] names) {
        for (String n : names) {
            if (n.equals(name)) return true;
        }
        return false;
    }
}
