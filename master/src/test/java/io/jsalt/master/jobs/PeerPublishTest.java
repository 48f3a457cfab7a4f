package io.jsalt.master.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.master.transport.RequestRouter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The peer ACL as salt/master.py AESFuncs.__verify_minion_publish reads it: re.match of the
 * minion id against each key, then of the function against the key's regexes; publish.*
 * never; the id checked is the authenticated one, whatever the request says.
 */
class PeerPublishTest {
    private static final Map<String, Object> PEER = Map.of("web.*", List.of("test\\.", "grains\\.item$"),
            "db1", List.of(".*"));

    @Test
    void idAndFunctionMustBothMatchFromTheStart() {
        assertTrue(PeerPublish.allowed(PEER, "web1", "test.ping"));
        assertTrue(PeerPublish.allowed(PEER, "web1", "grains.item"));
        assertFalse(PeerPublish.allowed(PEER, "web1", "grains.items"));
        assertFalse(PeerPublish.allowed(PEER, "web1", "cmd.run"));
        assertFalse(PeerPublish.allowed(PEER, "myweb1", "test.ping"));
        assertTrue(PeerPublish.allowed(PEER, "db1", "cmd.run"));
        assertTrue(PeerPublish.allowed(PEER, "db10", "cmd.run"), "re.match is anchored at the start only");
        assertFalse(PeerPublish.allowed(Map.of(), "web1", "test.ping"));
    }

    @Test
    void deniedRequestsPublishNothingAndTheRequestCannotNameAnotherMinion() throws Exception {
        Map<String, Object> asWeb = Map.of("tgt", "*", "fun", "cmd.run", "id", "db1");
        assertEquals(Map.of(), PeerPublish.publish(null, PEER, "web1", asWeb).get());
        Map<String, Object> pub = Map.of("tgt", "*", "fun", "publish.publish");
        assertEquals(Map.of(), PeerPublish.publish(null, PEER, "db1", pub).get());
        assertThrows(Exception.class, () -> PeerPublish.publish(null, PEER, "db1",
                Map.of("tgt", "*", "fun", "test.ping", "timeout", 99999)).get());
    }

    @Test
    void badPeerOptionIsRefusedAtStartWithTheEntryNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerPublish.register(
                new RequestRouter(), null, Map.of("web.*", List.of("test.(", "x")), Runnable::run));
        assertTrue(e.getMessage().startsWith("peer: 'test.(' (entry 'web.*') is not a valid regular expression"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PeerPublish.register(
                new RequestRouter(), null, Map.of("web.*", List.of(Map.of("db*", List.of("test.*")))), Runnable::run));
        assertEquals("peer: the entry 'web.*' must be a list of function regexes", e.getMessage());
    }
}
