package io.jsalt.minion.modules;

import io.jsalt.common.pillar.PillarGet;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.minion.files.FileIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's aliases module (salt/modules/aliases.py): the mail aliases file, named by the
 * aliases.file option (default /etc/aliases). Lines are kept as Salt keeps them: alias, target
 * and trailing comment, anything else verbatim; newaliases runs after a write when installed.
 */
public final class AliasesModule implements ExecutionPlugin {
    private static final Pattern ALIAS = Pattern.compile("([^:#]*)\\s*:?\\s*([^#]*?)(\\s+#.*|$)");

    /** One parsed line: alias and target, or (both null) a line kept as its comment text. */
    private record Line(String alias, String target, String comment) {}

    @Override
    public String name() {
        return "aliases";
    }

    @Override
    public String doc() {
        return "Manage the information in the aliases file.";
    }

    @Fn(doc = "Return the aliases found in the aliases file in this format: {alias: target}.",
            example = "jsalt '*' aliases.list_aliases")
    public Object list_aliases(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Line l : parse(c)) {
            if (l.alias() != null && !l.alias().isEmpty()) {
                out.put(l.alias(), l.target());
            }
        }
        return out;
    }

    @Fn(doc = "Return the target associated with an alias (an empty string when there is none).",
            example = "jsalt '*' aliases.get_target alias")
    public Object get_target(Call c) {
        return target(c, c.requiredStr(0, "alias"));
    }

    @Fn(doc = "Return true if the alias/target is set. A list target is compared joined with ', '.",
            example = "jsalt '*' aliases.has_target alias target")
    public Object has_target(Call c) {
        String alias = c.requiredStr(0, "alias");
        String target = joined(c.arg(1, "target", null));
        if (target == null || target.isEmpty()) {
            throw new InvocationError("target can not be an empty string");
        }
        Map<?, ?> all = (Map<?, ?>) list_aliases(c);
        return all.containsKey(alias) && target.equals(all.get(alias));
    }

    @Fn(doc = """
            Set the entry in the aliases file for the given alias; this overwrites any previous entry for the alias.""",
            example = "jsalt '*' aliases.set_target alias target")
    public Object set_target(Call c) {
        String alias = c.requiredStr(0, "alias");
        String target = joined(c.arg(1, "target", null));
        if (alias.isEmpty()) {
            throw new InvocationError("alias can not be an empty string");
        }
        if (target == null || target.isEmpty()) {
            throw new InvocationError("target can not be an empty string");
        }
        if (target.equals(target(c, alias))) {
            return true;
        }
        List<Line> out = new ArrayList<>();
        boolean replaced = false;
        for (Line l : parse(c)) {
            if (alias.equals(l.alias())) {
                if (!replaced) {
                    out.add(new Line(alias, target, l.comment()));
                    replaced = true;
                }
            } else {
                out.add(l);
            }
        }
        if (!replaced) {
            out.add(new Line(alias, target, ""));
        }
        write(c, out);
        return true;
    }

    @Fn(doc = "Remove an entry from the aliases file.", example = "jsalt '*' aliases.rm_alias alias")
    public Object rm_alias(Call c) {
        String alias = c.requiredStr(0, "alias");
        if (target(c, alias).isEmpty()) {
            return true;
        }
        List<Line> out = new ArrayList<>();
        for (Line l : parse(c)) {
            if (!alias.equals(l.alias())) {
                out.add(l);
            }
        }
        write(c, out);
        return true;
    }

    private String target(Call c, String alias) {
        Object t = ((Map<?, ?>) list_aliases(c)).get(alias);
        return t == null ? "" : String.valueOf(t);
    }

    private static String joined(Object target) {
        if (target instanceof List<?> l) {
            List<String> s = new ArrayList<>();
            l.forEach(x -> s.add(String.valueOf(x)));
            return String.join(", ", s);
        }
        return target == null ? null : String.valueOf(target);
    }

    static Path file(Call c) {
        return Path.of(String.valueOf(PillarGet.option(c.ctx().opts(), c.ctx().grains(), c.ctx().pillar(),
                "aliases.file", "/etc/aliases")));
    }

    private static List<Line> parse(Call c) {
        Path f = file(c);
        List<Line> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        for (String line : FileIo.readText(f).split("\n", -1)) {
            Matcher m = ALIAS.matcher(line);
            if (m.lookingAt()) {
                out.add(new Line(m.group(1), m.group(2), m.group(3)));
            } else {
                out.add(new Line(null, null, line.strip()));
            }
        }
        // split keeps an empty piece after the final newline; it is no line of the file.
        if (!out.isEmpty() && out.get(out.size() - 1).alias() != null && out.get(out.size() - 1).alias().isEmpty()
                && out.get(out.size() - 1).target().isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static void write(Call c, List<Line> lines) {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            String comment = l.comment() == null ? "" : l.comment();
            if (l.alias() != null && !l.alias().isEmpty() && l.target() != null && !l.target().isEmpty()) {
                b.append(l.alias()).append(": ").append(l.target()).append(comment).append('\n');
            } else {
                b.append(comment).append('\n');
            }
        }
        FileIo.writeText(file(c), b.toString());
        String newaliases = CmdModule.which("newaliases", System.getenv("PATH"));
        if (newaliases != null) {
            c.salt("cmd.run", List.of(newaliases), Map.of());
        }
    }
}
