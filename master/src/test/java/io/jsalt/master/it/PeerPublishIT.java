package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * publish.publish from one minion to others through a real master over TLS, with Salt's
 * peer ACL (salt/modules/publish.py, salt/master.py AESFuncs.__verify_minion_publish,
 * salt/daemons/masterapi.py minion_pub): allowed, denied without an entry for the minion or
 * the function, targeting, full returns and the timeout.
 */
class PeerPublishIT extends FleetCase {
    private void fleet(Map<String, Object> peer) throws Exception {
        fleet = new TestFleet(tmp).startMaster(o -> {
            if (peer != null) {
                o.put("peer", peer);
            }
        });
        fleet.acceptedMinion("web1", Map.of("role", "web"));
        fleet.acceptedMinion("db1", Map.of("role", "db"));
        fleet.acceptedMinion("db2", Map.of("role", "db"));
    }

    @Test
    void peerEntryLetsAMinionRunAllowedFunctionsOnTargetedMinions() throws Exception {
        fleet(Map.of("web.*", List.of("test\\.", "grains\\.item")));
        assertEquals(Map.of("db1", true, "db2", true), call("web1", "publish.publish", List.of("db*", "test.ping")));
        assertEquals(Map.of("db1", "hi"), call("web1", "publish.publish", List.of("db1", "test.echo", "hi")));
        assertEquals(Map.of("db2", true), call("web1", "publish.publish",
                List.of("db2,web9", "test.ping", List.of(), "list")));
        assertEquals(Map.of("db1", true, "db2", true), call("web1", "publish.publish",
                List.of("G@role:db", "test.ping", List.of(), "compound")));
        @SuppressWarnings("unchecked")
        Map<String, Object> full = (Map<String, Object>) call("web1", "publish.full_data", List.of("db1", "test.ping"));
        assertEquals(true, ((Map<?, ?>) full.get("db1")).get("return"));
        assertEquals(0L, ((Map<?, ?>) full.get("db1")).get("retcode"));
        assertEquals(Map.of(), call("web1", "publish.publish", List.of("nosuch*", "test.ping")));
    }

    @Test
    void withoutAMatchingEntryNothingIsPublished() throws Exception {
        fleet(Map.of("web.*", List.of("test\\.ping")));
        assertEquals(Map.of(), call("db1", "publish.publish", List.of("web1", "test.ping")), "minion not in peer");
        assertEquals(Map.of(), call("web1", "publish.publish", List.of("db1", "cmd.run", "id")), "function not in peer");
        assertEquals(Map.of(), call("web1", "publish.publish", List.of("db1", "publish.publish", "x")), "recursion");
    }

    @Test
    void noPeerOptionDeniesEveryPublish() throws Exception {
        fleet(null);
        assertEquals(Map.of(), call("web1", "publish.publish", List.of("db1", "test.ping")));
    }

    @Test
    void publishReturnsWhatCameBackWithinTheTimeout() throws Exception {
        fleet(Map.of(".*", List.of("test\\.")));
        long start = System.nanoTime();
        Object ret = cli().publish("web1", "glob", "publish.publish", List.of("db1", "test.sleep", List.of(4)),
                Map.of("timeout", 1), 15).returns().get("web1");
        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Map.of(), ret);
        assertTrue(took < 3500, "publish waited " + took + " ms for a 1 s timeout");
    }
}
