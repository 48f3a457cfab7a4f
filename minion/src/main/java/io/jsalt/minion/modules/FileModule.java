package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.PyPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    @Fn(doc = "Return a normalized file system path for the underlying OS: the parts joined with '/', "
            + "an absolute part discarding the ones before it.",
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

    @Fn(doc = "Check if the path is a symbolic link.", example = "jsalt '*' file.is_link /path/to/link")
    public Object is_link(Call c) {
        return Files.isSymbolicLink(Path.of(PyPath.expanduser(c.requiredStr(0, "path"))));
    }
}
