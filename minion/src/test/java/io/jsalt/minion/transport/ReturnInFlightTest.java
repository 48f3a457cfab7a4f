package io.jsalt.minion.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.proto.Return;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A job that has just ended has its return in the outbox until the master acknowledges it.
 * The minion's find_job answer counts such a job as still running for a short while: the
 * return may be queued on the connection behind that answer, and a master told "not running"
 * first would report a minion that did return as not responding (the race a loaded build host
 * showed in SpineIT's long-job test).
 */
class ReturnInFlightTest {
    private static MasterConnection unconnected() {
        MasterConnection.Options o = new MasterConnection.Options("127.0.0.1", 1, "web1", 1 << 20, 60, 10_000,
                1_000, 10_000, false, List.of());
        return new MasterConnection(o, null, null, Map::of, null);
    }

    @Test
    void anUnacknowledgedReturnIsInFlightOnlyForItsJobAndOnlyForAWhile() {
        MasterConnection c = unconnected();
        assertFalse(c.returnInFlight("20261207000000000001", 30_000), "nothing sent yet");
        c.sendReturn(Return.newBuilder().setId("web1").setJid("20261207000000000001").build());
        assertTrue(c.returnInFlight("20261207000000000001", 30_000));
        assertFalse(c.returnInFlight("20261207000000000002", 30_000), "another job");
        assertFalse(c.returnInFlight("20261207000000000001", 0), "past the bound it no longer counts");
    }
}
