package io.jsalt.common.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every state function returns, as Salt: {@code result} true (in the desired state),
 * false (failed) or null (test mode: would change); {@code changes} what changed or would.
 * A state function checks, and applies only when {@code ctx.test()} is false: one code
 * path with a flag.
 */
public record StateResult(String name, Boolean result, Map<String, Object> changes, String comment) {
    public static StateResult ok(String name, String comment) {
        return new StateResult(name, true, new LinkedHashMap<>(), comment);
    }

    public static StateResult changed(String name, Map<String, Object> changes, String comment) {
        return new StateResult(name, true, changes, comment);
    }

    public static StateResult wouldChange(String name, Map<String, Object> changes, String comment) {
        return new StateResult(name, null, changes, comment);
    }

    public static StateResult failed(String name, String comment) {
        return new StateResult(name, false, new LinkedHashMap<>(), comment);
    }

    /** Salt's return dict: name, changes, result, comment. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("changes", changes == null ? new LinkedHashMap<>() : changes);
        m.put("result", result);
        m.put("comment", comment == null ? "" : comment);
        return m;
    }
}
