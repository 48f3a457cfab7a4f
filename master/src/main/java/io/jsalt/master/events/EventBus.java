package io.jsalt.master.events;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's in-process event bus. {@link #fire} hands each event to the matching
 * listeners on the firing thread; listeners must not block (they enqueue, schedule or
 * write to a non-blocking channel). There is no thread per subscriber: a subscriber that
 * needs to do slow work owns one bounded queue and its own worker, as the reactor does,
 * or polls an {@link EventQueue}.
 */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    /** Python's datetime.isoformat() of utcnow(): microseconds, no zone suffix. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    /** Receives events; called on the firing thread, so it must return quickly. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(Event event);
    }

    /** A registration; close it to stop receiving events. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private record Sub(Predicate<String> tags, Listener listener) {}

    private final CopyOnWriteArrayList<Sub> subs = new CopyOnWriteArrayList<>();

    /** Listens to the tags the predicate accepts. */
    public Subscription subscribe(Predicate<String> tags, Listener listener) {
        Sub s = new Sub(tags, listener);
        subs.add(s);
        return () -> subs.remove(s);
    }

    /** Listens to the tags matching an fnmatch glob. */
    public Subscription subscribe(String tagGlob, Listener listener) {
        return subscribe(TagMatch.glob(tagGlob), listener);
    }

    /** A bounded queue of the matching events, for a consumer that polls. */
    public EventQueue queue(Predicate<String> tags, int capacity) {
        EventQueue q = new EventQueue(capacity);
        q.bind(subscribe(tags, q::offer));
        return q;
    }

    /** Fires an event: copies the data, adds Salt's {@code _stamp}, and tells every matching listener. */
    public void fire(String tag, Map<String, Object> data) {
        Map<String, Object> d = new LinkedHashMap<>(data == null ? Map.of() : data);
        d.putIfAbsent("_stamp", LocalDateTime.now(ZoneOffset.UTC).format(STAMP));
        Event e = new Event(tag, Collections.unmodifiableMap(d));
        for (Sub s : subs) {
            boolean match;
            try {
                match = s.tags().test(tag);
            } catch (RuntimeException ex) {
                match = false;
            }
            if (!match) {
                continue;
            }
            try {
                s.listener().onEvent(e);
            } catch (RuntimeException ex) {
                log.warn("Event listener failed on {}", tag, ex);
            }
        }
    }

    /** Number of current subscriptions (for status and tests). */
    public int subscribers() {
        return subs.size();
    }
}
