package io.jsalt.minion.states;

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
        boolean test = c.ctx().test();
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
                ret.changes.putAll(d);
                if (test) {
                    return ret.wouldChange("Symlink " + name + " is set to be changed");
                }
                Perms.apply(p, want);
                return ret.done("Symlink " + name + " updated");
            }
            ret.changes.put("change", name);
            if (test) {
                return ret.wouldChange("Link " + name + " target is set to be changed to " + target);
            }
            replaceLink(p, target, want);
            return ret.done("Set symlink " + name + " -> " + target);
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                return ret.fail("File exists where the symlink " + name + " should be");
            }
            ret.changes.put("forced", "Symlink was forcibly replaced");
            if (test) {
                return ret.wouldChange("The file or directory " + name + " is set for removal to make way for a new "
                        + "symlink targeting " + target);
            }
            FileIo.deleteTree(p);
            replaceLink(p, target, want);
            ret.changes.put("new", name);
            return ret.done("Created new symlink " + name + " -> " + target);
        }
        ret.changes.put("new", name);
        if (test) {
            return ret.wouldChange("Symlink " + name + " to " + target + " is set for creation");
        }
        FileIo.makeParents(p);
        replaceLink(p, target, want);
        return ret.done("Created new symlink " + name + " -> " + target);
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
        ret.changes.put("removed", name);
        if (c.ctx().test()) {
            return ret.wouldChange((dir ? "Directory " : "File ") + name + " is set for removal");
        }
        FileIo.deleteTree(p);
        return ret.done((dir ? "Removed directory " : "Removed file ") + name);
    }

    static Map<String, Object> exists(Call c, Ret ret, Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return ret.fail("Specified path " + ret.name + " does not exist");
        }
        return ret.done("Path " + ret.name + " exists");
    }
}
