package io.jsalt.common.config;

import io.jsalt.common.MinionIds;
import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.text.Nearest;
import io.jsalt.common.text.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A master or minion configuration: Salt's key names and defaults, read from
 * {@code CONFIG_DIR/master} or {@code CONFIG_DIR/minion} (YAML), with Salt's
 * {@code root_dir} rule: path options are placed under root_dir, so a whole daemon can
 * run unprivileged inside a temp dir.
 */
public final class Config {
    /** Path options that root_dir prefixes (salt.config prepend_root_dir). */
    private static final List<String> ROOTED = List.of(
            "pki_dir", "cachedir", "sock_dir", "log_file", "autosign_file", "pidfile");

    private final Role role;
    private final Path configDir;
    private final Map<String, Object> opts;
    private final List<String> unknown = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();

    public enum Role {
        MASTER("master"),
        MINION("minion");

        private final String fileName;

        Role(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    private Config(Role role, Path configDir, Map<String, Object> opts) {
        this.role = role;
        this.configDir = configDir;
        this.opts = opts;
    }

    /** Reads CONFIG_DIR/master or CONFIG_DIR/minion; a missing file means all defaults. */
    public static Config load(Role role, Path configDir) {
        Path file = configDir.resolve(role.fileName());
        Map<String, Object> user;
        try {
            user = Yaml.loadMap(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            user = new LinkedHashMap<>();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return of(role, configDir, user);
    }

    /** Builds a config from given options over the defaults (tests, embedded use). */
    public static Config of(Role role, Path configDir, Map<String, Object> user) {
        Map<String, Object> opts = new LinkedHashMap<>();
        for (Option o : OptionTable.of(role)) {
            if (o.dflt() != null) {
                opts.put(o.name(), Data.deepCopy(o.dflt()));
            }
        }
        for (Map.Entry<String, Object> e : user.entrySet()) {
            opts.put(e.getKey(), e.getValue());
        }
        opts.put("conf_dir", configDir.toString());
        // Salt's daemons and salt-call have the -c directory as config_dir too
        // (salt/utils/parsers.py ConfigDirMixIn), which formulas read (opts['config_dir'] ~ '/roster').
        opts.put("config_dir", configDir.toString());
        opts.put("conf_file", configDir.resolve(role.fileName()).toString());
        Path root = Paths.get(String.valueOf(opts.get("root_dir")));
        for (String key : ROOTED) {
            Object v = opts.get(key);
            if (v instanceof String s && !s.isEmpty()) {
                opts.put(key, rooted(root, s).toString());
            }
        }
        Config c = new Config(role, configDir, opts);
        c.validate();
        c.sortUnknown(user.keySet());
        return c;
    }

    static Path rooted(Path root, String value) {
        Path p = Paths.get(value);
        if (root.toString().equals("/") || p.startsWith(root)) {
            return p.isAbsolute() ? p : root.resolve(p);
        }
        if (p.isAbsolute()) {
            return root.resolve(root.getRoot().relativize(p));
        }
        return root.resolve(p);
    }

    private void validate() {
        Path file = configDir.resolve(role.fileName());
        for (Option o : OptionTable.of(role)) {
            if (!opts.containsKey(o.name())) {
                continue;
            }
            Object v = opts.get(o.name());
            String problem = o.problem(v);
            if (problem == null && o.name().equals("log_level") && v != null) {
                problem = logLevelProblem(String.valueOf(v));
            }
            if (problem != null) {
                throw new ConfigException(file + ": '" + o.name() + "' " + problem);
            }
        }
        if (opts.get("file_roots") == null) {
            opts.put("file_roots", new LinkedHashMap<>());
        }
        Object id = opts.get("id");
        if (role == Role.MINION && id != null && !String.valueOf(id).isBlank()) {
            // The master refuses such an id anyway; saying so here names the file to fix.
            String problem = MinionIds.problem(String.valueOf(id).trim());
            if (problem != null) {
                throw new ConfigException(configDir.resolve(role.fileName()) + ": 'id': " + problem);
            }
        }
    }

    private static String logLevelProblem(String level) {
        try {
            io.jsalt.common.Logs.level(level);
            return null;
        } catch (IllegalArgumentException e) {
            return "must be one of all, garbage, trace, debug, info, warning, error, critical, quiet, got '"
                    + Printable.line(level) + "'";
        }
    }

    /**
     * Sorts the configured keys that are not this daemon's options: Salt options jsalt does not
     * use are "ignored"; anything else is "unknown", with the nearest known name as a hint.
     * Keys with a dot are module settings ({@code mysql.host}, {@code cron.crontab}) that
     * execution modules read through config.get, as in Salt, and are neither.
     */
    private void sortUnknown(java.util.Set<String> configured) {
        Map<String, Option> known = OptionTable.byName(role);
        Path file = configDir.resolve(role.fileName());
        for (Object raw : configured) {
            String key = String.valueOf(raw);
            if (known.containsKey(key) || key.contains(".") || key.equals("conf_dir") || key.equals("config_dir")
                    || key.equals("conf_file")) {
                continue;
            }
            if (OptionTable.IGNORED_SALT.contains(key)) {
                ignored.add(key);
                continue;
            }
            String near = Nearest.of(key, known.keySet());
            unknown.add(file + ": unknown option '" + Printable.line(key) + "'"
                    + (near == null ? "" : " (did you mean '" + near + "'?)"));
        }
    }

    /** One line per configured key that is no option of this daemon, naming the nearest option. */
    public List<String> unknownOptions() {
        return List.copyOf(unknown);
    }

    /** The configured Salt options jsalt accepts and does not use. */
    public List<String> ignoredOptions() {
        return List.copyOf(ignored);
    }

    /** Logs {@link #unknownOptions} as warnings and {@link #ignoredOptions} at info (the daemons, once logging is set up). */
    public void logOptionNotes(org.slf4j.Logger log) {
        unknown.forEach(log::warn);
        if (!ignored.isEmpty()) {
            log.info("{}: Salt options jsalt ignores: {}", configDir.resolve(role.fileName()), String.join(", ", ignored));
        }
    }

    public Role role() {
        return role;
    }

    public Path configDir() {
        return configDir;
    }

    /** The options as a map (for templates' {@code opts} and plugin contexts). */
    public Map<String, Object> opts() {
        return opts;
    }

    public Object get(String key) {
        return opts.get(key);
    }

    public String str(String key) {
        Object v = opts.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public long integer(String key) {
        Object v = opts.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new ConfigException("'" + key + "' must be an integer");
    }

    public double number(String key) {
        Object v = opts.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ConfigException("'" + key + "' must be a number");
    }

    public boolean bool(String key) {
        return Data.truthy(opts.get(key));
    }

    public Path path(String key) {
        String s = str(key);
        return s == null ? null : Paths.get(s);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object v = opts.get(key);
        return v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<>();
    }

    /** file_roots / pillar_roots as saltenv -> directories; relative dirs are under root_dir. */
    public Map<String, List<Path>> roots(String key) {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        Path root = Paths.get(str("root_dir"));
        for (Map.Entry<String, Object> e : map(key).entrySet()) {
            List<Path> dirs = new ArrayList<>();
            Object v = e.getValue();
            List<?> items = v instanceof List<?> l ? l : List.of(String.valueOf(v));
            for (Object item : items) {
                Path p = Paths.get(String.valueOf(item));
                dirs.add(p.isAbsolute() ? p : root.resolve(p));
            }
            out.put(e.getKey(), dirs);
        }
        return out;
    }

    /** A bad configuration: the message names the file and the key. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
