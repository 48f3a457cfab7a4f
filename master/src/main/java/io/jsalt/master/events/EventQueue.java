package io.jsalt.master.events;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A bounded buffer of events for one polling consumer. When it is full the oldest event is
 * dropped (and counted): a slow consumer loses history, it never slows the firing side.
 */
public final class EventQueue implements AutoCloseable {
    private final int capacity;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long dropped;
    private EventBus.Subscription subscription;

    EventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("event queue capacity must be positive");
        }
        this.capacity = capacity;
    }

    void bind(EventBus.Subscription s) {
        this.subscription = s;
    }

    synchronized void offer(Event e) {
        if (events.size() >= capacity) {
            events.pollFirst();
            dropped++;
        }
        events.addLast(e);
        notifyAll();
    }

    /** The next event, waiting up to the timeout; null when none came. */
    public synchronized Event poll(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (events.isEmpty()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return events.pollFirst();
    }

    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
