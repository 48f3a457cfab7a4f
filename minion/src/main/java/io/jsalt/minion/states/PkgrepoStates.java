package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.plugin.StatePlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Salt's pkgrepo states for apt: one-line sources in sources.list(.d). */
public final class PkgrepoStates implements StatePlugin {
    private static final String DIFFERENTLY = " This may cause pkg states to behave differently than stated if this "
            + "action is repeated without test=True, due to the differences in the configured repositories.";

    @Override
    public String name() {
        return "pkgrepo";
    }

    @Override
    public String doc() {
        return """
                Manage apt package repositories.

                Differences from Salt: one-line sources ('deb ...') in sources.list and sources.list.d/*.list only; \
                deb822 .sources files are neither read nor written, and keys (key_url, keyid) are not fetched: put the \
                keyring in place with file.managed and name it with [signed-by=...].""";
    }

    @Fn(doc = """
            Make sure the apt source line is configured.

            name
                The line: 'deb [options] uri dist comps...'.
            file
                The .list file for it (default /etc/apt/sources.list).
            disabled / enabled
                Keep it commented out / active.
            comments
                Text kept after the line as '# ...'.
            refresh
                apt-get update after a change (default True).""",
            example = """
            example-repo:
              pkgrepo.managed:
                - name: deb [signed-by=/etc/apt/keyrings/example.gpg] https://deb.example.org/debian bookworm main
                - file: /etc/apt/sources.list.d/example.list
                - refresh: True""")
    public Object managed(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String file = c.str(-1, "file", null);
        boolean disabled = c.bool(-1, "disabled", !c.bool(-1, "enabled", true));
        String comment = comments(c.arg(-1, "comments", null));
        Map<String, Object> current;
        try {
            current = StateSupport.asMap(c.salt("pkg.get_repo", List.of(name), file == null ? Map.of() : Data.map("file", file)));
        } catch (InvocationError | CommandExecutionError e) {
            return ret.fail("Failed to examine repo '" + name + "': " + e.getMessage());
        }
        boolean same = !current.isEmpty() && Boolean.valueOf(disabled).equals(current.get("disabled"))
                && (comment == null || comment.equals(current.get("comments")))
                && (file == null || file.equals(current.get("file")));
        if (same) {
            return ret.done("Package repo '" + name + "' already configured");
        }
        Map<String, Object> planned = Data.map("repo", name);
        if (!current.isEmpty()) {
            if (!Boolean.valueOf(disabled).equals(current.get("disabled"))) {
                planned.put("disabled", disabled);
            }
            if (comment != null && !comment.equals(current.get("comments"))) {
                planned.put("comments", comment);
            }
        }
        return Plan.change("Package repo '" + name + "' would be configured." + DIFFERENTLY, r -> {
            try {
                Map<String, Object> kw = Data.map("disabled", disabled, "refresh", c.bool(-1, "refresh",
                        c.bool(-1, "refresh_db", true)));
                if (file != null) {
                    kw.put("file", file);
                }
                if (comment != null) {
                    kw.put("comments", comment);
                }
                c.salt("pkg.mod_repo", List.of(name), kw);
            } catch (InvocationError | CommandExecutionError e) {
                r.changes.putAll(planned);
                return r.fail("Failed to configure repo '" + name + "': " + e.getMessage());
            }
            r.changes.putAll(planned);
            return r.done("Configured package repo '" + name + "'");
        }).showing(planned).run(c, ret);
    }

    @Fn(doc = "Make sure the apt source line is configured nowhere.",
            example = """
            old-repo:
              pkgrepo.absent:
                - name: deb http://old.example.org/debian bullseye main""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String file = c.str(-1, "file", null);
        Map<String, Object> kw = file == null ? Map.of() : Data.map("file", file);
        Map<String, Object> current;
        try {
            current = StateSupport.asMap(c.salt("pkg.get_repo", List.of(name), kw));
        } catch (InvocationError | CommandExecutionError e) {
            return ret.fail("Failed to examine repo '" + name + "': " + e.getMessage());
        }
        if (current.isEmpty()) {
            return ret.done("Package repo " + name + " is absent");
        }
        return Plan.change("Package repo '" + name + "' will be removed." + DIFFERENTLY, "Removed repo " + name,
                () -> c.salt("pkg.del_repo", List.of(name), kw)).showing(Data.map("repo", name))
                .failingWith("Failed to remove repo " + name + ": ").run(c, ret);
    }

    private static String comments(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof List<?> l) {
            List<String> s = new ArrayList<>();
            l.forEach(x -> s.add(String.valueOf(x)));
            return String.join(" ", s);
        }
        return String.valueOf(o);
    }
}
