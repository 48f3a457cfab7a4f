package io.jsalt.master.transport;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The connections of minions whose key is pending that the master keeps open, so that
 * accepting the key reaches the minion at once: the connection is authenticated again on
 * the spot and becomes the minion's session, instead of the minion trying again after its
 * {@code acceptance_wait_time} (10 s in Salt, where the operator's first command after
 * {@code salt-key -a} finds the minion not connected).
 *
 * <p>A peer that has proved a key but is not accepted must not be able to hold the
 * master's resources, so this is bounded: at most {@code max} connections are held (beyond
 * that a pending peer is answered and closed, as before), each for at most
 * {@code holdMillis}, after which it is closed and the minion tries again as Salt's does.
 */
public final class PendingPeers {
    private final int max;
    private final long holdMillis;
    private final Predicate<String> acceptedNow;
    private final BiPredicate<String, Channel> sessionReady;
    private final Map<Channel, Held> held = new ConcurrentHashMap<>();
    /** Connections being authenticated again after an acceptance, by id, until they are sessions. */
    private final Map<String, Channel> woken = new ConcurrentHashMap<>();

    private record Held(String id, Map<String, Object> grains, Runnable authenticateAgain) {}

    /**
     * @param acceptedNow whether the id's key is accepted now (see {@link #recheck})
     * @param sessionReady whether this channel is the id's session, ready for jobs
     */
    public PendingPeers(int max, long holdMillis, Predicate<String> acceptedNow,
                        BiPredicate<String, Channel> sessionReady) {
        this.max = max;
        this.holdMillis = holdMillis;
        this.acceptedNow = acceptedNow;
        this.sessionReady = sessionReady;
    }

    /**
     * Keeps a pending minion's connection open; false (the caller closes it) when holding is
     * off or {@code max} connections are held already.
     */
    public boolean hold(String id, Channel ch, Runnable authenticateAgain) {
        return hold(id, Map.of(), ch, authenticateAgain);
    }

    /** As {@link #hold(String, Channel, Runnable)}, with the grains the minion's Hello carried (for autosign_grains). */
    public boolean hold(String id, Map<String, Object> grains, Channel ch, Runnable authenticateAgain) {
        if (max <= 0 || holdMillis <= 0) {
            return false;
        }
        Held h = new Held(id, grains, authenticateAgain);
        synchronized (held) {
            if (held.size() >= max) {
                return false;
            }
            held.put(ch, h);
        }
        ch.closeFuture().addListener(f -> held.remove(ch, h));
        // Removes this hold only: a connection woken and held again keeps its new deadline.
        ch.eventLoop().schedule(() -> {
            if (held.remove(ch, h)) {
                ch.close();
            }
        }, holdMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * Closes the race between a "pending" answer and an acceptance just before the
     * connection was held: if the key is accepted by now, the held connection is woken.
     * It reads the key directory: call it off the event loop, after {@link #hold}.
     */
    public void recheck(String id) {
        if (acceptedNow.test(id)) {
            accepted(id);
        }
    }

    /** The id's key was accepted: each held connection of it is authenticated again now. */
    public void accepted(String id) {
        wake(h -> h.id().equals(id), true);
    }

    /**
     * Authenticates again each held connection whose minion autosign would accept now (an
     * entry added to autosign_file or autosign_grains_dir after it connected); the admission
     * then accepts its key. Salt's minion finds this at its next try, after
     * acceptance_wait_time; the master runs this on a timer. It may read files: call it off
     * the event loop.
     */
    public void autosignSweep(BiPredicate<String, Map<String, Object>> autosigns) {
        if (!held.isEmpty()) {
            wake(h -> autosigns.test(h.id(), h.grains()), false);
        }
    }

    /** @param awaited whether {@code jsalt-key} waits for the session ({@link #awaitSessions}) */
    private void wake(Predicate<Held> which, boolean awaited) {
        List<Map.Entry<Channel, Held>> mine = new ArrayList<>();
        for (Map.Entry<Channel, Held> e : held.entrySet()) {
            if (which.test(e.getValue()) && held.remove(e.getKey(), e.getValue())) {
                mine.add(e);
            }
        }
        for (Map.Entry<Channel, Held> e : mine) {
            String id = e.getValue().id();
            if (awaited) {
                woken.put(id, e.getKey());
                e.getKey().closeFuture().addListener(f -> woken.remove(id, e.getKey()));
            }
            e.getValue().authenticateAgain().run();
        }
    }

    /** How many connections are held now. */
    public int size() {
        return held.size();
    }

    /**
     * Waits, at most {@code millis} in all, until the connections woken for these ids are
     * sessions ready for jobs (or closed), so that a command issued right after
     * {@code jsalt-key -a} returns reaches the minion.
     */
    public void awaitSessions(Collection<String> ids, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (String id : ids) {
            Channel ch = woken.get(id);
            // Nothing signals "grains arrived", so this polls: briefly, and only for what was woken.
            while (ch != null && ch.isActive() && !sessionReady.test(id, ch) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            if (ch != null) {
                woken.remove(id, ch);
            }
        }
    }
}
