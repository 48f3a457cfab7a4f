package io.jsalt.master.events;

import io.jsalt.master.transport.Authenticator;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The master's own events, with Salt's tags and data shapes (salt/utils/event.py tagify,
 * salt/key.py, salt/master.py, salt/minion.py, salt/client/__init__.py), so reactor files
 * written for Salt match them: {@code salt/auth}, {@code salt/key},
 * {@code salt/minion/ID/start}, {@code salt/job/JID/new}, {@code salt/job/JID/ret/ID}.
 * An event Salt does not have gets a tag under {@link #JSALT}.
 */
public final class MasterEvents {
    /** The base of every tag the master fires for an event Salt has. */
    public static final String BASE = "salt";
    /** The base of the tags of events Salt does not have, so they never clash with Salt's. */
    public static final String JSALT = "jsalt";
    /** time.asctime(): "Thu Jan  4 10:11:12 2024". */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final EventBus bus;

    public MasterEvents(EventBus bus) {
        this.bus = bus;
    }

    public EventBus bus() {
        return bus;
    }

    /**
     * salt.utils.event.tagify: base, prefix and suffix parts joined with {@code /}, empty
     * parts left out. {@code tagify(List.of(jid, "new"), "job")} is {@code salt/job/JID/new}.
     */
    public static String tagify(List<String> suffix, String prefix) {
        List<String> parts = new ArrayList<>();
        parts.add(BASE);
        parts.add(prefix);
        parts.addAll(suffix);
        return String.join("/", parts.stream().filter(p -> p != null && !p.isEmpty()).toList());
    }

    /** {@code salt/auth}: a minion authenticated; act is accept, pend, reject or denied. */
    public void auth(String id, String act, boolean result, String pub) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("result", result);
        d.put("act", act);
        d.put("id", id);
        d.put("pub", pub);
        bus.fire(tagify(List.of(), "auth"), d);
    }

    /** {@code salt/key}: a key was accepted, rejected or deleted (jsalt-key, autosign). */
    public void key(String id, String act) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("act", act);
        d.put("result", true);
        bus.fire(tagify(List.of(), "key"), d);
    }

    /** {@code salt/minion/ID/start}, as the minion's _fire_master sends it when it starts. */
    public void minionStart(String id) {
        String tag = tagify(List.of(id, "start"), "minion");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cmd", "_minion_event");
        d.put("data", "Minion " + id + " started at " + ZonedDateTime.now(ZoneId.systemDefault()).format(ASCTIME));
        d.put("id", id);
        d.put("pretag", null);
        d.put("tag", tag);
        bus.fire(tag, d);
    }

    /** {@code salt/job/JID/new}: the publish load, as Salt's master fires it after sending. */
    public void jobNew(Map<String, Object> load) {
        String jid = String.valueOf(load.get("jid"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("jid", jid);
        d.put("tgt_type", load.get("tgt_type"));
        d.put("tgt", load.get("tgt"));
        d.put("user", load.get("user"));
        d.put("fun", load.get("fun"));
        d.put("arg", load.get("arg"));
        d.put("minions", load.get("minions"));
        d.put("missing", new ArrayList<>());
        bus.fire(tagify(List.of(jid, "new"), "job"), d);
    }

    /** {@code salt/job/JID/ret/ID}: one stored return, in Salt's return load shape. */
    public void jobReturn(Map<String, Object> ret) {
        String jid = String.valueOf(ret.get("jid"));
        String id = String.valueOf(ret.get("id"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cmd", "_return");
        d.putAll(ret);
        bus.fire(tagify(List.of(jid, "ret", id), "job"), d);
    }

    /**
     * An event a minion fired (event.send): Salt's _minion_event load. A minion may not
     * fire tags in the master's own namespaces ({@code salt/} and {@code jsalt/}) except
     * under {@code salt/minion/<its id>/}, so it cannot forge auth, key or job events that
     * reactors act on (Salt lets it; a reactor written for Salt trusts those tags).
     */
    public void fromMinion(String id, String tag, Object data) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("an event needs a tag");
        }
        String own = tagify(List.of(id), "minion") + "/";
        for (String base : List.of(BASE, JSALT)) {
            if ((tag.equals(base) || tag.startsWith(base + "/")) && !tag.startsWith(own)) {
                throw new IllegalArgumentException("minion " + id + " may not fire '" + tag
                        + "': tags under " + base + "/ are the master's (use " + own + "...)");
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cmd", "_minion_event");
        d.put("data", data);
        d.put("id", id);
        d.put("pretag", null);
        d.put("tag", tag);
        bus.fire(tag, d);
    }

    /** Wraps an authenticator so every decision fires {@code salt/auth}, as Salt's auth_events do. */
    public Authenticator auditing(Authenticator inner) {
        return (id, pem, grains) -> {
            Authenticator.Result r = inner.authenticate(id, pem, grains);
            switch (r.status()) {
                case ACCEPTED -> auth(id, "accept", true, pem);
                case PENDING -> auth(id, "pend", true, pem);
                case REJECTED -> auth(id, "reject", false, pem);
                case DENIED -> auth(id, "denied", false, pem);
                default -> { }
            }
            return r;
        };
    }
}
