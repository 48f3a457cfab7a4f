package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Salt's git states: git.latest (a checkout that follows a remote branch, tag or commit) and
 * git.config_set/config_unset.
 */
public final class GitStates implements StatePlugin {
    @Override
    public String name() {
        return "git";
    }

    @Override
    public String doc() {
        return "Keep git checkouts at the latest revision of a remote, and git config keys set or unset.";
    }

    @Fn(doc = "Make target a clone of the repository (name: its URL) at rev.\n\ntarget\n    The checkout's "
            + "directory.\nrev\n    Branch, tag or commit (default HEAD: the remote's default branch).\n"
            + "branch\n    Local branch name (default: rev when it is a branch).\nuser\n    Run git as this user.\n"
            + "force_reset\n    Discard local changes that would block the update.\nforce_clone\n    Replace a "
            + "non-empty target that is not a checkout of this remote.\ndepth\n    Shallow clone depth."
            + "\n\nDifferences from Salt: rev may be a branch, a tag or a full commit id; no submodules, "
            + "identity, https_user, bare or mirror. Changes are {new: 'url => target', revision: "
            + "{old, new}} on clone and {revision: {old, new}} on update.",
            example = "https://git.example.org/app.git:\n  git.latest:\n    - target: /srv/app\n    - rev: main\n"
            + "    - user: deploy\n    - force_reset: True")
    public Object latest(Call c) {
        String url = c.requiredStr(0, "name");
        Ret ret = new Ret(url);
        String target = c.str(-1, "target", null);
        if (target == null || !target.startsWith("/")) {
            return ret.fail("target must be an absolute path, got '" + target + "'");
        }
        String rev = c.str(-1, "rev", "HEAD");
        String user = c.str(-1, "user", null);
        Path dir = Path.of(target);
        try {
            String remoteRev = remoteRevision(c, url, rev, user);
            if (!isCheckout(dir)) {
                if (Files.exists(dir) && !empty(dir)) {
                    if (!c.bool(-1, "force_clone", false)) {
                        return ret.fail("Target '" + target + "' exists, is non-empty and is not a git repository. "
                                + "Set the 'force_clone' option to True to remove this directory's contents and "
                                + "proceed with cloning the remote repository");
                    }
                }
                Map<String, Object> clone = Data.map("new", url + " => " + target,
                        "revision", Data.map("old", null, "new", remoteRev));
                return Plan.change(url + " would be cloned to " + target, r -> {
                    r.changes.putAll(clone);
                    if (Files.exists(dir)) {
                        io.jsalt.minion.files.FileIo.deleteTree(dir);
                    }
                    String opts = "";
                    if (!rev.equals("HEAD") && !rev.matches("[0-9a-f]{40}")) {
                        opts += "--branch " + rev;
                    }
                    if (c.arg(-1, "depth", null) != null) {
                        opts += " --depth " + c.integer(-1, "depth", 1);
                    }
                    c.salt("git.clone", List.of(target, url), Data.map("opts", opts.strip(), "user", user));
                    if (rev.matches("[0-9a-f]{40}")) {
                        c.salt("git.checkout", List.of(target, rev), Data.map("user", user));
                    }
                    String now = String.valueOf(c.salt("git.revision", List.of(target), Data.map("user", user)));
                    r.changes.put("revision", Data.map("old", null, "new", now));
                    return r.done(url + " cloned to " + target);
                }).showing(clone).run(c, ret);
            }
            String currentUrl = String.valueOf(c.salt("git.remote_get", List.of(target), Data.map("user", user)));
            String local = String.valueOf(c.salt("git.revision", List.of(target), Data.map("user", user)));
            List<?> dirty = (List<?>) c.salt("git.status", List.of(target), Data.map("user", user));
            boolean urlChange = !url.equals(currentUrl);
            boolean revChange = !local.equals(remoteRev);
            if (!urlChange && !revChange && (dirty.isEmpty() || !c.bool(-1, "force_reset", false))) {
                return ret.done("Repository " + target + " is up-to-date");
            }
            if (!dirty.isEmpty() && !c.bool(-1, "force_reset", false) && revChange) {
                return ret.fail("Repository " + target + " has local changes:\n" + joinLines(dirty)
                        + "\nSet 'force_reset' to True to discard them and update");
            }
            Map<String, Object> update = new LinkedHashMap<>();
            if (urlChange) {
                update.put("remotes", Data.map("old", currentUrl, "new", url));
            }
            if (revChange) {
                update.put("revision", Data.map("old", local, "new", remoteRev));
            }
            if (!dirty.isEmpty()) {
                update.put("forced update", true);
            }
            return Plan.change("Repository " + target + " would be updated"
                    + (revChange ? " from " + abbrev(local) + " to " + abbrev(remoteRev) : ""), r -> {
                        r.changes.putAll(update);
                        if (urlChange) {
                            c.salt("git.remote_set", List.of(target, url), Data.map("user", user));
                        }
                        c.salt("git.fetch", List.of(target), Data.map("user", user));
                        c.salt("git.reset", List.of(target), Data.map("opts", "--hard " + remoteRev, "user", user));
                        String now = String.valueOf(c.salt("git.revision", List.of(target), Data.map("user", user)));
                        if (revChange) {
                            r.changes.put("revision", Data.map("old", local, "new", now));
                        }
                        return r.done("Repository " + target + " updated"
                                + (revChange ? " from " + abbrev(local) + " to " + abbrev(now) : ""));
                    }).showing(update).run(c, ret);
        } catch (CommandExecutionError e) {
            return ret.fail(e.getMessage());
        }
    }

