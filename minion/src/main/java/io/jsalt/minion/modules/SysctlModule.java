package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.minion.files.FileIo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Salt's Linux sysctl module (salt/modules/linux_sysctl.py): kernel parameters read and set
 * with sysctl(8), persisted in a sysctl configuration file.
 */
public final class SysctlModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public String doc() {
        return "Module for viewing and modifying sysctl parameters.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return Sh.has("sysctl") ? null : "sysctl is not installed";
    }

    @Fn(doc = """
            Linux hosts using systemd 207 or later ignore /etc/sysctl.conf and only load from /etc/sysctl.d/*.conf; \
            return the file Salt persists to: /etc/sysctl.d/99-salt.conf when systemd runs the host, /etc/sysctl.conf \
            otherwise.""",
            example = "jsalt '*' sysctl.default_config")
    public Object default_config(Call c) {
        return Files.isDirectory(Path.of("/run/systemd/system")) ? "/etc/sysctl.d/99-salt.conf" : "/etc/sysctl.conf";
    }

    @Fn(doc = """
            Return a list of sysctl parameters for this minion: the running values, or with config_file the values set \
            in that file ({} for a missing file).""",
            example = """
            jsalt '*' sysctl.show
            jsalt '*' sysctl.show config_file=/etc/sysctl.d/99-salt.conf""")
    public Object show(Call c) {
        String config = c.str(0, "config_file", null);
        Map<String, Object> ret = new LinkedHashMap<>();
        if (config != null && !config.isEmpty() && !config.equals("False")) {
            Path f = Path.of(config);
            if (!Files.exists(f)) {
                return new ArrayList<>();
            }
            for (String raw : FileIo.readText(f).split("\n")) {
                String line = raw.strip();
                if (!line.startsWith("#") && line.contains("=")) {
                    String split = line.contains(" = ") ? " = " : "=";
                    int i = line.indexOf(split);
                    ret.put(line.substring(0, i).strip(), line.substring(i + split.length()).stripLeading());
                }
            }
            return ret;
        }
        for (String line : Sh.run(List.of("sysctl", "-a")).stdout().split("\n")) {
            int i = line.indexOf(" = ");
            if (i >= 0) {
                ret.put(line.substring(0, i), line.substring(i + 3));
            }
        }
        return ret;
    }

    @Fn(doc = "Return a single sysctl parameter for this minion (sysctl's error text for an unknown one).",
            example = "jsalt '*' sysctl.get net.ipv4.ip_forward")
    public Object get(Call c) {
        return get(c.requiredStr(0, "name"));
    }

    @Fn(doc = "Assign a single sysctl parameter for this minion: {name: new value}.",
            example = "jsalt '*' sysctl.assign net.ipv4.ip_forward 1")
    public Object assign(Call c) {
        return assign(c.requiredStr(0, "name"), c.requiredStr(1, "value"));
    }

    @Fn(doc = """
            Assign and persist a simple sysctl parameter for this minion. The config file (default: \
            sysctl.default_config) is created with a header when missing; a line for the name is replaced or appended, \
            then the running value is set. Returns 'Updated', or 'Already set' when both the file and the running \
            value already hold the value.""",
            example = "jsalt '*' sysctl.persist net.ipv4.ip_forward 1")
    public Object persist(Call c) {
        String name = c.requiredStr(0, "name");
        String value = c.requiredStr(1, "value");
        String config = c.str(2, "config", null);
        Path f = Path.of(config == null ? String.valueOf(default_config(c)) : config);
        try {
            if (!Files.isRegularFile(f)) {
                Files.createDirectories(f.toAbsolutePath().getParent());
                Files.writeString(f, "#\n# Kernel sysctl configuration\n#\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CommandExecutionError("Could not write to file: " + f);
        }
        List<String> out = new ArrayList<>();
        boolean edited = false;
        String text = FileIo.readText(f);
        for (String line : text.isEmpty() ? List.<String>of() : List.of(text.split("(?<=\n)"))) {
            if (line.startsWith("#") || !line.contains("=")) {
                out.add(line);
                continue;
            }
            int eq = line.indexOf('=');
            String key = line.substring(0, eq).strip();
            String current = line.substring(eq + 1).strip();
            // procfs separates the parts of multi-value parameters with one tab; compare that way.
            if (current.contains(" ")) {
                current = current.replaceAll("\\s+", "\t");
            }
            if (value.contains(" ")) {
                value = value.replaceAll("\\s+", "\t");
            }
            if (name.equals(key)) {
                if (current.equals(value)) {
                    if (!get(name).equals(value)) {
                        assign(name, value);
                        return "Updated";
                    }
                    return "Already set";
                }
                out.add(name + " = " + value + "\n");
                edited = true;
            } else {
                out.add(line);
            }
        }
        if (!edited) {
            out.add(name + " = " + value + "\n");
        }
        FileIo.writeText(f, String.join("", out));
        assign(name, value);
        return "Updated";
    }

    private static String get(String name) {
        Sh.Out o = Sh.run(List.of("sysctl", "-n", name));
        return (o.stdout() + o.stderr()).strip();
    }

    private static Map<String, Object> assign(String name, String value) {
        Path proc = Path.of("/proc/sys", name.replace('.', '\u0000').replace('/', '.').replace('\u0000', '/'));
        if (!Files.exists(proc)) {
            throw new CommandExecutionError("sysctl " + name + " does not exist");
        }
        Sh.Out o = Sh.run(List.of("sysctl", "-w", name + "=" + value.replaceAll("\\s+", " ")));
        String out = o.stdout().strip();
        Pattern ok = Pattern.compile("^" + Pattern.quote(name) + "\\s+=\\s+" + Pattern.quote(value) + "$");
        if (!ok.matcher(out).find() || o.stderr().contains("Invalid argument")) {
            throw new CommandExecutionError("sysctl -w failed: " + (o.code() != 0 && !o.stderr().isEmpty()
                    ? o.stderr().strip() : out));
        }
        Map<String, Object> ret = new LinkedHashMap<>();
        String[] kv = out.split(" = ", 2);
        ret.put(kv[0], kv.length > 1 ? kv[1] : "");
        return ret;
    }
}
