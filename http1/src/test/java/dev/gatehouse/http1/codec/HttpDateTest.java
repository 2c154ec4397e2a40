package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Date header: IMF-fixdate (RFC 9110 5.6.7), always in English and GMT, two-digit day. */
class HttpDateTest {
    private static final Pattern IMF_FIXDATE = Pattern.compile("^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$");

    @Test
    void formatsNowAsImfFixdate() {
        long before = Instant.now().getEpochSecond();
        String date = new String(HttpDate.now(), StandardCharsets.US_ASCII);
        long after = Instant.now().getEpochSecond();
        assertThat(date).matches(IMF_FIXDATE);
        long parsed = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        assertThat(parsed).isBetween(before, after);
    }

    @Test
    void formatsSingleDigitDaysWithTwoDigits() throws ReflectiveOperationException {
        assertThat(format(Instant.parse("2026-03-05T07:08:09Z"))).isEqualTo("Thu, 05 Mar 2026 07:08:09 GMT");
        assertThat(format(Instant.EPOCH)).isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(format(Instant.parse("1994-11-06T08:49:37Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT"); // RFC 9110's example
        assertThat(format(Instant.parse("2026-12-31T23:59:59Z"))).matches(IMF_FIXDATE);
    }

    @Test
    void staysEnglishUnderAnyDefaultLocale() throws ReflectiveOperationException {
        Locale saved = Locale.getDefault();
        try {
            for (Locale locale : new Locale[] {Locale.GERMANY, Locale.of("tr"), Locale.JAPAN, Locale.of("ar", "EG"), Locale.of("hi", "IN")}) {
                Locale.setDefault(locale);
                String date = format(Instant.parse("2026-02-09T10:11:12Z"));
                assertThat(date).as("under %s", locale).isEqualTo("Mon, 09 Feb 2026 10:11:12 GMT");
                assertThat(new String(HttpDate.now(), StandardCharsets.US_ASCII)).as("under %s", locale).matches(IMF_FIXDATE);
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void roundTripsThroughRfc1123Parsing() throws ReflectiveOperationException {
        for (long second = 0; second < 4_000_000_000L; second += 86_400L * 37 + 3_671) {
            Instant instant = Instant.ofEpochSecond(second);
            String date = format(instant);
            assertThat(date).matches(IMF_FIXDATE);
            assertThat(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(instant);
        }
    }

    /** HttpDate only exposes now(); its formatter is read here to check fixed instants. */
    private static String format(Instant instant) throws ReflectiveOperationException {
        Field field = HttpDate.class.getDeclaredField("IMF_FIXDATE");
        field.setAccessible(true);
        return ((DateTimeFormatter) field.get(null)).format(instant);
    }
}
