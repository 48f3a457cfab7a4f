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

/** Salt's git.latest: a checkout that follows a remote branch, tag or commit. */
public final class GitStates implements StatePlugin {
    @Override
    public String name() {
        return "git";
    }

    @Override
    public String doc() {
        return "Keep git checkouts at the latest revision of a remote.";
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
}
