package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Salt's alternatives module (salt/modules/alternatives.py), the part templates call: which
 * program a Debian alternative points to, read from its link in /etc/alternatives (the minion
 * option {@code alternatives.dir}).
 */
public final class AlternativesModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "alternatives";
    }

    @Override
    public String doc() {
        return """
                Read Debian's alternatives (update-alternatives).

                Differences from Salt: only show_current; the alternatives states are not provided.""";
    }

    @Fn(doc = """
            The path the alternative currently points to (the target of /etc/alternatives/NAME), or False when there \
            is no such alternative.""",
            example = "jsalt '*' alternatives.show_current editor")
    public Object show_current(Call c) {
        String name = c.requiredStr(0, "name");
        Object dir = c.ctx().opts().get("alternatives.dir");
        // A name is one entry of the directory: a path in it would read a link elsewhere.
        if (name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
            c.ctx().log().error("alternative: {} does not exist", name);
            return false;
        }
        try {
            return Files.readSymbolicLink(Path.of(dir == null ? "/etc/alternatives" : String.valueOf(dir), name)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            // salt/modules/alternatives.py show_current logs and returns False on OSError.
            c.ctx().log().error("alternative: {} does not exist", name);
            return false;
        }
    }
}
