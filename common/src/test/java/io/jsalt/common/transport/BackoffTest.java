package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysDoubleUpToTheCeilingWithoutJitter() {
        Backoff b = new Backoff(1000, 10000, false);
        assertEquals(1000, b.nextDelayMs());
        assertEquals(2000, b.nextDelayMs());
        assertEquals(4000, b.nextDelayMs());
        assertEquals(8000, b.nextDelayMs());
        assertEquals(10000, b.nextDelayMs());
        assertEquals(10000, b.nextDelayMs());
        b.reset();
        assertEquals(1000, b.nextDelayMs());
    }

    @Test
    void jitterSpreadsMinionsBetweenHalfAndFullCeiling() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Backoff b = new Backoff(1000, 10000, true);
            for (int k = 0; k < 5; k++) {
                b.nextDelayMs();
            }
            long d = b.nextDelayMs();
            assertTrue(d >= 5000 && d <= 10000, "delay " + d);
            seen.add(d);
        }
        assertTrue(seen.size() > 50, "200 minions must not reconnect in lock step: " + seen.size() + " distinct delays");
    }
}
