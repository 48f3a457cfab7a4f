package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
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

/**
 * Salt's hosts module: read and edit the hosts file ({@code hosts.file} in the minion config,
 * default /etc/hosts). Comments and the order of lines are kept.
 */
public final class HostsModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "hosts";
    }

    @Override
    public String doc() {
        return "Manage the entries of the hosts file.";
    }

    @Fn(doc = "Every entry as {ip: {aliases: [...], comment: '...'}} (comment only when the line has one).",
            example = "jsalt '*' hosts.list_hosts")
    public Object list_hosts(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : read(file(c))) {
            Line l = Line.parse(line);
            if (l == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) out.computeIfAbsent(l.ip, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("aliases", new ArrayList<Object>());
                return m;
            });
            @SuppressWarnings("unchecked")
            List<Object> aliases = (List<Object>) e.get("aliases");
            aliases.addAll(l.aliases);
            if (l.comment != null) {
                e.put("comment", l.comment);
            }
        }
        return out;
    }

    @Fn(doc = "The first ip the host name is listed for, or '' when it is not listed.",
            example = "jsalt '*' hosts.get_ip localhost")
    public Object get_ip(Call c) {
        String host = c.requiredStr(0, "host");
        for (String line : read(file(c))) {
            Line l = Line.parse(line);
            if (l != null && l.aliases.contains(host)) {
                return l.ip;
            }
        }
        return "";
    }

    @Fn(doc = "The names listed for an ip.", example = "jsalt '*' hosts.get_alias 127.0.0.1")
    public Object get_alias(Call c) {
        String ip = c.requiredStr(0, "ip");
        List<Object> out = new ArrayList<>();
        for (String line : read(file(c))) {
            Line l = Line.parse(line);
            if (l != null && l.ip.equals(ip)) {
                out.addAll(l.aliases);
            }
        }
        return out;
    }

    @Fn(doc = "True when the name is listed for the ip.", example = "jsalt '*' hosts.has_pair 127.0.0.1 localhost")
    public Object has_pair(Call c) {
        return hasPair(file(c), c.requiredStr(0, "ip"), c.requiredStr(1, "alias"));
    }

    @Fn(doc = "List the name for the ip: added to the ip's line, or a new line.",
            example = "jsalt '*' hosts.add_host 10.0.0.5 db1.example.org")
    public Object add_host(Call c) {
        Path f = file(c);
        String ip = c.requiredStr(0, "ip");
        String alias = c.requiredStr(1, "alias");
        if (hasPair(f, ip, alias)) {
            return true;
        }
        List<String> lines = read(f);
        for (int i = 0; i < lines.size(); i++) {
            Line l = Line.parse(lines.get(i));
            if (l != null && l.ip.equals(ip)) {
                l.aliases.add(alias);
                lines.set(i, l.render());
                write(f, lines);
                return true;
            }
        }
        lines.add(ip + "\t" + alias);
        write(f, lines);
        return true;
    }

    @Fn(doc = "Remove the name from the ip's lines; a line left without names is removed.",
            example = "jsalt '*' hosts.rm_host 10.0.0.5 db1.example.org")
    public Object rm_host(Call c) {
        String ip = c.requiredStr(0, "ip");
        removeAlias(file(c), c.requiredStr(1, "alias"), ip);
        return true;
    }

    @Fn(doc = """
            Set the host entry in the hosts file for the given ip; this overwrites any previous entry for the ip (its \
            first line becomes "ip<TAB><TAB>alias", later lines for it are removed). An alias of only whitespace \
            removes every entry for the ip.""",
            example = "jsalt '*' hosts.set_host 10.0.0.5 'db1.example.org db1'")
    public Object set_host(Call c) {
        // salt/modules/hosts.py set_host: one line replaced in place, the ip's other lines dropped.
        Path f = file(c);
        String ip = c.requiredStr(0, "ip");
        String alias = c.requiredStr(1, "alias");
        String lineToAdd = alias.isBlank() ? null : ip + "\t\t" + alias;
        boolean replaced = false;
        List<String> out = new ArrayList<>();
        for (String line : read(f)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && t.split("\\s+")[0].equals(ip)) {
                if (!replaced && lineToAdd != null) {
                    out.add(lineToAdd);
                }
                replaced = true;
                continue;
            }
            out.add(line);
        }
        if (!replaced && lineToAdd != null) {
            out.add(lineToAdd);
        }
        write(f, out);
        return true;
    }

    /**
     * Takes the alias off the ip's lines; a line left without names goes, the other lines stay
     * as they were written (salt/modules/hosts.py rm_host).
     */
    private static void removeAlias(Path f, String alias, String ip) {
        List<String> out = new ArrayList<>();
        for (String line : read(f)) {
            Line l = Line.parse(line);
            if (l != null && l.ip.equals(ip) && l.aliases.remove(alias)) {
                if (!l.aliases.isEmpty()) {
                    out.add(l.render());
                }
                continue;
            }
            out.add(line);
        }
        write(f, out);
    }

    static Path file(Call c) {
        Object o = c.ctx().opts().get("hosts.file");
        return Path.of(o == null ? "/etc/hosts" : String.valueOf(o));
    }

    static boolean hasPair(Path f, String ip, String alias) {
        for (String line : read(f)) {
            Line l = Line.parse(line);
            if (l != null && l.ip.equals(ip) && l.aliases.contains(alias)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> read(Path f) {
        try {
            return Files.exists(f) ? new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8)) : new ArrayList<>();
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path f, List<String> lines) {
        try {
            Files.writeString(f, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** One entry line: ip, names, trailing comment. */
    private static final class Line {
        final String ip;
        final List<Object> aliases;
        final String comment;

        private Line(String ip, List<Object> aliases, String comment) {
            this.ip = ip;
            this.aliases = aliases;
            this.comment = comment;
        }

        static Line parse(String raw) {
            String body = raw;
            String comment = null;
            int hash = raw.indexOf('#');
            if (hash >= 0) {
                comment = raw.substring(hash + 1).strip();
                body = raw.substring(0, hash);
            }
            String[] w = body.strip().split("\\s+");
            if (w.length < 2 || w[0].isEmpty()) {
                return null;
            }
            return new Line(w[0], new ArrayList<>(List.of(w).subList(1, w.length)), comment);
        }

        String render() {
            StringBuilder b = new StringBuilder(ip);
            aliases.forEach(a -> b.append('\t').append(a));
            if (comment != null) {
                b.append(" # ").append(comment);
            }
            return b.toString();
        }
    }
}
