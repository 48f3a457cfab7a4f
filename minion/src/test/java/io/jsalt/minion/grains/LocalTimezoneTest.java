package io.jsalt.minion.grains;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTimezoneTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant WINTER = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant SUMMER = Instant.parse("2026-07-15T12:00:00Z");

    @Test
    void standardOrSummerNameAsTheZoneObservesIt() {
        String rule = "CET-1CEST,M3.5.0,M10.5.0/3";
        assertEquals("CET", LocalTimezone.abbreviation(rule, BERLIN, WINTER));
        assertEquals("CEST", LocalTimezone.abbreviation(rule, BERLIN, SUMMER));
        ZoneId newYork = ZoneId.of("America/New_York");
        assertEquals("EST", LocalTimezone.abbreviation("EST5EDT,M3.2.0,M11.1.0", newYork, WINTER));
        assertEquals("EDT", LocalTimezone.abbreviation("EST5EDT,M3.2.0,M11.1.0", newYork, SUMMER));
    }

    @Test
    void zonesWithoutSummerTimeAndQuotedNames() {
        assertEquals("UTC", LocalTimezone.abbreviation("UTC0", ZoneOffset.UTC, SUMMER));
        assertEquals("+0330", LocalTimezone.abbreviation("<+0330>-3:30", ZoneId.of("Asia/Tehran"), SUMMER));
        assertEquals("-03", LocalTimezone.abbreviation("<-03>3", ZoneId.of("America/Sao_Paulo"), WINTER));
    }

    @Test
    void rulesThatDoNotParseGiveNull() {
        assertNull(LocalTimezone.abbreviation("", BERLIN, WINTER));
        assertNull(LocalTimezone.abbreviation("X1", BERLIN, WINTER));
        assertNull(LocalTimezone.abbreviation("CET", BERLIN, WINTER));
        assertNull(LocalTimezone.abbreviation("<CET-1", BERLIN, WINTER));
    }

    @Test
    void ruleIsTheLastLineOfAVersion2TzifFile(@TempDir Path dir) throws IOException {
        Path v2 = dir.resolve("v2");
        Files.write(v2, "TZif2\0\0binary\nstuff\nCET-1CEST,M3.5.0,M10.5.0/3\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("CET-1CEST,M3.5.0,M10.5.0/3", LocalTimezone.ruleOf(v2));
        Path v1 = dir.resolve("v1");
        Files.write(v1, "TZif\0\0\0binary\nCET-1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertNull(LocalTimezone.ruleOf(v1));
        Path text = dir.resolve("text");
        Files.writeString(text, "Europe/Berlin\n");
        assertNull(LocalTimezone.ruleOf(text));
        assertNull(LocalTimezone.ruleOf(dir.resolve("missing")));
    }

    @Test
    void readsTheSystemTzdataFiles() {
        Path berlin = LocalTimezone.ZONEINFO.resolve("Europe/Berlin");
        assumeTrue(Files.isRegularFile(berlin), "tzdata is not installed");
        String rule = LocalTimezone.ruleOf(berlin);
        assertEquals("CET", LocalTimezone.abbreviation(rule, BERLIN, WINTER));
        assertEquals("CEST", LocalTimezone.abbreviation(rule, BERLIN, SUMMER));
        assertEquals("UTC", LocalTimezone.abbreviation(LocalTimezone.ruleOf(LocalTimezone.ZONEINFO.resolve("Etc/UTC")),
                ZoneOffset.UTC, WINTER));
    }
}
