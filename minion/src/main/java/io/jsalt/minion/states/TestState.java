package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.StatePlugin;
import io.jsalt.common.state.Low;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Salt's test states (salt/states/test.py): states with fixed outcomes, for trying
 * requisites, ordering and output without touching the system.
 */
public final class TestState implements StatePlugin {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public String doc() {
        return "Test states: succeed or fail, with or without changes, as configured.";
    }

    @Fn(doc = """
            A no-op state that does nothing; useful with the use requisite, or in templates that could otherwise \
            render empty.""",
            example = """
            always-passes:
              test.nop:
                - name: foo""")
    public Object nop(Call c) {
        return StateSupport.ret(c.requiredStr(0, "name"), true, new LinkedHashMap<>(), "Success!");
    }

    @Fn(doc = """
            Returns successful, without changes.

            comment
                The comment (default: Success!).""",
            example = """
            always-passes:
              test.succeed_without_changes:
                - name: foo""")
    public Object succeed_without_changes(Call c) {
        return StateSupport.ret(c.requiredStr(0, "name"), true, new LinkedHashMap<>(), c.str(-1, "comment", "Success!"));
    }

    @Fn(doc = """
            Returns failure, without changes (also in test mode).

            comment
                The comment (default: Failure!).""",
            example = """
            always-fails:
              test.fail_without_changes:
                - name: foo""")
    public Object fail_without_changes(Call c) {
        if (c.ctx().test()) {
            return StateSupport.ret(c.requiredStr(0, "name"), false, new LinkedHashMap<>(),
                    "If we weren't testing, this would be a failure!");
        }
        return StateSupport.ret(c.requiredStr(0, "name"), false, new LinkedHashMap<>(), c.str(-1, "comment", "Failure!"));
    }

    @Fn(doc = "Returns successful with changes; in test mode result None. Useful for testing requisites.",
            example = """
            always-changes-and-succeeds:
              test.succeed_with_changes:
                - name: foo""")
    public Object succeed_with_changes(Call c) {
        return Plan.change("If we weren't testing, this would be successful with changes",
                c.str(-1, "comment", "Success!"), () -> { }).showing(changeData()).run(c, new Ret(c.requiredStr(0, "name")));
    }

    @Fn(doc = "Returns failure with changes; in test mode result None. Useful for testing requisites.",
            example = """
            always-changes-and-fails:
              test.fail_with_changes:
                - name: foo""")
    public Object fail_with_changes(Call c) {
        return Plan.change("If we weren't testing, this would be failed with changes", r -> {
            r.changes.putAll(changeData());
            return r.fail(c.str(-1, "comment", "Failure!"));
        }).showing(changeData()).run(c, new Ret(c.requiredStr(0, "name")));
    }

    @Fn(doc = """
            A test state with a chosen outcome.

            changes
                True (default), False or Random.
            result
                True (default), False or Random; None in test mode when changes are reported.
            comment
                The comment (default empty).
            warnings
                A string or list of strings.""",
            example = """
            my-custom-combo:
              test.configurable_test_state:
                - name: foo
                - changes: True
                - result: False
                - comment: bar.baz""")
    public Object configurable_test_state(Call c) {
        String name = c.requiredStr(0, "name");
        Object changes = c.arg(1, "changes", true);
        Object result = c.arg(2, "result", true);
        String comment = c.str(3, "comment", "");
        Object warnings = c.arg(4, "warnings", null);
        Map<String, Object> r = StateSupport.ret(name, false, new LinkedHashMap<>(), comment);
        if (Boolean.TRUE.equals(changes)) {
            r.put("changes", changeData());
        } else if (!Boolean.FALSE.equals(changes)) {
            if ("random".equalsIgnoreCase(Low.str(changes))) {
                if (ThreadLocalRandom.current().nextBoolean()) {
                    r.put("changes", changeData());
                }
            } else {
                throw new InvocationError("You have specified the state option 'changes' with invalid arguments. "
                        + "It must be either True, False, or 'Random'");
            }
        }
        if (result instanceof Boolean b) {
            r.put("result", b);
        } else if ("random".equalsIgnoreCase(Low.str(result))) {
            r.put("result", ThreadLocalRandom.current().nextBoolean());
        } else {
            throw new InvocationError("You have specified the state option 'result' with invalid arguments. "
                    + "It must be either True, False, or 'Random'");
        }
        if (warnings instanceof String s) {
            r.put("warnings", new ArrayList<>(List.of(s)));
        } else if (warnings instanceof List<?> l) {
            r.put("warnings", new ArrayList<>(l));
        } else if (warnings != null) {
            throw new InvocationError("You have specified the state option 'warnings' with invalid arguments. "
                    + "It must be a string or a list of strings");
        }
        if (c.ctx().test()) {
            r.put("result", Boolean.FALSE.equals(changes) ? Boolean.TRUE : null);
            r.put("comment", comment.isEmpty() ? "This is a test" : comment);
        }
        return r;
    }

