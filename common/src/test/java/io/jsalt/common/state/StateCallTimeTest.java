package io.jsalt.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** A state return's start_time is Python's datetime.time.isoformat() of the start (salt/state.py State.call). */
class StateCallTimeTest {
    @Test
    void startTimeIsPythonsIsoformatOfTheTime() {
        assertEquals("09:05:03", StateCall.isoformat(LocalTime.of(9, 5, 3)));
        assertEquals("09:05:03.000001", StateCall.isoformat(LocalTime.of(9, 5, 3, 1_000)));
        assertEquals("23:59:59.123456", StateCall.isoformat(LocalTime.of(23, 59, 59, 123_456_789)));
        assertEquals("00:00:00", StateCall.isoformat(LocalTime.of(0, 0, 0, 999)), "under a microsecond: none shown");
        assertEquals("12:30:00.500000", StateCall.isoformat(LocalTime.of(12, 30, 0, 500_000_000)));
    }
}