    /** The commit the remote has for rev: ls-remote for a name, the id itself for a commit id. */
    private static String remoteRevision(Call c, String url, String rev, String user) {
        if (rev.matches("[0-9a-f]{40}")) {
            return rev;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> refs = (Map<String, Object>) c.salt("git.ls_remote", List.of(),
                Data.map("remote", url, "user", user));
        for (String ref : List.of(rev, "refs/heads/" + rev, "refs/tags/" + rev + "^{}", "refs/tags/" + rev)) {
            if (refs.containsKey(ref)) {
                return String.valueOf(refs.get(ref));
            }
        }
        throw new CommandExecutionError("Revision '" + rev + "' does not exist in remote " + url);
    }

    private static boolean isCheckout(Path dir) {
        return Files.isDirectory(dir.resolve(".git"));
    }

    private static boolean empty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbrev(String rev) {
        return rev.length() > 7 ? rev.substring(0, 7) : rev;
    }

    private static String joinLines(List<?> l) {
        StringBuilder b = new StringBuilder();
        l.forEach(x -> b.append(b.length() == 0 ? "" : "\n").append(x));
        return b.toString();
    }
    @Fn(doc = "Make sure a git config key has a value (value) or values (multivar, a list).\n\n"
            + "name\n    The key.\nrepo\n    The repository, unless global: True (the user's ~/.gitconfig).\n"
            + "user\n    Run git as this user.",
            example = "user.email:\n  git.config_set:\n    - value: deploy@example.com\n    - user: deploy\n"
                    + "    - global: True")
    public Object config_set(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        Object value = c.arg(1, "value", null);
        Object multivar = c.arg(2, "multivar", null);
        String repo = c.str(3, "repo", null);
        String user = c.str(4, "user", null);
        boolean global = c.bool(-1, "global", false);
        // salt/states/git.py config_set: messages, changes and the checks in its order.
        if (value != null && multivar != null) {
            return ret.fail("Only one of 'value' and 'multivar' is permitted");
        }
        if (!global && repo == null) {
            return ret.fail("Non-global config options require the 'repo' argument to be set");
        }
        List<Object> desired = new java.util.ArrayList<>();
        String valueComment;
        if (multivar != null) {
            List<?> l = multivar instanceof List<?> x ? x : List.of(String.valueOf(multivar).split(","));
            l.forEach(v -> desired.add(io.jsalt.common.py.PyRepr.str(v)));
            valueComment = io.jsalt.common.py.PyRepr.repr(desired);
        } else {
            String v = value == null ? null : io.jsalt.common.py.PyRepr.str(value);
            desired.add(v);
            valueComment = "'" + v + "'";
        }
        String label = global ? "Global key " : "";
        Map<String, Object> kw = configArgs(repo, user, global);
        kw.put("key", name);
        kw.put("all", true);
        Object pre = c.salt("git.config_get", List.of(), kw);
        if (desired.equals(pre)) {
            ret.comment = label + "'" + name + "' is already set to " + valueComment;
            return ret.toMap();
        }
        Map<String, Object> planned = new LinkedHashMap<>();
        planned.put("old", pre);
        planned.put("new", desired);
        return Plan.change(label + "'" + name + "' would be " + (pre == null ? "added as" : "set to") + " " + valueComment, r -> {
            Map<String, Object> set = configArgs(repo, user, global);
            set.put("key", name);
            if (multivar != null) {
                set.put("multivar", desired);
            } else {
                set.put("value", desired.get(0));
            }
            Object post;
            try {
                post = c.salt("git.config_set", List.of(), set);
            } catch (CommandExecutionError e) {
                return r.fail("Failed to set " + (global ? "global key " : "") + "'" + name + "' to " + valueComment + ": "
                        + e.getMessage());
            }
            if (!java.util.Objects.equals(pre, post)) {
                Map<String, Object> ch = new LinkedHashMap<>();
                ch.put("old", pre);
                ch.put("new", post);
                r.changes.put(name, ch);
            }
            if (!desired.equals(post)) {
                return r.fail("Failed to set " + (global ? "global key " : "") + "'" + name + "' to " + valueComment);
            }
            return r.done(label + "'" + name + "' was " + (pre == null ? "added as" : "set to") + " " + valueComment);
        }).showing(planned).run(c, ret);
    }

    @Fn(doc = "Make sure the git config keys matching name (a regex of whole key names) are unset.\n\n"
            + "value_regex\n    Only values matching it.\nall\n    Unset keys with several matching values too "
            + "(else that fails).\nrepo, user, global\n    As for config_set.",
            example = "push.default:\n  git.config_unset:\n    - user: deploy\n    - global: True\n    - all: True")
    public Object config_unset(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String valueRegex = c.str(1, "value_regex", null);
        String repo = c.str(2, "repo", null);
        String user = c.str(3, "user", null);
        boolean global = c.bool(-1, "global", false);
        boolean all = c.bool(-1, "all", false);
        // salt/states/git.py config_unset: the key expression must match whole key names.
        if (!global && repo == null) {
            return ret.fail("Non-global config options require the 'repo' argument to be set");
        }
        String keyRegex = "^" + name.replaceAll("^\\^+", "").replaceAll("\\$+$", "") + "$";
        Map<String, Object> q = configArgs(repo, user, global);
        q.put("key", keyRegex);
        q.put("value_regex", valueRegex);
        Map<?, ?> preMatches = (Map<?, ?>) c.salt("git.config_get_regexp", List.of(), q);
        if (preMatches.isEmpty()) {
            return ret.done("No matching keys are set");
        }
        if (!all) {
            List<String> greedy = new java.util.ArrayList<>();
            preMatches.forEach((k, v) -> {
                if (((List<?>) v).size() > 1) {
                    greedy.add(k + " (" + String.join(", ", ((List<?>) v).stream().map(String::valueOf).toList()) + ")");
                }
            });
            if (!greedy.isEmpty()) {
                return ret.fail(valueRegex != null
                        ? "Multiple values are matched by value_regex for the following keys (set 'all' to True to "
                        + "force removal): " + String.join("; ", greedy)
                        : "Multivar(s) matched by the key expression (set 'all' to True to force removal): "
                        + String.join("; ", greedy));
            }
        }
        Map<String, Object> planned = new LinkedHashMap<>();
        preMatches.forEach((k, v) -> planned.put(String.valueOf(k), v));
        return Plan.change(preMatches.size() + " key(s) would have value(s) unset", r -> {
            Map<String, Object> allQ = configArgs(repo, user, global);
            allQ.put("key", keyRegex);
            Map<?, ?> pre = valueRegex == null ? preMatches : (Map<?, ?>) c.salt("git.config_get_regexp", List.of(), allQ);
            List<String> failed = new java.util.ArrayList<>();
            for (Object keyName : preMatches.keySet()) {
                Map<String, Object> u = configArgs(repo, user, global);
                u.put("key", keyName);
                u.put("value_regex", valueRegex);
                u.put("all", all);
                try {
                    c.salt("git.config_unset", List.of(), u);
                } catch (CommandExecutionError e) {
                    failed.add(String.valueOf(keyName));
                }
            }
            if (!failed.isEmpty()) {
                return r.fail("Error(s) occurred unsetting values for the following keys (see the minion log for "
                        + "details): " + String.join(", ", failed));
            }
            Map<?, ?> post = (Map<?, ?>) c.salt("git.config_get_regexp", List.of(), allQ);
            pre.forEach((k, v) -> {
                List<?> after = post.get(k) instanceof List<?> l ? l : List.of();
                List<Object> unset = new java.util.ArrayList<>(((List<?>) v).stream().filter(x -> !after.contains(x)).toList());
                if (!unset.isEmpty()) {
                    r.changes.put(String.valueOf(k), unset);
                }
            });
            Map<?, ?> postMatches = valueRegex == null ? post : (Map<?, ?>) c.salt("git.config_get_regexp", List.of(), q);
            if (!postMatches.isEmpty()) {
                List<String> left = new java.util.ArrayList<>();
                postMatches.forEach((k, v) -> left.add(k + " (" + String.join(", ",
                        ((List<?>) v).stream().map(String::valueOf).toList()) + ")"));
                return r.fail("Failed to unset value(s): " + String.join("; ", left));
            }
            return r.done("Value(s) successfully unset");
        }).showing(planned).run(c, ret);
    }

    /** The module's arguments: the repository (or 'global') and the user. */
    private static Map<String, Object> configArgs(String repo, String user, boolean global) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("cwd", global ? "global" : repo);
        kw.put("user", user);
        kw.put("global", global);
        return kw;
    }
}
