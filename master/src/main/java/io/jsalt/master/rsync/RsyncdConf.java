package io.jsalt.master.rsync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders rsyncd.conf and the per-module secrets files from {@link RsyncHubConfig}. The
 * daemon runs as the master's user: without root it cannot chroot or change user, so
 * those default off. As root, each module keeps rsyncd's own safe defaults: it chroots
 * into the module and writes as nobody/nogroup (the module directory is created owned by
 * them, see {@link RsyncHub}), so a client with the module's password cannot leave a file
 * owned by root nor make a device node. Every module also strips setuid/setgid bits from
 * what it receives and refuses device and special files and --chown, unless it sets
 * {@code allow_root: true}, which gives the old behaviour (root's ids, nothing refused).
 */
public final class RsyncdConf {
    /** rsync's default transfer user for a daemon run by root (rsyncd.conf(5), "uid"). */
    public static final String DEFAULT_UID = "nobody";

    /**
     * Options a module refuses. "D" is what a client's -a or -D turns into on the wire
     * (rsync -a --no-D, as the minions send, is accepted); "devices" and "specials" are the
     * long spellings; chown, usermap and groupmap would ask for other owners.
     */
    static final String REFUSED = "D devices specials chown usermap groupmap";

    /** Clears setuid and setgid on everything received (rsyncd.conf(5), "incoming chmod"). */
    static final String INCOMING_CHMOD = "ug-s";

    private RsyncdConf() {}

    /** rsync's default transfer group for a root daemon: nogroup where it exists, else nobody. */
    public static String defaultGid() {
        try {
            java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup");
            return "nogroup";
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return "nobody";
        }
    }

    /** The secrets file of a module, under the hub's directory. */
    public static Path secretsFile(Path dir, String module) {
        return dir.resolve("secrets").resolve(module + ".secrets");
    }

    public static String render(RsyncHubConfig cfg, Path dir, boolean root) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by jsalt-master from rsync_hub in the master config; edits are overwritten.\n");
        sb.append("log file = ").append(dir.resolve("rsyncd.log")).append('\n');
        sb.append("reverse lookup = no\n");
        for (RsyncHubConfig.Module m : cfg.modules().values()) {
            sb.append('\n').append('[').append(m.name()).append("]\n");
            line(sb, "path", m.path());
            if (!m.comment().isEmpty()) {
                line(sb, "comment", m.comment());
            }
            line(sb, "read only", m.readOnly() ? "yes" : "no");
            if (!m.authUsers().isEmpty()) {
                line(sb, "auth users", String.join(", ", m.authUsers()));
                line(sb, "secrets file", secretsFile(dir, m.name()).toString());
            }
            if (!m.hostsAllow().isEmpty()) {
                line(sb, "hosts allow", String.join(" ", m.hostsAllow()));
            }
            Map<String, String> extra = new java.util.LinkedHashMap<>(m.extra());
            if (!extra.containsKey("use chroot")) {
                line(sb, "use chroot", root ? "yes" : "no");
            }
            if (m.allowRoot()) {
                if (root && !extra.containsKey("uid")) {
                    line(sb, "uid", "0");
                }
                if (root && !extra.containsKey("gid")) {
                    line(sb, "gid", "0");
                }
            } else {
                if (root && !extra.containsKey("uid")) {
                    line(sb, "uid", DEFAULT_UID);
                }
                if (root && !extra.containsKey("gid")) {
                    line(sb, "gid", defaultGid());
                }
                // A module's own refusals and chmod add to these; they never replace them.
                String refuse = extra.remove("refuse options");
                line(sb, "refuse options", refuse == null ? REFUSED : REFUSED + " " + refuse);
                String chmod = extra.remove("incoming chmod");
                line(sb, "incoming chmod", chmod == null ? INCOMING_CHMOD : chmod + "," + INCOMING_CHMOD);
            }
            extra.forEach((k, v) -> line(sb, k, v));
        }
        return sb.toString();
    }

    /** "user:password" lines, as rsync's secrets file wants them. */
    public static String secrets(RsyncHubConfig.Module m) {
        List<String> lines = new ArrayList<>();
        m.secrets().forEach((u, p) -> lines.add(u + ":" + p));
        return String.join("\n", lines) + "\n";
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("    ").append(key).append(" = ").append(value).append('\n');
    }
}
