package io.jsalt.common.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter (Salt's recon_default / recon_max / recon_randomize):
 * after a master restart, thousands of minions spread their reconnects instead of
 * arriving in one storm.
 */
public final class Backoff {
    private final long baseMs;
    private final long maxMs;
    private final boolean randomize;
    private int attempt;

    public Backoff(long baseMs, long maxMs, boolean randomize) {
        this.baseMs = Math.max(1, baseMs);
        this.maxMs = Math.max(this.baseMs, maxMs);
        this.randomize = randomize;
    }

    /** The delay before the next attempt; each call doubles the ceiling up to max. */
    public long nextDelayMs() {
        long ceiling = Math.min(maxMs, baseMs << Math.min(attempt, 20));
        attempt++;
        if (!randomize) {
            return ceiling;
        }
        // "Equal jitter": at least half the ceiling, so a dead master is not hammered.
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    public void reset() {
        attempt = 0;
    }
}
