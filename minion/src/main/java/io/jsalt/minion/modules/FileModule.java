package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyPath;
import io.jsalt.common.py.PyRegex;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Salt's file execution module, the part templates call while rendering: path arithmetic done
 * on the text as Python's os.path does it, and existence checks; and copy, which Salt trees call
 * as {@code salt-call --local file.copy} to back files up. The file states live in
 * io.jsalt.minion.states.
 */
public final class FileModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public String doc() {
        return "Manage information about regular files, directories, and special files on the minion.";
    }

    @Fn(doc = "Returns the final component of a pathname.", example = "jsalt '*' file.basename 'test/test.config'")
    public Object basename(Call c) {
        return PyPath.basename(c.requiredStr(0, "path"));
    }

    @Fn(doc = "Returns the directory component of a pathname.", example = "jsalt '*' file.dirname 'test/path/filename.config'")
    public Object dirname(Call c) {
        return PyPath.dirname(c.requiredStr(0, "path"));
    }

    @Fn(doc = """
            Return a normalized file system path for the underlying OS: the parts joined with '/', an absolute part \
            discarding the ones before it.""",
            example = "jsalt '*' file.join '/' 'usr' 'local' 'bin'")
    public Object join(Call c) {
        if (c.args().isEmpty()) {
            throw new InvocationError("join() missing 1 required positional argument: 'a'");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            parts.add(c.str(i, null, ""));
        }
        return PyPath.join(parts);
    }

    @Fn(doc = "Returns Normalize path, eliminating double slashes, etc.", example = "jsalt '*' file.normpath 'a/b/c/..'")
    public Object normpath(Call c) {
        return PyPath.normpath(c.requiredStr(0, "path"));
    }

    @Fn(doc = "Check if a file exists (a regular file, following symlinks). ~ is the user's home.",
            example = "jsalt '*' file.file_exists /etc/passwd")
    public Object file_exists(Call c) {
        return Files.isRegularFile(Path.of(PyPath.expanduser(c.requiredStr(0, "path"))));
    }

    @Fn(doc = "Check if a directory exists (following symlinks). ~ is the user's home.",
            example = "jsalt '*' file.directory_exists /etc")
    public Object directory_exists(Call c) {
        return Files.isDirectory(Path.of(PyPath.expanduser(c.requiredStr(0, "path"))));
    }

    @Fn(doc = """
            True when a line of the file matches the (Python) regular expression; lchar: characters stripped from the \
            start of each line first. False when the file does not exist or cannot be read.""",
            example = "jsalt '*' file.contains_regex /etc/ssh/sshd_config '^PermitRootLogin'")
    public Object contains_regex(Call c) {
        // salt/modules/file.py contains_regex: re.search line by line, a missing or unreadable file is False.
        Path path = Path.of(PyPath.expanduser(c.requiredStr(0, "path")));
        Pattern regex;
        try {
            regex = PyRegex.compile(c.requiredStr(1, "regex"), 0);
        } catch (PatternSyntaxException e) {
            throw new InvocationError("file.contains_regex: invalid regex: " + e.getDescription());
        }
        String lchar = c.str(2, "lchar", "");
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(path)) {
            return lines.map(l -> lstrip(l, lchar)).anyMatch(l -> regex.matcher(l).find());
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Python's str.lstrip(chars): the leading characters that are in chars removed. */
    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    @Fn(doc = "Check if the path is a symbolic link.", example = "jsalt '*' file.is_link /path/to/link")
    public Object is_link(Call c) {
        return Files.isSymbolicLink(Path.of(PyPath.expanduser(c.requiredStr(0, "path"))));
    }

    @Fn(doc = """
            Copy a file or directory on the minion from src (an absolute path) to dst; dst then has src's owner, \
            group and mode. A directory (as src, or an existing dst) needs recurse=True: its files are copied over \
            the destination's, the others kept, or with remove_existing=True the destination is removed first.""",
            example = "jsalt '*' file.copy /etc/postgresql/15/main/pg_hba.conf /root/pg_hba.conf.bak")
    public Object copy(Call c) {
        // salt/modules/file.py copy: the same checks and messages, then check_perms with src's owner and mode.
        String srcArg = PyPath.expanduser(c.requiredStr(0, "src"));
        Path dst = Path.of(PyPath.expanduser(c.requiredStr(1, "dst")));
        boolean recurse = c.bool(2, "recurse", false);
        boolean removeExisting = c.bool(3, "remove_existing", false);
        if (!srcArg.startsWith("/")) {
            throw new InvocationError("File path must be absolute.");
        }
        Path src = Path.of(srcArg);
        if (!Files.exists(src)) {
            throw new CommandExecutionError("No such file or directory '" + src + "'");
        }
        Perms.Want want = Perms.Want.of(Perms.user(src), Perms.group(src), Perms.mode(src));
        try {
            if (Files.isDirectory(dst) || Files.isDirectory(src)) {
                if (!recurse) {
                    throw new InvocationError("Cannot copy overwriting a directory without recurse flag set to true!");
                }
                if (removeExisting && Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
                    FileIo.deleteTree(dst);
                }
                FileIo.copyTree(src, dst, !removeExisting);
            } else {
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CommandExecutionError("Could not copy '" + src + "' to '" + dst + "'");
        }
        Perms.apply(dst, want);
        return true;
    }
}
