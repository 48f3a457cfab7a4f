package io.jsalt.common.py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class PyStrftimeTest {
    // Expected values are Python 3's datetime(2016, 3, 8, 17, 5, 9, 1234, timezone.utc).strftime(...)
    // under glibc in the C locale.
    private static final ZonedDateTime T = ZonedDateTime.of(2016, 3, 8, 17, 5, 9, 1_234_000, ZoneOffset.UTC);

    @Test
    void pythonDirectives() {
        assertEquals("08.03.2016 17:05", PyStrftime.format(T, "%d.%m.%Y %H:%M"));
        assertEquals("Tue Tuesday Mar March 16 068 05 PM 001234 +0000 %", PyStrftime.format(T,
                "%a %A %b %B %y %j %I %p %f %z %%"));
        assertEquals("2 2 10 10 10", PyStrftime.format(T, "%u %w %U %W %V"));
        assertEquals("Tue Mar  8 17:05:09 2016|03/08/16|17:05:09", PyStrftime.format(T, "%c|%x|%X"));
    }

    @Test
    void glibcDirectives() {
        assertEquals("2016-03-08 17:05:09  8 1457456709", PyStrftime.format(T, "%F %T %e %s"));
    }
}
