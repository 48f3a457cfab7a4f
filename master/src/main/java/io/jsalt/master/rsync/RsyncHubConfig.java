package io.jsalt.master.rsync;

import io.jsalt.common.config.Config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The master's {@code rsync_hub} option:
 * <pre>
 * rsync_hub:
 *   listen: 0.0.0.0        # address the daemon binds
 *   port: 873
 *   modules:
 *     backups:
 *       path: /srv/backups       # required, absolute; created if missing
 *       read_only: false         # default true
 *       comment: Fleet backups
 *       auth_users: [backup]     # default: the users in secrets
 *       secrets: {backup: s3cret}
 *       secrets_pillar: rsync_hub:modules:backups   # {user, password} in the master's own pillar
 *       hosts_allow: [10.0.0.0/8]
 *       allow_root: false        # true: writes keep root's ids, devices and setuid bits
 *       # any other rsyncd module parameter, with _ for spaces: uid, gid, use_chroot, list, ...
 * </pre>
 */
public record RsyncHubConfig(String listen, int port, Map<String, Module> modules) {
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.@-]+");

    private static final Pattern PILLAR_KEY = Pattern.compile("[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*");

    /**
     * One rsyncd module. {@code extra} holds further rsyncd parameters, already spelled with
     * spaces. {@code secretsPillar} (or null) names the pillar key whose {@code user} and
     * {@code password}, in the pillar compiled for the master's own id, are added to the
     * secrets: the same values the minions push with (docs/rsync-hub.md).
     */
    public record Module(String name, String path, boolean readOnly, String comment, List<String> authUsers,
                         Map<String, String> secrets, List<String> hostsAllow, boolean allowRoot,
                         Map<String, String> extra, String secretsPillar) {
        /**
         * This module with the user and password found under {@link #secretsPillar} in PILLAR
         * added to its secrets (and to its users when the config lists none). A missing or
         * malformed value is an error naming the pillar key.
         */
        public Module withPillar(Map<String, Object> pillar) {
            if (secretsPillar == null) {
                return this;
            }
            Object v = io.jsalt.common.data.Data.get(pillar, secretsPillar, null);
            if (!(v instanceof Map<?, ?> m)) {
                throw new ConfigException("rsync_hub:modules:" + name + ":secrets_pillar: pillar key " + secretsPillar
                        + (v == null ? " is missing" : " must be a mapping with user and password"));
            }
            Object user = m.get("user");
            Object password = m.get("password");
            if (!(user instanceof String u) || !USER.matcher(u).matches()) {
                throw new ConfigException("rsync_hub:modules:" + name + ":secrets_pillar: pillar key " + secretsPillar
                        + ":user must be a user name (letters, digits, _ . @ -)");
            }
            if (!(password instanceof String pw) || pw.isEmpty()) {
                throw new ConfigException("rsync_hub:modules:" + name + ":secrets_pillar: pillar key " + secretsPillar
                        + ":password must be a non-empty string");
            }
            Map<String, String> all = new LinkedHashMap<>(secrets);
            all.put(u, clean("pillar key " + secretsPillar + ":password", pw));
            List<String> users = new ArrayList<>(authUsers);
            if (!users.contains(u)) {
                users.add(u);
            }
            for (String x : users) {
                if (!all.containsKey(x)) {
                    throw new ConfigException("rsync_hub:modules:" + name + ":auth_users: '" + x
                            + "' has no password in secrets nor in pillar key " + secretsPillar);
                }
            }
            return new Module(name, path, readOnly, comment, users, all, hostsAllow, allowRoot, extra, secretsPillar);
        }
    }

    /** This config with every module's pillar secrets added ({@link Module#withPillar}). */
    public RsyncHubConfig withPillar(Map<String, Object> pillar) {
        Map<String, Module> out = new LinkedHashMap<>();
        modules.forEach((k, m) -> out.put(k, m.withPillar(pillar)));
        return new RsyncHubConfig(listen, port, out);
    }

    /** Whether any module takes its secrets from pillar. */
    public boolean usesPillar() {
        return modules.values().stream().anyMatch(m -> m.secretsPillar() != null);
    }

    /** Parses the option; null when rsync_hub is absent. Bad values name their key. */
    public static RsyncHubConfig parse(Object option) {
        if (option == null) {
            return null;
        }
        if (!(option instanceof Map<?, ?> m)) {
            throw new ConfigException("rsync_hub must be a mapping (port, modules)");
        }
        Object p = m.get("port") == null ? 873L : m.get("port");
        if (!(p instanceof Long port) || port < 0 || port > 65535) {
            throw new ConfigException("rsync_hub:port must be an integer from 0 to 65535, got '" + p + "'");
        }
        String listen = m.get("listen") == null ? "0.0.0.0" : String.valueOf(m.get("listen"));
        Object mods = m.get("modules");
        if (mods != null && !(mods instanceof Map)) {
            throw new ConfigException("rsync_hub:modules must map module names to their settings");
        }
        Map<String, Module> modules = new LinkedHashMap<>();
        if (mods instanceof Map<?, ?> mm) {
            for (Map.Entry<?, ?> e : mm.entrySet()) {
                String name = String.valueOf(e.getKey());
                modules.put(name, module(name, e.getValue()));
            }
        }
        return new RsyncHubConfig(clean("rsync_hub:listen", listen), port.intValue(), modules);
    }

    private static Module module(String name, Object v) {
        String key = "rsync_hub:modules:" + name;
        if (!MODULE_NAME.matcher(name).matches() || name.equalsIgnoreCase("global")) {
            throw new ConfigException(key + ": '" + name + "' is not a usable module name (letters, digits, _ . -)");
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigException(key + " must be a mapping with at least a path");
        }
        Object path = m.get("path");
        if (path == null || !String.valueOf(path).startsWith("/")) {
            throw new ConfigException(key + ":path must be an absolute directory, got '" + path + "'");
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        Object s = m.get("secrets");
        if (s != null && !(s instanceof Map)) {
            throw new ConfigException(key + ":secrets must map user names to passwords");
        }
        if (s instanceof Map<?, ?> sm) {
            for (Map.Entry<?, ?> e : sm.entrySet()) {
                String user = String.valueOf(e.getKey());
                if (!USER.matcher(user).matches()) {
                    throw new ConfigException(key + ":secrets: '" + user + "' is not a usable user name");
                }
                secrets.put(user, clean(key + ":secrets:" + user, String.valueOf(e.getValue())));
            }
        }
        Object sp = m.get("secrets_pillar");
        if (sp != null && !(sp instanceof String p && PILLAR_KEY.matcher(p).matches())) {
            throw new ConfigException(key + ":secrets_pillar must be a pillar key (a:b:c), got '" + sp + "'");
        }
        String secretsPillar = (String) sp;
        List<String> users = strings(m.get("auth_users"));
        if (users.isEmpty()) {
            users = new ArrayList<>(secrets.keySet());
        }
        for (String u : users) {
            // A user named in auth_users may get its password from pillar only when it runs.
            if (!secrets.containsKey(u) && secretsPillar == null) {
                throw new ConfigException(key + ":auth_users: '" + u + "' has no password in " + key + ":secrets");
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (List.of("path", "read_only", "comment", "auth_users", "secrets", "hosts_allow", "allow_root",
                    "secrets_pillar").contains(k)) {
                continue;
            }
            if (!k.matches("[a-z_]+") || k.equals("secrets_file")) {
                throw new ConfigException(key + ": unsupported parameter '" + k + "'");
            }
            Object val = e.getValue();
            String text = val instanceof Boolean b ? (b ? "yes" : "no")
                    : val instanceof List<?> l ? String.join(" ", strings(l)) : String.valueOf(val);
            extra.put(k.replace('_', ' '), clean(key + ":" + k, text));
        }
        Object ro = m.get("read_only");
        boolean readOnly = ro == null || io.jsalt.common.data.Data.truthy(ro);
        Object ar = m.get("allow_root");
        if (ar != null && !(ar instanceof Boolean)) {
            throw new ConfigException(key + ":allow_root must be true or false, got '" + ar + "'");
        }
        String comment = m.get("comment") == null ? "" : clean(key + ":comment", String.valueOf(m.get("comment")));
        List<String> hosts = strings(m.get("hosts_allow"));
        hosts.forEach(h -> clean(key + ":hosts_allow", h));
        return new Module(name, clean(key + ":path", String.valueOf(path)), readOnly, comment, users, secrets,
                hosts, Boolean.TRUE.equals(ar), extra, secretsPillar);
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (v != null) {
            for (String part : String.valueOf(v).split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /** Refuses values that would break out of their line in rsyncd.conf or the secrets file. */
    private static String clean(String key, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new ConfigException(key + " must be on one line");
        }
        return value;
    }
}
