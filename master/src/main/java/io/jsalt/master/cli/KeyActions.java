package io.jsalt.master.cli;

import io.jsalt.common.proto.KeyRequest;
import io.jsalt.master.keys.FingerprintReport;
import io.jsalt.master.keys.KeyChange;
import io.jsalt.master.keys.KeyState;
import io.jsalt.master.keys.KeyOperations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key operations of {@code jsalt-key} as data in, data out: run inside the master
 * (so its listeners cut connections) or, when no master runs, on the pki dir directly.
 */
public final class KeyActions {
    private KeyActions() {}

    public static Map<String, Object> run(KeyOperations keys, KeyRequest req) throws IOException {
        String glob = req.getMatch().isEmpty() ? "*" : req.getMatch();
        boolean inclRejected = req.getIncludeRejected();
        boolean inclDenied = req.getIncludeDenied();
        boolean inclAccepted = req.getIncludeAccepted();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (req.getAction()) {
            case LIST -> out.put("keys", toData(keys.list()));
            case MATCH -> out.put("keys", toData(keys.match(glob)));
            case ACCEPT -> out.put("changes", changes(keys.accept(glob, inclRejected, inclDenied)));
            case REJECT -> out.put("changes", changes(keys.reject(glob, inclAccepted, inclDenied)));
            case DELETE -> out.put("changes", changes(keys.delete(glob)));
            case FINGER -> {
                FingerprintReport r = "*".equals(glob) ? keys.fingerprintsAll() : keys.fingerprints(glob);
                out.put("local", r.local() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.local()));
                Map<String, Object> byState = new LinkedHashMap<>();
                r.keys().forEach((state, fps) -> byState.put(state.name(), new LinkedHashMap<>(fps)));
                out.put("fingerprints", byState);
            }
            default -> throw new IllegalArgumentException("unknown key action '" + req.getAction() + "'");
        }
        return out;
    }

    static Map<String, Object> toData(Map<KeyState, List<String>> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        keys.forEach((state, ids) -> m.put(state.name(), new ArrayList<Object>(ids)));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<KeyState, List<String>> fromData(Object data) {
        Map<KeyState, List<String>> m = new EnumMap<>(KeyState.class);
        for (KeyState s : KeyState.values()) {
            m.put(s, new ArrayList<>());
        }
        if (data instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                List<String> ids = new ArrayList<>();
                for (Object o : (List<Object>) v) {
                    ids.add(String.valueOf(o));
                }
                m.put(KeyState.valueOf(String.valueOf(k)), ids);
            });
        }
        return m;
    }

    static List<Object> changes(List<KeyChange> changes) {
        List<Object> out = new ArrayList<>();
        for (KeyChange c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("from", c.from() == null ? null : c.from().name());
            m.put("to", c.to() == null ? null : c.to().name());
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<KeyChange> changesFromData(Object data) {
        List<KeyChange> out = new ArrayList<>();
        for (Object o : (List<Object>) data) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new KeyChange(String.valueOf(m.get("id")),
                    m.get("from") == null ? null : KeyState.valueOf(String.valueOf(m.get("from"))),
                    m.get("to") == null ? null : KeyState.valueOf(String.valueOf(m.get("to")))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static FingerprintReport reportFromData(Map<String, Object> data) {
        Map<String, String> local = new LinkedHashMap<>();
        ((Map<String, Object>) data.getOrDefault("local", Map.of())).forEach((k, v) -> local.put(k, String.valueOf(v)));
        Map<KeyState, Map<String, String>> keys = new EnumMap<>(KeyState.class);
        ((Map<String, Object>) data.getOrDefault("fingerprints", Map.of())).forEach((state, fps) -> {
            Map<String, String> m = new LinkedHashMap<>();
            ((Map<String, Object>) fps).forEach((id, fp) -> m.put(id, String.valueOf(fp)));
            keys.put(KeyState.valueOf(state), m);
        });
        return new FingerprintReport(local, keys);
    }
}
