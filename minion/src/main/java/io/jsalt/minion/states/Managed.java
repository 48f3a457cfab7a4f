package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.minion.files.Diffs;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * file.managed's check-and-apply for one file, shared with file.recurse: compute what
 * differs (content as a unified diff, owner, group, mode), report it in test mode, else
 * apply it. One code path; {@code test} only decides whether the last step runs.
 */
final class Managed {
    static final String TEST_NOTE = "\nNote: No changes made, actual changes may\nbe different due to other states.";

    /** One file to manage; content null means "only make sure it exists". */
    record Spec(String name, Path path, Sources.Content content, Perms.Want perms, Perms.Want dirPerms, boolean makedirs,
                boolean replace, boolean create, String backup, String checkCmd, boolean showChanges) {}

    private Managed() {}

    static Map<String, Object> run(Call c, Spec s) {
        String name = s.name();
        Ret ret = new Ret(name);
        Path p = s.path();
        if (Files.isDirectory(p)) {
            return ret.fail("Specified target " + name + " is a directory");
        }
        boolean exists = Files.exists(p);
        if (!exists && !s.create()) {
            return ret.done("File " + name + " is not present and is not set for creation");
        }
        if (!exists) {
            return createNew(c, s, ret);
        }
        byte[] current = FileIo.read(p);
        boolean contentDiffers = s.replace() && s.content() != null && !Arrays.equals(current, s.content().bytes());
        Map<String, Object> changes = new LinkedHashMap<>();
        if (contentDiffers) {
            changes.put("diff", s.showChanges() ? diff(current, s.content().bytes()) : "<show_changes=False>");
        }
        changes.putAll(Perms.diff(p, s.perms()));
        if (changes.isEmpty()) {
            return ret.done(!s.replace() ? "File " + name + " exists with proper permissions. No changes made."
                    : "File " + name + " is in the correct state");
        }
        return Plan.change("The file " + name + " is set to be changed" + TEST_NOTE, "File " + name + " updated", () -> {
            if (contentDiffers) {
                checkCmd(c, s);
                if ("minion".equals(s.backup())) {
                    FileIo.backupToCache(p, cachedir(c));
                }
                FileIo.writeAtomic(p, s.content().bytes());
            }
            Perms.apply(p, s.perms());
        }).showing(changes).run(c, ret);
    }

    private static Map<String, Object> createNew(Call c, Spec s, Ret ret) {
        String name = s.name();
        Path parent = s.path().toAbsolutePath().getParent();
        // A missing parent is an error only when the file is written (Salt's file.manage_file);
        // with test=True Salt reports the new file from check_managed_changes without looking,
        // since an earlier state (a directory with makedirs, a package) may create the parent.
        return Plan.change("The file " + name + " is set to be changed" + TEST_NOTE, r -> {
            if (!Files.isDirectory(parent) && !s.makedirs()) {
                return r.fail("Parent directory not present");
            }
            if (s.content() != null) {
                checkCmd(c, s);
            }
            for (Path d : FileIo.makeParents(s.path())) {
                Perms.apply(d, s.dirPerms());
            }
            FileIo.writeAtomic(s.path(), s.content() == null ? new byte[0] : s.content().bytes());
            if (s.content() == null) {
                r.changes.put("new", "file " + name + " created");
            } else {
                r.changes.put("diff", "New file");
            }
            Map<String, Object> perms = Perms.apply(s.path(), s.perms());
            if (s.perms().mode() != null) {
                // Salt creates the file private first and then sets the mode, so it always reports it.
                perms.put("mode", s.perms().mode());
            }
            r.changes.putAll(perms);
            return r.done(s.content() == null ? "Empty file" : "File " + name + " updated");
        }).showing(Data.map("newfile", name)).run(c, ret);
    }

    static String diff(byte[] a, byte[] b) {
        boolean ab = FileIo.isBinary(a);
        boolean bb = FileIo.isBinary(b);
        if (ab || bb) {
            return ab && bb ? "Replace binary file" : ab ? "Replace binary file with text file"
                    : "Replace text file with binary file";
        }
        return Diffs.unified(new String(a, StandardCharsets.UTF_8), new String(b, StandardCharsets.UTF_8));
    }

    /** Runs check_cmd on the new content in a temporary file; a non-zero exit fails the state. */
    private static void checkCmd(Call c, Spec s) {
        if (s.checkCmd() == null || s.content() == null) {
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("jsalt-check", ".tmp");
            Files.write(tmp, s.content().bytes());
            Map<String, Object> failed = runCheckCmd(c, s.checkCmd(), tmp.toString());
            if (failed != null) {
                throw new Ret.Failure(String.valueOf(failed.get("comment")));
            }
        } catch (IOException e) {
            throw new Ret.Failure("check_cmd could not run: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /**
     * Salt's file.mod_run_check_cmd (salt/states/file.py), which file.managed also calls on its
     * new content: runs cmd with the file name appended; null when it exits 0, else the failed
     * result, "check_cmd execution failed" and the command's stdout and stderr.
     */
    static Map<String, Object> runCheckCmd(Call c, String cmd, String filename) {
        Map<?, ?> r = (Map<?, ?>) c.salt("cmd.run_all", List.of(cmd + " " + filename),
                Data.map("python_shell", true, "ignore_retcode", true));
        if (((Number) r.get("retcode")).longValue() == 0) {
            return null;
        }
        String comment = "check_cmd execution failed";
        for (String stream : List.of("stdout", "stderr")) {
            if (r.get(stream) instanceof String text && !text.isEmpty()) {
                comment += "\n" + text;
            }
        }
        return Data.map("comment", comment, "skip_watch", true, "result", false);
    }

    static String cachedir(Call c) {
        Object d = c.ctx().opts().get("cachedir");
        return d == null ? "/var/cache/jsalt/minion" : String.valueOf(d);
    }
}
