package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.py.PyPath;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import io.jsalt.minion.grains.Passwd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * file.copy (Salt's copy_ in salt/states/file.py): copy a file or directory on the minion
 * into place, leaving an existing target alone unless force is set.
 */
final class Copies {
    private Copies() {}

    static Map<String, Object> copy(Call c, Ret ret, Path name) {
        String sourceText = c.requiredStr(1, "source");
        Path source = Path.of(PyPath.expanduser(sourceText));
        String copied = "Copied \"" + source + "\" to \"" + name + "\"";
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new Ret.Failure("Source file \"" + source + "\" is not present");
        }
        boolean force = c.bool(2, "force", false);
        boolean preserve = c.bool(4, "preserve", false);
        Perms.Want want;
        if (preserve) {
            want = new Perms.Want(Perms.user(source), Perms.group(source), Perms.mode(source));
        } else {
            String user = c.str(5, "user", null);
            if (user == null) {
                Object u = c.ctx().opts().get("user");
                user = u != null ? String.valueOf(u) : System.getProperty("user.name");
            }
            String group = c.str(6, "group", null);
            if (group == null) {
                group = Passwd.user(user).map(u -> Passwd.groupName(u.gid())).orElse(null);
            }
            Object mode = c.arg(7, "mode", null);
            want = Perms.Want.of(user, group, mode != null ? mode : Perms.mode(source));
            String missing = Perms.missingPrincipals(c, want);
            if (missing != null) {
                throw new Ret.Failure(missing);
            }
        }
        Path target = name;
        if (Files.isDirectory(target) && c.bool(8, "subdir", false)) {
            target = target.resolve(source.getFileName().toString());
        }
        Path dest = target;
        boolean changed = true;
        String comment = copied;
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                changed = false;
            } else if (Files.isRegularFile(dest) && Files.isRegularFile(source)
                    && Arrays.equals(FileIo.read(dest), FileIo.read(source))) {
                // Salt copies again all the same, and says why.
                comment = copied + " - files are identical but force flag is set";
            }
        }
        if (!changed) {
            return Plan.nothing("The target file \"" + dest + "\" exists and will not be overwritten").run(c, ret);
        }
        String done = comment;
        return Plan.change("File \"" + source + "\" is set to be copied to \"" + dest + "\"", r -> {
            if (force && Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                FileIo.deleteTree(dest);
            }
            Path dir = dest.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                if (!c.bool(3, "makedirs", false)) {
                    throw new Ret.Failure("The target directory " + dir + " is not present");
                }
                FileIo.makeParents(dest);
            }
            try {
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    FileIo.copyTree(source, dest, false);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (IOException e) {
                throw new Ret.Failure("Failed to copy \"" + source + "\" to \"" + dest + "\"");
            }
            r.changes.put(dest.toString(), source.toString());
            if (!preserve) {
                r.changes.putAll(Perms.apply(dest, want));
            }
            return r.done(done);
        }).showing(Data.map(dest.toString(), source.toString())).run(c, ret);
    }
}
