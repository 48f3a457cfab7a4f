package io.jsalt.common.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few test.* state functions for engine tests in common (the real ones live in the
 * minion): ok, changed, fail, and a mod_watch. Records every call.
 */
final class FakeStates implements StateFunctions {
    final List<String> calls = new ArrayList<>();
    int refreshes;

    @Override
    public boolean has(String fun) {
        return List.of("test.ok", "test.changed", "test.fail", "test.mod_watch", "other.ok", "pkg.installed")
                .contains(fun);
    }

    @Override
    public String missingReason(String fun) {
        return "'" + fun + "' is not available.";
    }

    @Override
    public void refreshModules() {
        refreshes++;
    }

    @Override
    public Object call(String fun, Map<String, Object> kwargs, boolean test) {
        String name = String.valueOf(kwargs.get("name"));
        calls.add(fun + (test ? "[test]" : "") + " " + name);
        Map<String, Object> changes = new LinkedHashMap<>();
        switch (fun) {
            case "test.changed", "pkg.installed" -> {
                changes.put("testing", "changed");
                return new StateResult(name, test ? null : Boolean.TRUE, changes, "changed");
            }
            case "test.fail" -> {
                return StateResult.failed(name, "failed");
            }
            case "test.mod_watch" -> {
                changes.put("watched", true);
                return StateResult.changed(name, changes, "watch fired (" + kwargs.get("sfun") + ")");
            }
            default -> {
                Map<String, Object> r = StateResult.ok(name, "ok").toMap();
                kwargs.forEach((k, v) -> {
                    if (!k.startsWith("__") && !k.equals("name")) {
                        r.put("arg_" + k, v);
                    }
                });
                return r;
            }
        }
    }
}
