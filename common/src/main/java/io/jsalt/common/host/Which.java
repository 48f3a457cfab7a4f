package io.jsalt.common.host;

import java.io.File;

/** Salt's salt.utils.path.which: the executable a command name runs, searched on a PATH. */
public final class Which {
    private Which() {}

    /**
     * The path of {@code cmd} (a name looked up in the directories of {@code path}, or a
     * path with a slash taken as it is), or null when there is no such executable file.
     */
    public static String find(String cmd, String path) {
        if (cmd.contains("/")) {
            return new File(cmd).canExecute() && !new File(cmd).isDirectory() ? cmd : null;
        }
        for (String dir : (path == null ? "" : path).split(":")) {
            File f = new File(dir.isEmpty() ? "." : dir, cmd);
            if (f.canExecute() && !f.isDirectory()) {
                return f.getPath();
            }
        }
        return null;
    }
}
