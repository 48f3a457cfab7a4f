package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyPath;
import io.jsalt.common.py.PyRegex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Salt's file execution module, the part templates call while rendering: path arithmetic done
 * on the text as Python's os.path does it, and existence checks. The file states live in
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
}
