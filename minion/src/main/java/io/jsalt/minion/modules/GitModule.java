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
 * Salt's git module (the part git.latest needs): clone, fetch, revisions, remotes, status,
 * checkout and reset, through the git command. {@code user} runs git as that user (runuser).
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
