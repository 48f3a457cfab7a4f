package io.jsalt.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class JidTest {
    private static final Instant T = Instant.parse("2024-11-22T04:05:06.123456Z");

    @Test
    void formatIsUtcTimestampWithMicroseconds() {
        // salt.utils.jid.gen_jid: "{:%Y%m%d%H%M%S%f}".format(utcnow())
        assertEquals("20241122040506123456", Jid.format(T));
        Jid gen = new Jid(Clock.fixed(T, ZoneId.of("Asia/Tokyo")));
        assertEquals("20241122040506123456", gen.next());
    }

    @Test
    void sameMicrosecondStillIncreases() {
        Jid gen = new Jid(Clock.fixed(T, ZoneOffset.UTC));
        assertEquals("20241122040506123456", gen.next());
        assertEquals("20241122040506123457", gen.next());
        assertEquals("20241122040506123458", gen.next());
    }

    @Test
    void clockGoingBackwardsStillIncreases() {
        MutableClock clock = new MutableClock(T);
        Jid gen = new Jid(clock);
        String a = gen.next();
        clock.now = T.minusSeconds(5);
        String b = gen.next();
        assertTrue(b.compareTo(a) > 0, a + " < " + b);
    }

    @Test
    void concurrentCallersGetDistinctIncreasingJids() throws Exception {
        Jid gen = new Jid(Clock.fixed(T, ZoneOffset.UTC));
        ConcurrentLinkedQueue<String> all = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(new Thread(() -> {
                for (int j = 0; j < 1000; j++) {
                    all.add(gen.next());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        Set<String> unique = new HashSet<>(all);
        assertEquals(4000, unique.size());
        List<String> sorted = new ArrayList<>(unique);
        Collections.sort(sorted);
        assertEquals("20241122040506123456", sorted.get(0));
        assertEquals(Jid.format(T.plusNanos(3999_000)), sorted.get(3999));
    }

    @Test
    void systemJidsIncreaseAndParseBack() {
        Jid gen = Jid.systemUtc();
        String prev = gen.next();
        for (int i = 0; i < 10_000; i++) {
            String next = gen.next();
            assertTrue(next.compareTo(prev) > 0);
            prev = next;
        }
        assertEquals(20, prev.length());
        assertTrue(Math.abs(Jid.parse(prev).toEpochMilli() - System.currentTimeMillis()) < 60_000);
    }

    @Test
    void parseGivesTheInstant() {
        assertEquals(T, Jid.parse("20241122040506123456"));
    }

    @Test
    void invalidJidsAreRejectedWithTheInputNamed() {
        for (String bad : List.of("2024", "2024112204050612345x", "202411220405061234567", "",
                "20241322040506123456", "20240230040506123456", "20241122250506123456",
                // Read field by field: a day that is not in its year (no 29 February in 2023),
                // hour 24 and second 60 are refused as the strict formatter refused them.
                "20230229000000000000", "20241122240000000000", "20241122235960000000",
                "20241100000000000000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jid.validate(bad));
            assertTrue(e.getMessage().contains("'" + bad + "' is not a valid JID"), e.getMessage());
            assertFalse(Jid.isValid(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> Jid.parse(null));
        assertTrue(Jid.validate("20240229000000000000").endsWith("000"));
        assertEquals(Instant.parse("2000-02-29T23:59:59.999999Z"), Jid.parse("20000229235959999999"));
    }

    @Test
    void toTimeMatchesSaltJidToTime() {
        // tests/unit/utils/test_jid.py: 20131219110700123489 -> "2013, Dec 19 11:07:00.123489"
        assertEquals("2013, Dec 19 11:07:00.123489", Jid.toTime("20131219110700123489"));
        assertEquals("2024, Nov 22 04:05:06.123456", Jid.toTime("20241122040506123456"));
        assertEquals("", Jid.toTime("2012"));
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