    @Fn(doc = "Simple notification: the text argument becomes the comment.",
            example = """
            this-is-just-a-notification:
              test.show_notification:
                - text: >-
                    Notify about it""")
    public Object show_notification(Call c) {
        String text = c.str(1, "text", null);
        if (text == null || text.isEmpty()) {
            throw new InvocationError("Missing required argument text.");
        }
        return StateSupport.ret(c.requiredStr(0, "name"), true, new LinkedHashMap<>(), text);
    }

    @Fn(doc = """
            Checks that pillar keys are present and, optionally, of a type.

            present, boolean, integer, string, listing, dictionary
                Keys (a string or a list) to check.
            verbose
                Also list the keys that passed.""",
            example = """
            is-pillar-foo-present-and-bar-is-int:
              test.check_pillar:
                - present:
                    - foo
                - integer:
                    - bar""")
    public Object check_pillar(Call c) {
        String name = c.requiredStr(0, "name");
        String[][] kinds = {{"present", null}, {"boolean", "<class 'bool'>"}, {"integer", "<class 'int'>"},
            {"string", "(<class 'str'>,)"}, {"listing", "<class 'list'>"}, {"dictionary", "<class 'dict'>"}};
        boolean any = false;
        for (String[] k : kinds) {
            any |= Data.truthy(c.kwargs().get(k[0]));
        }
        if (!any) {
            throw new InvocationError("Missing required argument text.");
        }
        boolean verbose = c.bool(-1, "verbose", false);
        Map<String, Object> r = StateSupport.ret(name, true, new LinkedHashMap<>(), "");
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> fine = new LinkedHashMap<>();
        for (String[] kind : kinds) {
            Object keys = c.kwargs().get(kind[0]);
            List<Object> list = keys == null ? List.of() : keys instanceof List<?> l ? new ArrayList<>(l) : List.of(keys);
            for (Object key : list) {
                Object value = Data.get(c.ctx().pillar(), Low.str(key), null);
                if (value == null) {
                    failed.put(Low.str(key), null);
                    r.put("result", false);
                } else if (kind[1] != null && !typeMatches(kind[0], value)) {
                    failed.put(Low.str(key), kind[1]);
                    r.put("result", false);
                } else if (verbose) {
                    fine.put(Low.str(key), kind[1] == null ? "None" : kind[1]);
                }
            }
        }
        StringBuilder comment = new StringBuilder();
        failed.forEach((k, t) -> comment.append("Pillar key \"").append(k).append("\" ")
                .append(t == null ? "is missing.\n" : "is not " + t + ".\n"));
        if (verbose && !fine.isEmpty()) {
            comment.append("Those keys passed the check:\n");
            fine.forEach((k, t) -> comment.append("- ").append(k).append(" (").append(t).append(")\n"));
        }
        r.put("comment", comment.toString());
        return r;
    }

    @Fn(doc = """
            Called by the watch requisite: reports which watched states changed. result, comment and changes may be \
            set as arguments.""",
            example = """
            watcher:
              test.succeed_without_changes:
                - watch:
                  - test: changer""")
    @SuppressWarnings("unchecked")
    public Object mod_watch(Call c) {
        List<Object> hasChanges = new ArrayList<>();
        Object reqs = c.kwargs().get("__reqs__");
        Object running = c.kwargs().get("__running__");
        if (reqs instanceof Map<?, ?> rm && rm.get("watch") instanceof List<?> watched && running instanceof Map<?, ?> run) {
            for (Object req : watched) {
                Map<String, Object> low = (Map<String, Object>) req;
                Object ret = run.get(Low.tag(low));
                if (ret instanceof Map<?, ?> m && Data.truthy(m.get("changes"))) {
                    hasChanges.add(Low.str(low.get("state")) + ": " + Low.str(low.get("__id__")));
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", c.requiredStr(0, "name"));
        r.put("result", c.kwargs().containsKey("result") ? c.kwargs().get("result") : true);
        r.put("comment", c.kwargs().containsKey("comment") ? c.kwargs().get("comment") : "Watch statement fired.");
        if (c.kwargs().containsKey("changes")) {
            r.put("changes", c.kwargs().get("changes"));
        } else {
            Map<String, Object> ch = new LinkedHashMap<>();
            ch.put("Requisites with changes", hasChanges);
            r.put("changes", ch);
        }
        return r;
    }

    private static boolean typeMatches(String kind, Object v) {
        return switch (kind) {
            case "boolean" -> v instanceof Boolean;
            case "integer" -> v instanceof Long || v instanceof Boolean;
            case "string" -> v instanceof String;
            case "listing" -> v instanceof List;
            case "dictionary" -> v instanceof Map;
            default -> true;
        };
    }

    private static Map<String, Object> changeData() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("old", "Unchanged");
        inner.put("new", "Something pretended to change");
        Map<String, Object> ch = new LinkedHashMap<>();
        ch.put("testing", inner);
        return ch;
    }
}
