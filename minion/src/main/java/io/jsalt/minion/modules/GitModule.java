package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salt's git module (the part git.latest and the config states need): clone, fetch, revisions,
 * remotes, status, checkout, reset and config, through the git command. {@code user} runs git as that user (runuser).
 */
public final class GitModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "git";
    }

    @Override
    public String doc() {
        return "Work with git checkouts through the git command.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return Sh.has("git") ? null : "git is not installed";
    }

    @Fn(doc = "Clone url into cwd.\n\nopts\n    Extra options, e.g. '--branch main --depth 1'.\nuser\n    Run as this user.",
            example = "jsalt '*' git.clone /srv/app https://git.example.org/app.git opts='--branch main'")
    public Object clone(Call c) {
        List<String> argv = new ArrayList<>(List.of("clone"));
        String opts = c.str(-1, "opts", null);
        if (opts != null && !opts.isBlank()) {
            argv.addAll(Shlex.split(opts));
        }
        argv.add("--");
        argv.add(c.requiredStr(1, "url"));
        argv.add(c.requiredStr(0, "cwd"));
        git(null, c.str(-1, "user", null), argv);
        return true;
    }

    @Fn(doc = "Fetch from a remote (default origin), with tags.", example = "jsalt '*' git.fetch /srv/app")
    public Object fetch(Call c) {
        String remote = c.str(1, "remote", "origin");
        return git(c.requiredStr(0, "cwd"), c.str(-1, "user", null), List.of("fetch", "--tags", "--force", remote)).stdout();
    }

    @Fn(doc = "The commit id a revision names (default HEAD).", example = "jsalt '*' git.revision /srv/app")
    public Object revision(Call c) {
        return revParse(c.requiredStr(0, "cwd"), c.str(-1, "user", null), c.str(1, "rev", "HEAD"));
    }

    @Fn(doc = "The checked-out branch, or '' when HEAD is detached.", example = "jsalt '*' git.current_branch /srv/app")
    public Object current_branch(Call c) {
        Sh.Out o = run(c.requiredStr(0, "cwd"), c.str(-1, "user", null), List.of("symbolic-ref", "--short", "-q", "HEAD"));
        return o.ok() ? o.stdout().strip() : "";
    }

    @Fn(doc = "The fetch URL of a remote (default origin), or '' when there is no such remote.",
            example = "jsalt '*' git.remote_get /srv/app")
    public Object remote_get(Call c) {
        Sh.Out o = run(c.requiredStr(0, "cwd"), c.str(-1, "user", null),
                List.of("config", "--get", "remote." + c.str(1, "remote", "origin") + ".url"));
        return o.ok() ? o.stdout().strip() : "";
    }

    @Fn(doc = "Set a remote's URL, adding the remote when missing.", example = "jsalt '*' git.remote_set /srv/app https://git.example.org/app.git")
    public Object remote_set(Call c) {
        String cwd = c.requiredStr(0, "cwd");
        String user = c.str(-1, "user", null);
        String url = c.requiredStr(1, "url");
        String remote = c.str(2, "remote", "origin");
        Sh.Out o = run(cwd, user, List.of("remote", "set-url", remote, url));
        if (!o.ok()) {
            git(cwd, user, List.of("remote", "add", remote, url));
        }
        return true;
    }

    @Fn(doc = "The short status (porcelain) lines of the working tree; empty when it is clean.",
            example = "jsalt '*' git.status /srv/app")
    public Object status(Call c) {
        List<Object> out = new ArrayList<>();
        for (String l : git(c.requiredStr(0, "cwd"), c.str(-1, "user", null),
                List.of("status", "--porcelain", "--untracked-files=no")).stdout().split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    @Fn(doc = "Check out a revision (detached when it is not a branch).", example = "jsalt '*' git.checkout /srv/app v1.2")
    public Object checkout(Call c) {
        List<String> argv = new ArrayList<>(List.of("checkout"));
        if (c.bool(-1, "force", false)) {
            argv.add("--force");
        }
        argv.add(c.requiredStr(1, "rev"));
        git(c.requiredStr(0, "cwd"), c.str(-1, "user", null), argv);
        return true;
    }

    @Fn(doc = "git reset with the given options (e.g. '--hard origin/main').", example = "jsalt '*' git.reset /srv/app opts='--hard origin/main'")
    public Object reset(Call c) {
        List<String> argv = new ArrayList<>(List.of("reset"));
        String opts = c.str(1, "opts", null);
        if (opts != null) {
            argv.addAll(Shlex.split(opts));
        }
        git(c.requiredStr(0, "cwd"), c.str(-1, "user", null), argv);
        return true;
    }

    @Fn(doc = "Commit ids a remote (a URL) has for a ref pattern, as {ref: id}.",
            example = "jsalt '*' git.ls_remote remote=https://git.example.org/app.git ref=main")
    public Object ls_remote(Call c) {
        List<String> argv = new ArrayList<>(List.of("ls-remote", c.requiredStr(1, "remote")));
        String ref = c.str(2, "ref", null);
        if (ref != null) {
            argv.add(ref);
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (String l : git(c.str(0, "cwd", null), c.str(-1, "user", null), argv).stdout().split("\n")) {
            String[] w = l.split("\t");
            if (w.length == 2) {
                out.put(w[1], w[0]);
            }
        }
        return out;
    }

    @Fn(doc = "The values of a config key (global: True for the user's ~/.gitconfig, else cwd's repository): "
            + "the last one, or all of them as a list with all: True; None when it is not set.",
            example = "jsalt '*' git.config_get global user.name global=True user=deploy")
    public Object config_get(Call c) {
        boolean global = c.bool(-1, "global", false);
        Sh.Out o = config(c, global, List.of("--null", "--get-all", c.requiredStr(1, "key")));
        if (o.code() == 1 && o.stderr().isBlank()) {
            return null;
        }
        configOk(o, "get");
        List<Object> values = nulValues(o.stdout());
        if (values.isEmpty()) {
            values.add("");
        }
        return c.bool(-1, "all", false) ? values : values.get(values.size() - 1);
    }

    @Fn(doc = "The keys matching a regex, with their values: {key: [values]}; value_regex limits the values.",
            example = "jsalt '*' git.config_get_regexp global '^color\\.' global=True")
    public Object config_get_regexp(Call c) {
        List<String> args = new ArrayList<>(List.of("--null", "--get-regexp", c.requiredStr(1, "key")));
        String valueRegex = c.str(2, "value_regex", null);
        if (valueRegex != null) {
            args.add(valueRegex);
        }
        Sh.Out o = config(c, c.bool(-1, "global", false), args);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (o.code() == 1 && o.stderr().isBlank()) {
            return out;
        }
        configOk(o, "get-regexp");
        // --null prints "key\nvalue\0" for each value.
        for (String item : o.stdout().split("\0")) {
            int nl = item.indexOf('\n');
            String key = nl < 0 ? item : item.substring(0, nl);
            if (key.isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> vals = (List<Object>) out.computeIfAbsent(key, k -> new ArrayList<>());
            vals.add(nl < 0 ? "" : item.substring(nl + 1));
        }
        return out;
    }

    @Fn(doc = "Set a config key to value, or to the values of multivar (a list); returns its values afterwards.",
            example = "jsalt '*' git.config_set global user.email me@example.com global=True user=deploy")
    public Object config_set(Call c) {
        String key = c.requiredStr(1, "key");
        String value = c.str(2, "value", null);
        Object multivar = c.arg(3, "multivar", null);
        if ((value == null) == (multivar == null)) {
            throw new CommandExecutionError("Exactly one of 'value' and 'multivar' is required");
        }
        boolean global = c.bool(-1, "global", false);
        if (value != null) {
            // salt/modules/git.py config_set: --replace-all, so a key holding several values
            // gets this one value (a plain set fails there with "cannot overwrite multiple values").
            configOk(config(c, global, List.of("--replace-all", key, value)), "set");
        } else {
            List<?> values = multivar instanceof List<?> l ? l : List.of(String.valueOf(multivar).split(","));
            for (int i = 0; i < values.size(); i++) {
                configOk(config(c, global, List.of(i == 0 ? "--replace-all" : "--add", key, String.valueOf(values.get(i)))),
                        "set");
            }
        }
        Sh.Out o = config(c, global, List.of("--null", "--get-all", key));
        return o.ok() ? nulValues(o.stdout()) : null;
    }

    /** The values of git config --null --get-all: each ends with a NUL; an empty value is kept. */
    private static List<Object> nulValues(String out) {
        List<Object> values = new ArrayList<>(List.of(out.split("\0", -1)));
        if (!values.isEmpty() && out.endsWith("\0")) {
            values.remove(values.size() - 1);
        }
        return values;
    }

    @Fn(doc = "Unset a config key (all: True for every value; value_regex: only matching values). Exit codes of "
            + "git config become Salt's messages.",
            example = "jsalt '*' git.config_unset global push.default global=True all=True")
    public Object config_unset(Call c) {
        String key = c.requiredStr(1, "key");
        String valueRegex = c.str(2, "value_regex", null);
        boolean all = c.bool(-1, "all", false);
        List<String> args = new ArrayList<>(List.of(all ? "--unset-all" : "--unset", key));
        if (valueRegex != null) {
            args.add(valueRegex);
        }
        Sh.Out o = config(c, c.bool(-1, "global", false), args);
        // git config's exit codes, as salt/modules/git.py config_unset reads them.
        return switch (o.code()) {
            case 0 -> true;
            case 1 -> throw new CommandExecutionError("Section or key is invalid");
            case 5 -> throw new CommandExecutionError(config(c, c.bool(-1, "global", false),
                    List.of("--get-all", key)).code() == 1 ? "Key '" + key + "' does not exist"
                    : "Multiple values exist for key '" + key + "'"
                    + (valueRegex != null ? " and value_regex matches multiple values" : ""));
            case 6 -> throw new CommandExecutionError("The value_regex is invalid");
            default -> throw new CommandExecutionError("Failed to unset key '" + key + "', git config returned exit code "
                    + o.code());
        };
    }

    /**
     * git config for the config functions: global: True acts on the user's ~/.gitconfig (HOME set
     * to the user's home, as Salt's runas does), else on the repository at cwd.
     */
    private static Sh.Out config(Call c, boolean global, List<String> args) {
        String cwd = c.str(0, "cwd", null);
        String user = c.str(-1, "user", null);
        List<String> argv = new ArrayList<>();
        if (user != null && !user.isEmpty() && !user.equals(System.getProperty("user.name"))) {
            argv.addAll(List.of("runuser", "-u", user, "--"));
        }
        argv.addAll(List.of("git", "config"));
        Map<String, String> env = new java.util.HashMap<>(Map.of("GIT_TERMINAL_PROMPT", "0"));
        if (global) {
            argv.add("--global");
            if (user != null && !user.isEmpty()) {
                Object info = c.salt("user.info", List.of(user), Map.of());
                if (!(info instanceof Map<?, ?> m) || m.isEmpty()) {
                    throw new CommandExecutionError("User '" + user + "' does not exist");
                }
                env.put("HOME", String.valueOf(((Map<?, ?>) info).get("home")));
            }
        } else if (cwd == null || cwd.equals("global")) {
            throw new CommandExecutionError("Non-global config options require a repository (cwd)");
        } else {
            argv.add("--local");
        }
        argv.addAll(args);
        File dir = cwd == null || cwd.equals("global") ? null : new File(cwd);
        // A repository that is not there must not become the minion's own working directory.
        if (dir != null && !global && !(dir.isAbsolute() && dir.isDirectory())) {
            throw new CommandExecutionError("The repository '" + cwd + "' is not an absolute path to a directory");
        }
        return Sh.run(argv, null, env, dir != null && dir.isDirectory() ? dir : null);
    }

    private static void configOk(Sh.Out o, String what) {
        if (!o.ok()) {
            throw new CommandExecutionError("git config --" + what + " failed (exit " + o.code() + "): " + o.error());
        }
    }

    static String revParse(String cwd, String user, String rev) {
        return git(cwd, user, List.of("rev-parse", "--verify", "-q", rev + "^{commit}")).stdout().strip();
    }

    static Sh.Out run(String cwd, String user, List<String> args) {
        List<String> argv = new ArrayList<>();
        if (user != null && !user.isEmpty() && !user.equals(System.getProperty("user.name"))) {
            argv.addAll(List.of("runuser", "-u", user, "--"));
        }
        argv.add("git");
        argv.addAll(args);
        File dir = cwd == null ? null : new File(cwd);
        return Sh.run(argv, null, Map.of("GIT_TERMINAL_PROMPT", "0"), dir != null && dir.isDirectory() ? dir : null);
    }

    static Sh.Out git(String cwd, String user, List<String> args) {
        Sh.Out o = run(cwd, user, args);
        if (!o.ok()) {
            throw new CommandExecutionError("Command 'git " + String.join(" ", args) + "' failed: " + o.error());
        }
        return o;
    }
}
