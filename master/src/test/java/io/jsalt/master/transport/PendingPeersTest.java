package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounds on the pending minions' connections the master holds, and who is woken. */
class PendingPeersTest {
    private final Set<String> acceptedKeys = new java.util.HashSet<>();
    private final List<String> woken = new ArrayList<>();

    private PendingPeers peers(int max, long holdMillis) {
        return new PendingPeers(max, holdMillis, acceptedKeys::contains, (id, ch) -> false);
    }

    private boolean hold(PendingPeers p, String id, EmbeddedChannel ch) {
        return p.hold(id, ch, () -> woken.add(id));
    }

    @Test
    void noMoreThanMaxConnectionsAreHeldAndAClosedOneFreesItsPlace() {
        PendingPeers p = peers(2, 60_000);
        EmbeddedChannel a = new EmbeddedChannel();
        assertTrue(hold(p, "a", a));
        assertTrue(hold(p, "b", new EmbeddedChannel()));
        assertFalse(hold(p, "c", new EmbeddedChannel()), "a third one is refused: the caller closes it");
        assertEquals(2, p.size());
        a.close();
        assertEquals(1, p.size());
        assertTrue(hold(p, "c", new EmbeddedChannel()));
    }

    @Test
    void aHeldConnectionIsClosedWhenItsTimeIsUp() {
        PendingPeers p = peers(10, 1_000);
        EmbeddedChannel ch = new EmbeddedChannel();
        assertTrue(hold(p, "a", ch));
        ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen());
        assertEquals(0, p.size());
    }

    @Test
    void zeroHoldsNothing() {
        assertFalse(hold(peers(0, 60_000), "a", new EmbeddedChannel()));
        assertFalse(hold(peers(10, 0), "a", new EmbeddedChannel()));
    }

    @Test
    void acceptingAKeyWakesOnlyThatMinionsConnectionsOnce() {
        PendingPeers p = peers(10, 60_000);
        hold(p, "a", new EmbeddedChannel());
        hold(p, "b", new EmbeddedChannel());
        p.accepted("a");
        p.accepted("a");
        assertEquals(List.of("a"), woken);
        assertEquals(1, p.size(), "a's connection is no longer held: it is being authenticated");
    }

    @Test
    void anAcceptanceJustBeforeTheConnectionWasHeldIsNotMissed() {
        PendingPeers p = peers(10, 60_000);
        hold(p, "a", new EmbeddedChannel());
        p.recheck("a");
        assertEquals(List.of(), woken);
        acceptedKeys.add("a");
        p.recheck("a");
        assertEquals(List.of("a"), woken);
    }
}
