package io.jsalt.master.hub;

import io.jsalt.master.dns.PillarSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pillar compiled for the master's own id, the one copy the DNS hub and the rsync hub
 * read: {@link #reload} compiles it once and then tells every listener, which read
 * {@link #current}. A compile that throws becomes a pillar whose {@code _errors} holds the
 * message, so each hub keeps its last good data and reports the error as it does for a
 * render error.
 */
public final class MasterPillar {
    private static final Logger log = LoggerFactory.getLogger(MasterPillar.class);

    private final String masterId;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile PillarSource source = PillarSource.EMPTY;
    private volatile Map<String, Object> current = new LinkedHashMap<>();

    public MasterPillar(String masterId) {
        this.masterId = masterId;
    }

    /** Where the pillar comes from (the master's pillar compiler); takes effect at the next reload. */
    public void source(PillarSource s) {
        this.source = s;
    }

    /** Called after every reload; reads {@link #current}. */
    public void onReload(Runnable listener) {
        listeners.add(listener);
    }

    /** Compiles the master's pillar once and hands it to every listener; returns it. */
    public synchronized Map<String, Object> reload() {
        Map<String, Object> p;
        try {
            p = source.pillarFor(masterId);
        } catch (RuntimeException e) {
            p = new LinkedHashMap<>();
            p.put("_errors", List.of("cannot compile the pillar of " + masterId + ": " + e.getMessage()));
        }
        current = p == null ? new LinkedHashMap<>() : p;
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.error("Applying the master's pillar failed", e);
            }
        }
        return current;
    }

    /** The pillar of the last reload (with {@code _errors} when it failed). */
    public Map<String, Object> current() {
        return current;
    }

    public String masterId() {
        return masterId;
    }
}
