package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's debconf module (salt/modules/debconfmod.py): read and preseed debconf answers with
 * debconf-get-selections and debconf-set-selections. The programs are the minion options
 * debconf.get_selections and debconf.set_selections (defaults: those names on PATH).
 */
public final class DebconfModule implements ExecutionPlugin {
    private static final Pattern LINE = Pattern.compile(
            "(?ms)^(?<package>[^#]\\S+)[\\t ]+(?<question>\\S+)[\\t ]+(?<type>\\S+)[\\t ]+(?<value>[^\\n]*)$");

    @Override
    public String name() {
        return "debconf";
    }

    @Override
    public String doc() {
        return "Support for Debconf.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return Sh.has(program(ctx, "get")) ? null
                : "The debconf execution module cannot be loaded: debconf-utils is not installed.";
    }

    @Fn(doc = """
            Answers to debconf questions for all packages: {package: [[question, type, value], ...]}.

            fetchempty
                Include questions without an answer (default True).""",
            example = "jsalt '*' debconf.get_selections")
    public Object get_selections(Call c) {
        boolean fetchEmpty = c.bool(0, "fetchempty", true);
        Sh.Out o = Sh.run(List.of(program(c.ctx(), "get")));
        Map<String, Object> out = new LinkedHashMap<>();
        Matcher m = LINE.matcher(o.stdout());
        while (m.find()) {
            if (fetchEmpty || !m.group("value").isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) out.computeIfAbsent(m.group("package"), k -> new ArrayList<>());
                l.add(new ArrayList<Object>(List.of(m.group("question"), m.group("type"), m.group("value"))));
            }
        }
        return out;
    }

    @Fn(doc = "Answers to debconf questions for a package: [[question, type, value], ...], or None.",
            example = "jsalt '*' debconf.show <package name>")
    public Object show(Call c) {
        return ((Map<?, ?>) get_selections(new Call(c.ctx(), c.fun(), List.of(), Map.of(), null)))
                .get(c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            Set answers to debconf questions for a package. Extra positional arguments are joined to the value with \
            spaces. Returns True.""",
            example = "jsalt '*' debconf.set <package> <question> <type> <value> [<value> ...]")
    public Object set(Call c) {
        String pkg = c.requiredStr(0, "package");
        String question = c.requiredStr(1, "question");
        String type = c.requiredStr(2, "type");
        StringBuilder value = new StringBuilder(c.requiredStr(3, "value"));
        for (int i = 4; i < c.args().size(); i++) {
            value.append(' ').append(c.str(i, null, ""));
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("salt-", "");
            Files.writeString(tmp, pkg + " " + question + " " + type + " " + value, StandardCharsets.UTF_8);
            Sh.run(List.of(program(c.ctx(), "set"), tmp.toString()));
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot write the debconf answers: " + e.getMessage());
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
        return true;
    }

    private static String program(Context ctx, String verb) {
        Object o = ctx.opts().get("debconf." + verb + "_selections");
        return o == null ? "debconf-" + verb + "-selections" : String.valueOf(o);
    }
}
