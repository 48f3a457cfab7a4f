package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/** file.symlink, file.absent and file.exists. */
final class Links {
    private Links() {}

    static Map<String, Object> symlink(Call c, Ret ret, Path p) {
        String name = ret.name;
        String target = c.requiredStr(1, "target");
        String user = c.str(-1, "user", System.getProperty("user.name"));
        String group = c.str(-1, "group", null);
        Perms.Want want = new Perms.Want(user, group, null);
        String missing = Perms.missingPrincipals(want);
        if (missing != null) {
            return ret.fail(missing);
        }
        boolean force = c.bool(-1, "force", false);
        if (!Files.isDirectory(p.getParent()) && !c.bool(-1, "makedirs", false)) {
            return ret.fail("Directory " + p.getParent() + " for symlink is not present");
        }
        if (Files.isSymbolicLink(p)) {
            String current = readLink(p);
            if (current.equals(target)) {
                Map<String, Object> d = Perms.diff(p, want);
                if (d.isEmpty()) {
                    return ret.done("Symlink " + name + " is present and owned by " + user + ":"
                            + (group == null ? Perms.group(p) : group));
                }
                return Plan.change("Symlink " + name + " is set to be changed", "Symlink " + name + " updated",
                        () -> Perms.apply(p, want)).showing(d).run(c, ret);
            }
            return Plan.change("Link " + name + " target is set to be changed to " + target,
                    "Set symlink " + name + " -> " + target, () -> replaceLink(p, target, want))
                    .showing(Data.map("change", name)).run(c, ret);
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                return ret.fail("File exists where the symlink " + name + " should be");
            }
            Map<String, Object> forced = Data.map("forced", "Symlink was forcibly replaced");
            return Plan.change("The file or directory " + name + " is set for removal to make way for a new "
                    + "symlink targeting " + target, r -> {
                        r.changes.putAll(forced);
                        FileIo.deleteTree(p);
                        replaceLink(p, target, want);
                        r.changes.put("new", name);
                        return r.done("Created new symlink " + name + " -> " + target);
                    }).showing(forced).run(c, ret);
        }
        return Plan.change("Symlink " + name + " to " + target + " is set for creation",
                "Created new symlink " + name + " -> " + target, () -> {
                    FileIo.makeParents(p);
                    replaceLink(p, target, want);
                }).showing(Data.map("new", name)).run(c, ret);
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new Ret.Failure("Unable to read link " + p + ": " + e);
        }
    }

    private static void replaceLink(Path p, String target, Perms.Want want) {
        try {
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new Ret.Failure("Unable to create new symlink " + p + " -> " + target + ": " + e);
        }
        Perms.apply(p, want);
    }

    static Map<String, Object> absent(Call c, Ret ret, Path p) {
        String name = ret.name;
        if (p.getParent() == null) {
            return ret.fail("Refusing to make \"/\" absent");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return ret.done("File " + name + " is not present");
        }
        boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        return Plan.change((dir ? "Directory " : "File ") + name + " is set for removal",
                (dir ? "Removed directory " : "Removed file ") + name, () -> FileIo.deleteTree(p))
                .showing(Data.map("removed", name)).run(c, ret);
    }

    static Map<String, Object> exists(Call c, Ret ret, Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return ret.fail("Specified path " + ret.name + " does not exist");
        }
        return ret.done("Path " + ret.name + " exists");
    }
}
